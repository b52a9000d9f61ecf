using AfterSales.Domain.Explanations;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// Connects the pure dispatcher to the stores: decides who gets a ticket that waits for an engineer
/// (or queues it for the supervisor), enriches manual assignments with the offer deadline and the
/// dispatcher's objections. It reads the team and the assignment index and writes nothing (the change it leads to
/// carries its claims and deadlines to the <see cref="Lifecycle.TicketWriter"/>); housekeeping repairs the index.
/// </summary>
public sealed class Dispatching(
    CachedTeamStore team,
    IAssignmentIndex assignments,
    ITicketStore tickets,
    Dispatcher dispatcher,
    IOptions<DispatchOptions> options)
{
    /// <summary>An index entry younger than this may belong to a write still in flight; it is never dropped as stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Statuses in which a ticket counts against its engineer's load.</summary>
    public static IReadOnlySet<TicketStatus> Held { get; } = new HashSet<TicketStatus>
    {
        TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.InService,
        TicketStatus.WaitingForCustomer, TicketStatus.WaitingForParts, TicketStatus.WaitingForApproval,
    };

    /// <summary>
    /// What the system does next for a ticket that waits for an engineer: assign the best candidate, or queue it for
    /// the supervisor. Empty when the ticket does not wait (or, unless <paramref name="force"/>, already waits in the
    /// queue). Engineers in <paramref name="full"/> had no free place when a change was written a moment ago and are
    /// passed over. The choice writes nothing: the change carries a <see cref="Lifecycle.Claim"/> on the engineer's place
    /// with their limit, and the writer takes it atomically before the ticket is stored, so two tickets dispatched at
    /// once cannot both take an engineer's last place.
    /// </summary>
    public async Task<IReadOnlyList<(TicketCommand Command, Actor Actor)>> NextStepsAsync(
        Ticket ticket, DateTimeOffset now, bool force, IReadOnlySet<string> full, CancellationToken cancellationToken)
    {
        if (ticket.Status is not (TicketStatus.Classified or TicketStatus.Reopened) || ticket.AssignedTo is not null
            || (!force && ticket.Dispatch.Queue is not null)
            || Engineer.DepartmentFor(ticket.Classification?.Type) is not { } department)
        {
            return [];
        }

        var settings = await team.DepartmentForDispatchAsync(department, cancellationToken);
        if (!settings.AutoDispatch && !force)
        {
            return [(new QueueTicket(department, []) { Note = "Automatic dispatch is off for this department; a supervisor assigns by hand." }, Actor.System)];
        }

        var decision = await DecideAsync(ticket, department, now, cancellationToken);
        var taken = decision.Candidates.Where(c => full.Contains(c.Engineer))
            .Select(c => new IneligibleEngineer(c.Engineer, [Explanation.Of(MessageCodes.RuledOutLoadRace)])).ToList();
        var candidates = decision.Candidates.Where(c => !full.Contains(c.Engineer)).ToList();
        if (candidates is [var best, ..])
        {
            return [(new AssignTicket(best.Engineer)
            {
                Automatic = true,
                AcceptBy = AcceptBy(ticket, now),
                Candidates = candidates.Take(1 + options.Value.CandidatesRecorded).ToList(),
                Ineligible = [.. decision.Ineligible, .. taken],
                Note = $"Best of {candidates.Count} eligible engineer(s), score {best.Score:0.0}.",
                Why = Explanation.Of("dispatch.best", candidates.Count, best.Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),
            }, Actor.System)];
        }

        var ruledOut = decision.Ineligible.Concat(taken).ToList();
        return [(new QueueTicket(department, ruledOut)
        {
            Note = $"No eligible engineer among {ruledOut.Count}; waiting for a supervisor to assign by hand.",
        }, Actor.System)];
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
            return (null, new CommandOutcome.Invalid("engineer", Explanation.Of(MessageCodes.EngineerUnknown, assign.Engineer)));
        }

        var department = Engineer.DepartmentFor(ticket.Classification?.Type) ?? stored.Engineer.Department;
        var load = await LoadAsync(stored.Engineer.Id, cancellationToken);
        var check = dispatcher.Decide(Request(ticket, department), [new EngineerLoad(stored.Engineer, load)], now);
        var warnings = check.Ineligible.SelectMany(i => i.Reasons).Where(r => r.Code != MessageCodes.RuledOutDeclined).ToList();
        return (assign with { AcceptBy = AcceptBy(ticket, now), Warnings = warnings }, null);
    }

    /// <summary>The dispatcher's ranking of the department's engineers for a ticket now; loads from one read of the assignment index.</summary>
    public async Task<DispatchDecision> DecideAsync(Ticket ticket, Department department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var engineers = await team.EngineersForDispatchAsync(department, cancellationToken);
        var held = await assignments.ListAllAsync(cancellationToken);
        var loads = engineers.Select(e => new EngineerLoad(e.Engineer, held.TryGetValue(e.Engineer.Id, out var list) ? list.Count(x => x.Ticket != ticket.Id) : 0));
        return dispatcher.Decide(Request(ticket, department), loads, now);
    }

    /// <summary>How many tickets the engineer holds now: their entries in the assignment index.</summary>
    public async Task<int> LoadAsync(string engineer, CancellationToken cancellationToken) =>
        (await assignments.ListAsync(engineer, cancellationToken)).Count;

    /// <summary>
    /// Housekeeping: checks every index entry (engineers' and follow-up agents') older than <see cref="StaleAfter"/> against its ticket and removes
    /// those the ticket does not back (a write that failed after its entry, a crash before settling).
    /// </summary>
    public async Task<int> RepairAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (engineer, entries) in await assignments.ListAllAsync(cancellationToken))
        {
            foreach (var entry in entries.Where(e => e.At < now - StaleAfter))
            {
                var stored = await tickets.GetAsync(entry.Ticket, cancellationToken);
                var backed = engineer.StartsWith(FollowUps.FollowUpAgents.KeyPrefix, StringComparison.Ordinal)
                    ? stored is { Ticket: var f } && FollowUps.FollowUpAgents.Backs(f, engineer[FollowUps.FollowUpAgents.KeyPrefix.Length..])
                    : stored is { Ticket: var t } && t.AssignedTo == engineer && Held.Contains(t.Status);
                if (!backed)
                {
                    await assignments.RemoveAsync(engineer, entry.Ticket, cancellationToken);
                    removed++;
                }
            }
        }

        return removed;
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
        ticket.ServiceArea,
        ticket.Intake.Location,
        ticket.Dispatch.PassedOver);
}
