using System.Text.Json;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Workflow;

/// <summary>A ticket's lifecycle orchestration as staff see it.</summary>
/// <param name="RuntimeStatus">The engine's word: Pending, Running, Completed, ContinuedAsNew, Failed, Terminated, …</param>
/// <param name="Step">The process step it last read from the ticket (<see cref="ProcessStep"/>, camelCase).</param>
/// <param name="WaitsFor">What it waits for in that step, in words.</param>
/// <param name="Until">When the step's wait ends by itself (an offer lapsing, a follow-up coming due), if it does.</param>
/// <param name="Round">The handling round it follows (2 after a reopen).</param>
/// <param name="NextTimer">When its durable timer (the step's deadline or its hourly recheck) fires next.</param>
/// <param name="Stuck">True when it is alive but has not moved for longer than <see cref="TicketWorkflows.StuckAfter"/>.</param>
/// <param name="History">The current execution's history, summed up.</param>
public sealed record LifecycleView(
    string InstanceId,
    string RuntimeStatus,
    string? Step,
    string? WaitsFor,
    DateTimeOffset? Until,
    int? Round,
    DateTimeOffset? NextTimer,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    bool Stuck,
    string? Output,
    WorkflowHistorySummary History);

/// <summary>An execution's history: how many events, how many of each kind, and the latest ones.</summary>
public sealed record WorkflowHistorySummary(int Events, IReadOnlyDictionary<string, int> ByKind, IReadOnlyList<WorkflowHistoryEvent> Recent);

/// <summary>One line of the operators' list of orchestrations.</summary>
public sealed record WorkflowListItem(string InstanceId, string? TicketId, string RuntimeStatus, string? Step, DateTimeOffset? Until, int? Round, DateTimeOffset LastUpdatedAt, bool Stuck, string? Output)
{
    /// <summary>The ticket's number, where the list read the ticket (the <c>missing</c> list does).</summary>
    public string? TicketNumber { get; init; }
}

/// <summary>Reads tickets' orchestrations for staff: one ticket's, a page of them by status, or the open tickets that have none.</summary>
public sealed class TicketWorkflows(IWorkflowEngine engine, IDueIndex due, ITicketStore tickets, TimeProvider time)
{
    private const int ListPage = 1000;
    private static readonly IReadOnlyList<string> AliveStatuses = ["Pending", "Running"];

    /// <summary>Most recent history events shown.</summary>
    public const int RecentEvents = 20;

    /// <summary>
    /// The statuses an operator can list by: the engine's, <c>stuck</c> (alive but not moving), and <c>missing</c> (an
    /// open ticket with no pending or running orchestration).
    /// </summary>
    public static readonly IReadOnlyList<string> Statuses = ["pending", "running", "completed", "continuedAsNew", "failed", "terminated", "stuck", "missing"];

    /// <summary>
    /// How long an alive orchestration may go without an update before it counts as stuck: every orchestration reads its
    /// ticket at least every <see cref="TicketLifecycleContract.RecheckAfter"/>, so twice that means it is not running.
    /// </summary>
    public static readonly TimeSpan StuckAfter = 2 * TicketLifecycleContract.RecheckAfter;

    private static readonly JsonSerializerOptions StatusJson = new(JsonSerializerDefaults.Web);

    /// <summary>The ticket's orchestration, or null when it has none (yet).</summary>
    public async Task<LifecycleView?> GetAsync(TicketId ticket, CancellationToken cancellationToken, bool withHistory = true)
    {
        var instance = TicketLifecycleContract.InstanceId(ticket);
        if (await engine.GetAsync(instance, cancellationToken) is not { } state)
        {
            return null;
        }

        // The step, what it waits for and until when are in the state; the history is read only when asked for.
        var history = withHistory ? await engine.GetHistoryAsync(instance, cancellationToken) : [];
        var status = Status(state);
        var fired = history.Where(e => e.TimerId is not null).Select(e => e.TimerId!.Value).ToHashSet();
        var next = Alive(state)
            ? history.LastOrDefault(e => e.Kind == "TimerCreated" && !fired.Contains(e.EventId))?.FireAt
            : null;
        return new LifecycleView(
            state.InstanceId,
            state.RuntimeStatus,
            status?.Step,
            status is null ? null : WaitsFor(status.Step),
            status?.Until,
            status?.Round,
            next,
            state.CreatedAt,
            state.LastUpdatedAt,
            IsStuck(state),
            state.Output,
            new WorkflowHistorySummary(
                history.Count,
                history.GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                [.. history.TakeLast(RecentEvents)]));
    }

