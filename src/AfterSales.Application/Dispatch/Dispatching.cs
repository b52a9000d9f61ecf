using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// Connects the pure dispatcher to the stores: decides who gets a ticket that waits for an engineer
/// (or queues it for the supervisor), enriches manual assignments with the offer deadline and the
/// dispatcher's objections, and writes the assignment and deadline indexes ahead of the ticket write.
/// </summary>
public sealed class Dispatching(
    ITeamStore team,
    IAssignmentIndex assignments,
    IDueIndex due,
    ITicketStore tickets,
    Dispatcher dispatcher,
    IOptions<DispatchOptions> options)
{
    /// <summary>Due-index kind of an engineer's offer deadline.</summary>
    public const string OfferDue = "offer";

    /// <summary>An index entry younger than this may belong to a write still in flight; it is never dropped as stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Statuses in which a ticket counts against its engineer's load.</summary>
    public static IReadOnlySet<TicketStatus> Held { get; } = new HashSet<TicketStatus>
    {
        TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.InService,
        TicketStatus.WaitingForCustomer, TicketStatus.WaitingForParts, TicketStatus.WaitingForApproval,
    };

    /// <summary>
    /// What the system does next for a ticket that waits for an engineer: assign the best candidate, or
    /// queue it for the supervisor. Empty when the ticket does not wait (or, unless <paramref name="force"/>,
    /// already waits in the queue).
    /// </summary>
    public async Task<IReadOnlyList<(TicketCommand Command, Actor Actor)>> NextStepsAsync(
        Ticket ticket, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        if (ticket.Status is not (TicketStatus.Classified or TicketStatus.Reopened) || ticket.AssignedTo is not null
            || (!force && ticket.Dispatch.Queue is not null)
            || Engineer.DepartmentFor(ticket.Classification?.Type) is not { } department)
        {
            return [];
        }

        var settings = await team.GetDepartmentAsync(department, cancellationToken);
        if (!settings.AutoDispatch && !force)
        {
            return [(new QueueTicket(department, []) { Note = "Automatic dispatch is off for this department; a supervisor assigns by hand." }, Actor.System)];
        }

        var decision = await DecideAsync(ticket, department, now, cancellationToken);
        if (decision.Best is not { } best)
        {
            return [(new QueueTicket(department, decision.Ineligible)
            {
                Note = $"No eligible engineer among {decision.Ineligible.Count}; waiting for a supervisor to assign by hand.",
            }, Actor.System)];
        }

        var command = new AssignTicket(best.Engineer)
        {
            Automatic = true,
            AcceptBy = AcceptBy(ticket, now),
            Candidates = decision.Candidates.Take(1 + options.Value.CandidatesRecorded).ToList(),
            Ineligible = decision.Ineligible,
            Note = $"Best of {decision.Candidates.Count} eligible engineer(s), score {best.Score:0.0}.",
        };
        return [(command, Actor.System)];
    }

    /// <summary>
    /// A person's assignment: the engineer must exist; the offer gets its deadline, and whatever would have
    /// made the dispatcher pass the engineer over is recorded as warnings. Other commands pass unchanged.
    /// </summary>
    public async Task<(TicketCommand? Command, CommandOutcome.Invalid? Error)> PrepareAsync(
        Ticket ticket, TicketCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (command is not AssignTicket { Automatic: false } assign || string.IsNullOrWhiteSpace(assign.Engineer))
        {
            return (command, null);
        }

        var stored = await team.GetEngineerAsync(assign.Engineer, cancellationToken);
        if (stored is null)
        {
            return (null, new CommandOutcome.Invalid("engineer", $"No engineer '{assign.Engineer}'. Add them with POST /api/engineers, or pick one from GET /api/engineers."));
        }

        var department = Engineer.DepartmentFor(ticket.Classification?.Type) ?? stored.Engineer.Department;
        var load = await LoadAsync(stored.Engineer.Id, now, cancellationToken);
        var check = dispatcher.Decide(Request(ticket, department), [new EngineerLoad(stored.Engineer, load)], now);
        var warnings = check.Ineligible.SelectMany(i => i.Reasons).Where(r => !r.StartsWith("already declined", StringComparison.Ordinal)).ToList();
        return (assign with { AcceptBy = AcceptBy(ticket, now), Warnings = warnings }, null);
    }

    /// <summary>Writes the index entries a change will need, before the change itself is stored.</summary>
    public async Task AnnounceAsync(Ticket? before, Ticket after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (after.AssignedTo is { } engineer && engineer != before?.AssignedTo)
        {
            await assignments.AddAsync(engineer, after.Id, now, cancellationToken);
        }

        if (after.Dispatch.AcceptBy is { } deadline && deadline != before?.Dispatch.AcceptBy)
        {
            await due.ScheduleAsync(OfferDue, deadline, after.Id, cancellationToken);
        }
    }

    /// <summary>The dispatcher's ranking of the department's engineers for a ticket now.</summary>
    /// <remarks>
    /// Load costs reads, so it is read only for the engineers who pass every other check; the others are
    /// ruled out already and their reasons say why.
    /// </remarks>
    public async Task<DispatchDecision> DecideAsync(Ticket ticket, Department department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var engineers = (await team.ListEngineersAsync(department, cancellationToken)).Select(e => e.Engineer).ToList();
        var request = Request(ticket, department);
        var otherwiseEligible = dispatcher.Decide(request, engineers.Select(e => new EngineerLoad(e, 0)), now)
            .Candidates.Select(c => c.Engineer).ToHashSet(StringComparer.Ordinal);
        var loads = new List<EngineerLoad>(engineers.Count);
        foreach (var engineer in engineers)
        {
            loads.Add(new EngineerLoad(engineer, otherwiseEligible.Contains(engineer.Id) ? await LoadAsync(engineer.Id, now, cancellationToken) : 0));
        }

        return dispatcher.Decide(request, loads, now);
    }

    /// <summary>
    /// How many tickets the engineer holds now, read from the assignment index and checked against each
    /// ticket; entries that no longer hold (and are old enough not to be in flight) are dropped.
    /// </summary>
    public async Task<int> LoadAsync(string engineer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = 0;
        foreach (var entry in await assignments.ListAsync(engineer, cancellationToken))
        {
            var stored = await tickets.GetAsync(entry.Ticket, cancellationToken);
            if (stored is { Ticket: var t } && t.AssignedTo == engineer && Held.Contains(t.Status))
            {
                held++;
            }
            else if (entry.At < now - StaleAfter)
            {
                await assignments.RemoveAsync(engineer, entry.Ticket, cancellationToken);
            }
        }

        return held;
    }

    /// <summary>The offer deadline, to the whole millisecond: the due-index keys deadlines at that precision.</summary>
    private DateTimeOffset AcceptBy(Ticket ticket, DateTimeOffset now)
    {
        var deadline = now + (ticket.Classification?.Urgency == Urgency.Urgent ? options.Value.UrgentAcceptWithin : options.Value.AcceptWithin);
        return DateTimeOffset.FromUnixTimeMilliseconds(deadline.ToUnixTimeMilliseconds());
    }

    private static DispatchRequest Request(Ticket ticket, Department department) => new(
        department,
        ticket.Intake.Product.Line,
        ticket.Classification?.Tag,
        ticket.Classification?.Urgency ?? Urgency.Normal,
        ticket.Intake.Region ?? ServiceRegion.FromAddress(ticket.Intake.Customer.Address),
        ticket.Intake.Location,
        ticket.Dispatch.PassedOver);
}
