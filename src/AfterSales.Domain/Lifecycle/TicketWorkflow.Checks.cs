using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Lifecycle.CommandOutcome;

namespace AfterSales.Domain.Lifecycle;

/// <summary>Whether a command may be given now: the ticket's state, the caller, and the command's data (quotes, charges, results, appointments).</summary>
public sealed partial class TicketWorkflow
{
    /// <summary>The reason given with the round's approved quote for charging a product under warranty, if any.</summary>
    private static string? ApprovedChargeReason(Ticket ticket) =>
        ticket.Quotes.LastOrDefault(q => q.Round == ticket.Round && q.Status == QuoteStatus.Approved)?.ChargeReason;

    /// <summary>When the request reached the company: the contact time it was registered with, else its registration.</summary>
    private static DateTimeOffset Earliest(Ticket ticket) =>
        ticket.Intake.ContactedAt is { } contacted && contacted < ticket.ReceivedAt ? contacted : ticket.ReceivedAt;

    private Invalid? Check(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now) => command switch
    {
        _ when StateProblem(ticket, command.Kind) is { } state => state,
        AnswerQuote { Approve: true } answer when (actor.Role != StaffRoles.Customer || answer.Device is not null)
            && ticket.Quotes.LastOrDefault() is { } quote && quote.Total > Consent.StaffApprovalLimit
            => new Invalid("quote", $"A quote above ¥{Consent.StaffApprovalLimit:0.##} (this one: ¥{quote.Total:0.00}) is approved only by the customer through the link sent to their phone; send it again with resend-link."),
        SimpleCommand { Command: TicketCommandKind.IssueDeviceLink } when ticket.Status == TicketStatus.WaitingForApproval
            && ticket.Quotes.LastOrDefault() is { } quote && quote.Total > Consent.StaffApprovalLimit
            => new Invalid("quote", $"A quote above ¥{Consent.StaffApprovalLimit:0.##} (this one: ¥{quote.Total:0.00}) is approved only on the customer's own phone; send the link with resend-link."),
        AssignTicket assign when string.IsNullOrWhiteSpace(assign.Engineer)
            => new Invalid("engineer", "Name the engineer to assign."),
        AnswerQuote when actor.Role != StaffRoles.Customer && string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Say how the customer answered (e.g. 电话确认 14:05); it is kept in the history."),
        LapseOffer when ticket.Dispatch.AcceptBy is not { } due || due > now
            => new Invalid("acceptBy", "The engineer still has time to answer the offer."),
        AgreeAppointment { Appointment: var a } when a.To <= a.From
            => new Invalid("appointment.to", "The window must end after it starts."),
        AgreeAppointment { Appointment: var a } when a.To < now
            => new Invalid("appointment.to", "The window is already over; agree a time that is still to come."),
        RecordVisit visit when visit.EndedAt <= visit.StartedAt
            => new Invalid("endedAt", "The visit must end after it starts."),
        RecordVisit visit when visit.StartedAt < Earliest(ticket).AddMinutes(-VisitTolerance.TotalMinutes)
            => new Invalid("startedAt", $"The visit cannot start before the request reached us ({Earliest(ticket):O}); check the date."),
        RecordVisit visit when visit.EndedAt > now.AddMinutes(5)
            => new Invalid("endedAt", "Record a visit once it is over; its end is in the future."),
        RecordVisit visit when string.IsNullOrWhiteSpace(visit.Findings) || string.IsNullOrWhiteSpace(visit.Measures)
            => new Invalid(string.IsNullOrWhiteSpace(visit.Findings) ? "findings" : "measures", "The service record needs what was found and what was done."),
        RecordVisit visit when Charged(ticket) + Charge(visit) > Approved(ticket)
            => new Invalid("parts", $"This work costs the customer ¥{Charged(ticket) + Charge(visit):0.00} in this round, but the approved quotes cover ¥{Approved(ticket):0.00}. Send a quote and get the customer's approval before charging."),
        ProposeQuote quote when quote.Parts.Sum(p => p.Amount) + quote.Labour <= 0
            => new Invalid("parts", "A quote is for chargeable work: give parts or labour with a price."),
        ProposeQuote quote when string.IsNullOrWhiteSpace(quote.Plan) || string.IsNullOrWhiteSpace(quote.Risks)
            => new Invalid(string.IsNullOrWhiteSpace(quote.Plan) ? "plan" : "risks", "Explain the cause and plan, and the risks, before asking the customer to pay."),
        AnswerQuote answer when answer.QuoteNumber is { } n && n != ticket.Quotes.LastOrDefault()?.Number
            => new Invalid("quote", $"Quote {n} is no longer the one waiting for an answer."),
        ConfirmResult confirm when confirm.Round is { } round && round != ticket.Round
            => new Invalid("round", $"This confirmation is for handling round {round}; the ticket is in round {ticket.Round}."),
        RecordResult { Command: TicketCommandKind.Resolve, Result: { } result } when ResultProblem(ticket, result) is { } problem
            => problem,
        ClassifyTicket when ticket.Classification?.Type is not null && string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Overriding a classification needs a reason; it is kept in the history."),
        AssignTicket { Automatic: false } when string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Say why you assign by hand (e.g. the customer asked for this engineer); it is kept in the history."),
        AssignTicket assign when assign.Engineer == ticket.AssignedTo && ticket.Status != TicketStatus.Reopened
            => new Invalid("engineer", $"The ticket is already assigned to {assign.Engineer}."),
        SimpleCommand { Command: TicketCommandKind.Decline or TicketCommandKind.Reopen } when string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", $"Say why ({TicketLifecycle.Name(command.Kind)}); it is kept in the history."),
        CancelTicket { Reason: CancelReason.Duplicate, DuplicateOf: null or "" }
            => new Invalid("duplicateOf", "A duplicate names the ticket it duplicates."),
        RecordResult result when string.IsNullOrWhiteSpace(result.Summary)
            => new Invalid("summary", "Describe the result."),
        Escalate { Escalation: var e } when ticket.Escalations.Any(x => x.Key == e.Key)
            => new Invalid("escalation", $"Escalation {e.Key} has already been made."),
        RemindCustomer { Reminder: var r } when ticket.Reminders.Any(x => x.Target == r.Target && x.Round == r.Round)
            => new Invalid("reminder", $"The customer has already been reminded of {r.Target} in round {r.Round}."),
        ScheduleFollowUp when ticket.CurrentFollowUp is not null
            => new Invalid("followUp", $"Round {ticket.Round} already has its follow-up."),
        RecordSurvey { Survey: var survey } when survey.Problem() is { } problem
            => new Invalid(problem.Field, problem.Message),
        ProposeQuote q when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && string.IsNullOrWhiteSpace(q.ChargeReason)
            => new Invalid("chargeReason", "The product is under warranty: say why the customer pays (e.g. 人为损坏, 耗材, 保修范围外); the customer sees it with the quote."),
        RecordVisit v when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && (v.Parts.Any(p => p.Amount > 0) || v.Labour?.Amount > 0)
            && string.IsNullOrWhiteSpace(v.ChargeReason) && ApprovedChargeReason(ticket) is null
            => new Invalid("chargeReason", "The product is under warranty: say why the customer pays for this visit (e.g. 人为损坏, 耗材, 保修范围外), or charge 0."),
        _ => null,
    };