    /// <summary>A page of tickets' orchestrations in <paramref name="status"/> (one of <see cref="Statuses"/>; null: all).</summary>
    public async Task<(IReadOnlyList<WorkflowListItem> Items, string? ContinuationToken)> ListAsync(
        string? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> statuses = status switch
        {
            null => [],
            "stuck" => ["Pending", "Running"],
            _ => [char.ToUpperInvariant(status[0]) + status[1..]],
        };
        var page = await engine.ListAsync(new WorkflowQuery(statuses, TicketLifecycleContract.InstancePrefix, pageSize, continuationToken), cancellationToken);
        var items = page.Items
            .Where(s => status != "stuck" || IsStuck(s))
            .Select(s =>
            {
                var said = Status(s);
                return new WorkflowListItem(s.InstanceId, TicketLifecycleContract.TicketOf(s.InstanceId), s.RuntimeStatus, said?.Step, said?.Until, said?.Round, s.LastUpdatedAt, IsStuck(s), s.Output);
            })
            .ToList();
        return (items, page.ContinuationToken);
    }

    /// <summary>Every alive (pending or running) ticket orchestration, by instance id: the engine's listing, page by page.</summary>
    public async Task<Dictionary<string, WorkflowState>> AliveAsync(CancellationToken cancellationToken)
    {
        var alive = new Dictionary<string, WorkflowState>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await engine.ListAsync(new WorkflowQuery(AliveStatuses, TicketLifecycleContract.InstancePrefix, ListPage, token), cancellationToken);
            foreach (var state in page.Items)
            {
                alive[state.InstanceId] = state;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return alive;
    }

    /// <summary>
    /// Open tickets without a pending or running orchestration, at most <paramref name="max"/>: those received more than
    /// <see cref="ReportProjection.Grace"/> ago, and those whose owed start is overdue. Each shows the engine's status
    /// of its instance (failed, terminated, completed) or <c>Missing</c> when there is none.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowListItem>> MissingAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alive = await AliveAsync(cancellationToken);
        var open = await due.DueAsync(ReportProjection.Kind, now - ReportProjection.Grace, int.MaxValue, cancellationToken);
        var owed = await due.DueAsync(WorkflowRelay.StartDueKind, now, int.MaxValue, cancellationToken);
        var missing = new List<WorkflowListItem>();
        foreach (var id in open.Concat(owed).Select(e => e.Ticket).Distinct())
        {
            var instance = TicketLifecycleContract.InstanceId(id);
            if (missing.Count >= max || alive.ContainsKey(instance))
            {
                continue;
            }

            if (await tickets.GetAsync(id, cancellationToken) is not { Ticket: var ticket } || ReportProjection.HasEnded(ticket))
            {
                continue;
            }

            var state = await engine.GetAsync(instance, cancellationToken);
            missing.Add(new WorkflowListItem(instance, id.Value, state?.RuntimeStatus ?? "Missing", null, null, ticket.Round, state?.LastUpdatedAt ?? ticket.ReceivedAt, false, state?.Output)
            {
                TicketNumber = ticket.Number.ToString(),
            });
        }

        return missing;
    }

    /// <summary>What an orchestration waits for in <paramref name="step"/> (camelCase step name).</summary>
    public static string? WaitsFor(string step) => step switch
    {
        "dispatch" => "An engineer: the dispatcher's choice, or a supervisor assigning from the queue.",
        "acceptance" => "The engineer's answer to the offer; when the offer lapses it goes to the next candidate.",
        "service" => "The engineer's service: visits, quote and its approval, resolution.",
        "resultReport" => "The result to be reported to the customer.",
        "confirmation" => "The customer's confirmation of the result (signed link or paper form); the customer is reminded at the reminder point (by default halfway) and the supervisors told at the limit.",
        "followUpPlanned" => "The follow-up's day; then the call opens for a follow-up agent.",
        "followUp" => "The follow-up's outcome: the survey, or three unanswered calls.",
        _ => null,
    };

    /// <summary>Alive (pending or running) and not updated for longer than <see cref="StuckAfter"/>.</summary>
    public bool IsStuck(WorkflowState state) => Alive(state) && state.LastUpdatedAt < time.GetUtcNow() - StuckAfter;

    private static bool Alive(WorkflowState state) => state.RuntimeStatus is "Pending" or "Running";

    private static LifecycleStatus? Status(WorkflowState state)
    {
        if (state.CustomStatus is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LifecycleStatus>(json, StatusJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
