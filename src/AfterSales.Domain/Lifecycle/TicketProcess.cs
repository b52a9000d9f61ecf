using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>The steps of the service process a ticket goes through, in the order of the process.</summary>
public enum ProcessStep
{
    /// <summary>Registered and classified; waits for an engineer (the dispatcher, or the supervisor's queue).</summary>
    Dispatch,
    /// <summary>Offered to an engineer; waits for the answer until the offer lapses.</summary>
    Acceptance,
    /// <summary>Accepted; the service is under way (on site or remote, perhaps paused).</summary>
    Service,
    /// <summary>Resolved; waits for the result to be reported to the customer.</summary>
    ResultReport,
    /// <summary>The result was reported; waits for the customer's confirmation (reminding them at the reminder point, escalating at the limit).</summary>
    Confirmation,
    /// <summary>Confirmed; the follow-up is planned and waits for its day.</summary>
    FollowUpPlanned,
    /// <summary>The follow-up is open; waits for the call's outcome or the survey.</summary>
    FollowUp,
    /// <summary>Closed or cancelled: nothing more happens.</summary>
    Ended,
}

/// <summary>
/// Where a ticket is in the process: its step, the instant its wait ends by itself (an offer lapsing, the customer's
/// reminder or confirmation limit, a follow-up coming due; null when only a person or the customer moves it on) and its
/// handling round.
/// </summary>
public sealed record ProcessPosition(ProcessStep Step, DateTimeOffset? Until, int Round);

/// <summary>The service process read from a ticket: which step it is in and what ends the wait by itself.</summary>
public static class TicketProcess
{
    /// <summary>
    /// Where <paramref name="ticket"/> is now: the step of its status (<see cref="StepOf"/>), except that a ticket not yet
    /// under way whose follow-up is planned (a purchase's follow-up visit) waits for that follow-up's day.
    /// </summary>
    public static ProcessPosition Of(Ticket ticket) => StepOf(ticket.Status) switch
    {
        ProcessStep.Acceptance => new(ProcessStep.Acceptance, ticket.Dispatch.AcceptBy, ticket.Round),
        ProcessStep.Dispatch or ProcessStep.FollowUpPlanned when ticket.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } planned
            => new(ProcessStep.FollowUpPlanned, planned.DueFrom, ticket.Round),
        ProcessStep.Confirmation => new(ProcessStep.Confirmation, ConfirmationWaitsUntil(ticket), ticket.Round),
        var step => new(step, null, ticket.Round),
    };

    /// <summary>
    /// Until when the wait for the customer's confirmation goes on by itself: the reminder point while the customer has
    /// not been reminded, then the confirmation limit until its level-1 escalation is made; null after that.
    /// </summary>
    private static DateTimeOffset? ConfirmationWaitsUntil(Ticket ticket)
    {
        if (CustomerReminder.Pending(ticket) is { RemindAt: { } remindAt })
        {
            return remindAt;
        }

        var clock = ticket.Clocks.FirstOrDefault(c => c.Kind == SlaKind.Confirmation && c.Round == ticket.Round && c.IsActive);
        return clock is { DueAt: { } due } && !EscalationRules.Fired(ticket, clock, EscalationLevel.Supervisor) ? due : null;
    }

    /// <summary>The step a ticket in <paramref name="status"/> is in.</summary>
    public static ProcessStep StepOf(TicketStatus status) => status switch
    {
        TicketStatus.Closed or TicketStatus.Cancelled => ProcessStep.Ended,
        TicketStatus.Assigned => ProcessStep.Acceptance,
        TicketStatus.Accepted or TicketStatus.InService or TicketStatus.WaitingForCustomer or TicketStatus.WaitingForParts
            or TicketStatus.WaitingForApproval => ProcessStep.Service,
        TicketStatus.Resolved => ProcessStep.ResultReport,
        TicketStatus.AwaitingConfirmation => ProcessStep.Confirmation,
        TicketStatus.Confirmed => ProcessStep.FollowUpPlanned,
        TicketStatus.FollowUp => ProcessStep.FollowUp,
        _ => ProcessStep.Dispatch,
    };
}
