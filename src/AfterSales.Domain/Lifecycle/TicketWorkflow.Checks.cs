using AfterSales.Domain.Explanations;
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
            => Refuse("quote", MessageCodes.QuoteAboveLimitLink, Money(Consent.StaffApprovalLimit, "0.##"), Money(quote.Total, "0.00")),
        SimpleCommand { Command: TicketCommandKind.IssueDeviceLink } when ticket.Status == TicketStatus.WaitingForApproval
            && ticket.Quotes.LastOrDefault() is { } quote && quote.Total > Consent.StaffApprovalLimit
            => Refuse("quote", MessageCodes.QuoteAboveLimitOwnPhone, Money(Consent.StaffApprovalLimit, "0.##"), Money(quote.Total, "0.00")),
        AssignTicket assign when string.IsNullOrWhiteSpace(assign.Engineer)
            => Refuse("engineer", MessageCodes.AssignWho),
        AnswerQuote when actor.Role != StaffRoles.Customer && string.IsNullOrWhiteSpace(command.Note)
            => Refuse("reason", MessageCodes.QuoteAnswerHow),
        LapseOffer when ticket.Dispatch.AcceptBy is not { } due || due > now
            => Refuse("acceptBy", MessageCodes.OfferStillOpen),
        AgreeAppointment { Appointment: var a } when a.To <= a.From
            => Refuse("appointment.to", MessageCodes.WindowBackwards),
        AgreeAppointment { Appointment: var a } when a.To < now
            => Refuse("appointment.to", MessageCodes.WindowOver),
        RecordVisit visit when visit.EndedAt <= visit.StartedAt
            => Refuse("endedAt", MessageCodes.VisitBackwards),
        RecordVisit visit when visit.StartedAt < Earliest(ticket).AddMinutes(-VisitTolerance.TotalMinutes)
            => Refuse("startedAt", MessageCodes.VisitBeforeRequest, Earliest(ticket).ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        RecordVisit visit when visit.EndedAt > now.AddMinutes(5)
            => Refuse("endedAt", MessageCodes.VisitInFuture),
        RecordVisit visit when string.IsNullOrWhiteSpace(visit.Findings) || string.IsNullOrWhiteSpace(visit.Measures)
            => Refuse(string.IsNullOrWhiteSpace(visit.Findings) ? "findings" : "measures", MessageCodes.VisitRecord),
        RecordVisit visit when Charged(ticket) + Charge(visit) > Approved(ticket)
            => Refuse("parts", MessageCodes.ChargeAboveApproved, Money(Charged(ticket) + Charge(visit), "0.00"), Money(Approved(ticket), "0.00")),
        ProposeQuote quote when quote.Parts.Sum(p => p.Amount) + quote.Labour <= 0
            => Refuse("parts", MessageCodes.QuoteEmpty),
        ProposeQuote quote when string.IsNullOrWhiteSpace(quote.Plan) || string.IsNullOrWhiteSpace(quote.Risks)
            => Refuse(string.IsNullOrWhiteSpace(quote.Plan) ? "plan" : "risks", MessageCodes.QuotePlan),
        AnswerQuote answer when answer.QuoteNumber is { } n && n != ticket.Quotes.LastOrDefault()?.Number
            => Refuse("quote", MessageCodes.QuoteNotWaiting, n),
        ConfirmResult confirm when confirm.Round is { } round && round != ticket.Round
            => Refuse("round", MessageCodes.ConfirmationRound, round, ticket.Round),
        RecordResult { Command: TicketCommandKind.Resolve, Result: { } result } when ResultProblem(ticket, result) is { } problem
            => problem,
        ClassifyTicket when ticket.Classification?.Type is not null && string.IsNullOrWhiteSpace(command.Note)
            => Refuse("reason", MessageCodes.OverrideReason),
        AssignTicket { Automatic: false } when string.IsNullOrWhiteSpace(command.Note)
            => Refuse("reason", MessageCodes.AssignReason),
        AssignTicket assign when assign.Engineer == ticket.AssignedTo && ticket.Status != TicketStatus.Reopened
            => Refuse("engineer", MessageCodes.AlreadyAssigned, assign.Engineer),
        SimpleCommand { Command: TicketCommandKind.Decline or TicketCommandKind.Reopen } when string.IsNullOrWhiteSpace(command.Note)
            => Refuse("reason", MessageCodes.ReasonRequired, TicketLifecycle.Name(command.Kind)),
        CancelTicket { Reason: CancelReason.Duplicate, DuplicateOf: null or "" }
            => Refuse("duplicateOf", MessageCodes.DuplicateNamesTicket),
        RecordResult result when string.IsNullOrWhiteSpace(result.Summary)
            => Refuse("summary", MessageCodes.DescribeResult),
        Escalate { Escalation: var e } when ticket.Escalations.Any(x => x.Key == e.Key)
            => Refuse("escalation", MessageCodes.EscalationMade, e.Key),
        RemindCustomer { Reminder: var r } when ticket.Reminders.Any(x => x.Target == r.Target && x.Round == r.Round)
            => Refuse("reminder", MessageCodes.AlreadyReminded, r.Target, r.Round),
        ScheduleFollowUp when ticket.CurrentFollowUp is not null
            => Refuse("followUp", MessageCodes.FollowUpExists, ticket.Round),
        RecordSurvey { Survey: var survey } when survey.Problem() is { } problem
            => new Invalid(problem.Field, problem.Message),
        ProposeQuote q when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && string.IsNullOrWhiteSpace(q.ChargeReason)
            => Refuse("chargeReason", MessageCodes.WarrantyChargeQuote),
        RecordVisit v when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && (v.Parts.Any(p => p.Amount > 0) || v.Labour?.Amount > 0)
            && string.IsNullOrWhiteSpace(v.ChargeReason) && ApprovedChargeReason(ticket) is null
            => Refuse("chargeReason", MessageCodes.WarrantyChargeVisit),
        _ => null,
    };

    /// <summary>The refusal of <paramref name="field"/> with the message <paramref name="code"/> (<see cref="MessageCodes"/>).</summary>
    private static Invalid Refuse(string field, string code, params object?[] arguments) => new(field, Explanation.Of(code, arguments));

    /// <summary>An amount of yuan as the message shows it.</summary>
    private static string Money(decimal amount, string format) => amount.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

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
                => Refuse("solution", MessageCodes.ResultSolution),
            { Outcome: ServiceOutcome.Repaired } when lastQuote is { Status: QuoteStatus.Refused }
                => Refuse("outcome", MessageCodes.ResultQuoteRefused, lastQuote.Number),
            { Outcome: ServiceOutcome.NotRepairedQuoteRefused } when lastQuote is not { Status: QuoteStatus.Refused }
                => Refuse("outcome", MessageCodes.ResultNoRefusedQuote),
            { Cause: null or "" } when ticket.Classification?.Type == TicketType.Repair
                => Refuse("cause", MessageCodes.ResultCause),
            { ComplaintResolution: null or "" } when ticket.Classification?.Type == TicketType.Complaint
                => Refuse("complaintResolution", MessageCodes.ResultComplaint),
            _ => null,
        };
    }
}
