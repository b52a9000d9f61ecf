using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>
/// The rules behind the lifecycle's waits: whether a wait is over for a ticket as it is now, and what happens
/// when it is. A sweep or a durable timer only says "look at this ticket now"; these functions decide,
/// and answer <see cref="CommandOutcome.Unchanged"/> when the ticket has moved on and nothing is due.
/// </summary>
public sealed class DueWork(TicketWorkflow workflow)
{
    /// <summary>An offer deadline names its offer by instant; the index keeps whole milliseconds.</summary>
    private static readonly TimeSpan SameDeadline = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The engineer's offer lapses at <paramref name="deadline"/>: if the ticket still waits for that answer, the offer
    /// is withdrawn (the system then offers the ticket to the next candidate, or queues it).
    /// </summary>
    public CommandOutcome OfferDeadline(Ticket ticket, DateTimeOffset deadline, DateTimeOffset now) =>
        ticket.Status == TicketStatus.Assigned && ticket.Dispatch.AcceptBy is { } acceptBy && (acceptBy - deadline).Duration() < SameDeadline
            ? acceptBy <= now
                ? workflow.Decide(ticket, new LapseOffer { Note = "No answer before the deadline." }, Actor.System, now)
                : new CommandOutcome.Unchanged($"The offer to {ticket.AssignedTo} runs until {acceptBy:O}.")
            : new CommandOutcome.Unchanged("The offer was answered, withdrawn or replaced.");

    /// <summary>Every escalation the ticket's clocks owe now (warning, level 1, level 2), made together; each is made once.</summary>
    public CommandOutcome Escalations(Ticket ticket, DateTimeOffset now) =>
        EscalationSteps(ticket, now) is { Count: > 0 } steps ? workflow.DecideAll(ticket, steps, now) : new CommandOutcome.Unchanged("No escalation is due.");

    /// <summary>
    /// The wait for the customer's confirmation at <paramref name="now"/>: the customer is reminded once the reminder
    /// point has passed (once per round), and every escalation the clocks owe is made (level 1 at the 24 h limit),
    /// together in one change; unchanged when nothing is due.
    /// </summary>
    public CommandOutcome ConfirmationWait(Ticket ticket, DateTimeOffset now)
    {
        var steps = new List<(TicketCommand, Actor)>();
        if (ticket.Status == TicketStatus.AwaitingConfirmation && CustomerReminder.Due(ticket, now) is { } clock)
        {
            var reminder = new CustomerReminder(clock.Target, clock.Round, now, clock.DueAt!.Value);
            steps.Add((new RemindCustomer(reminder) { Note = $"Not confirmed yet: the customer is reminded; {clock.Target} is due {reminder.DueAt:O}." }, Actor.System));
        }

        steps.AddRange(EscalationSteps(ticket, now));
        return steps.Count == 0 ? new CommandOutcome.Unchanged("No reminder or escalation is due.") : workflow.DecideAll(ticket, steps, now);
    }

    /// <summary>True when the ticket's planned follow-up has come due and may be opened.</summary>
    public static bool FollowUpDue(Ticket ticket, DateTimeOffset now) =>
        ticket.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } task && task.DueFrom <= now
        && ticket.Status is TicketStatus.Confirmed or TicketStatus.Classified;

    /// <summary>Opens the due follow-up with <paramref name="agent"/> (null: the follow-up queue); unchanged when it is not due.</summary>
    public CommandOutcome OpenFollowUp(Ticket ticket, string? agent, DateTimeOffset now) =>
        FollowUpDue(ticket, now)
            ? workflow.Decide(ticket, new StartFollowUp(agent) { Note = "Follow-up due." }, Actor.System, now)
            : new CommandOutcome.Unchanged(ticket.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } planned
                ? $"The follow-up is due from {planned.DueFrom:O}."
                : "No follow-up is planned.");

    private List<(TicketCommand, Actor)> EscalationSteps(Ticket ticket, DateTimeOffset now) =>
        EscalationRules.Due(ticket, workflow.Clocks, now).Select(e => ((TicketCommand)new Escalate(e) { Note = Note(e) }, Actor.System)).ToList();

    private static string Note(Escalation e) => e.Level switch
    {
        EscalationLevel.Warning => $"{e.Target} is at risk: due {e.DueAt:O}.",
        EscalationLevel.Supervisor => $"{e.Target} was due {e.DueAt:O}: escalated to the supervisor" + (e.NewPromise is { } p ? $"; customer promised {p:O}." : "."),
        _ => $"{e.Target} was due {e.DueAt:O} and is still open: escalated to the service manager.",
    };
}
