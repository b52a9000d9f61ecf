using AfterSales.Domain.Explanations;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;

namespace AfterSales.Application.Workflow;

/// <summary>
/// Every minute: the orchestration starts stored changes owe and the relay did not make in their grace (the app
/// stopped between the ticket's write and the start, or the engine refused it for a moment). Each owed start is
/// made — starting an orchestration that is already alive does nothing — and its entry removed; an entry whose ticket
/// was never stored (its batch lost) or has ended meanwhile is only removed. Reads only the due entries of its kind,
/// so a restarted app's tickets have their orchestrations within about a minute of its coming back.
/// </summary>
public sealed class WorkflowStartSweep(IDueIndex due, ITicketStore tickets, IWorkflowEngine engine) : ITimerFunction
{
    public const string FunctionName = "WorkflowStartSweep";

    /// <summary>Most starts made per run; the rest wait for the next run.</summary>
    public const int BatchSize = 500;

    /// <summary>An owed start whose ticket does not exist this long after it was owed was never stored.</summary>
    public static readonly TimeSpan NeverStoredAfter = TimeSpan.FromMinutes(10);

    public string Name => FunctionName;

    public async Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await due.DueAsync(WorkflowRelay.StartDueKind, now, 1, cancellationToken)).Count == 0 ? Explanation.Of(MessageCodes.NothingDue) : null;

    public Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RunAsync(now, now, cancellationToken);

    /// <summary>
    /// When the app comes back: every owed start, due or still in its grace, is made now — nothing of this instance is
    /// in flight, and a start another instance's relay is making at the same moment is made once (the engine refuses
    /// a second start of an alive instance).
    /// </summary>
    public Task<TimerRunResult> CatchUpAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(now + WorkflowRelay.StartGrace, now, cancellationToken);

    private async Task<TimerRunResult> RunAsync(DateTimeOffset dueBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = await due.DueAsync(WorkflowRelay.StartDueKind, dueBy, BatchSize, cancellationToken);
        var logs = new List<Explanation>();
        var started = 0;
        foreach (var entry in entries)
        {
            var stored = await tickets.GetAsync(entry.Ticket, cancellationToken);
            if (stored is null && now - entry.DueAt < NeverStoredAfter)
            {
                continue; // its write may still be under way: looked at again on the next run
            }

            if (stored is { Ticket: var ticket } && !ReportProjection.HasEnded(ticket))
            {
                var instance = TicketLifecycleContract.InstanceId(ticket.Id);
                if (await engine.StartAsync(TicketLifecycleContract.Name, instance, new LifecycleInput(ticket.Id.Value, ticket.Round), cancellationToken))
                {
                    started++;
                    logs.Add(Explanation.Of(MessageCodes.TimerStarted, ticket.Number, ticket.Round));
                }
            }

            await due.RemoveAsync(entry, cancellationToken);
        }

        logs.Insert(0, Explanation.Of(MessageCodes.TimerStarts, entries.Count, started));
        return new TimerRunResult(logs);
    }
}