    /// <summary>What the customer is charged for in the current round's visits.</summary>
    private static decimal Charged(Ticket ticket) => ticket.Visits.Where(v => v.Round == ticket.Round).Sum(v => v.Charge);

    private static decimal Charge(RecordVisit visit) => visit.Parts.Sum(p => p.Amount) + (visit.Labour?.Amount ?? 0);

    /// <summary>What the customer agreed to pay in the current round.</summary>
    private static decimal Approved(Ticket ticket) =>
        ticket.Quotes.Where(q => q.Round == ticket.Round && q.Status == QuoteStatus.Approved).Sum(q => q.Total);

    /// <summary>The result must fit the ticket: a cause for repairs, a resolution for complaints, and no "repaired" against a refused quote.</summary>
    private static Invalid? ResultProblem(Ticket ticket, ServiceResult result)
    {
        var lastQuote = ticket.Quotes.LastOrDefault(q => q.Round == ticket.Round);
        return result switch
        {
            _ when string.IsNullOrWhiteSpace(result.Solution)
                => new Invalid("solution", "Say what was done or answered."),
            { Outcome: ServiceOutcome.Repaired } when lastQuote is { Status: QuoteStatus.Refused }
                => new Invalid("outcome", $"The customer refused quote {lastQuote.Number}; send a new quote, or resolve as notRepairedQuoteRefused."),
            { Outcome: ServiceOutcome.NotRepairedQuoteRefused } when lastQuote is not { Status: QuoteStatus.Refused }
                => new Invalid("outcome", "No refused quote in this round; choose another outcome."),
            { Cause: null or "" } when ticket.Classification?.Type == TicketType.Repair
                => new Invalid("cause", "A repair result names the cause found."),
            { ComplaintResolution: null or "" } when ticket.Classification?.Type == TicketType.Complaint
                => new Invalid("complaintResolution", "A complaint result says how the complaint was resolved."),
            _ => null,
        };
    }
}
