using AfterSales.Domain.Classification;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>What an accepted command does to the snapshot, and the event that records it.</summary>
public sealed partial class TicketWorkflow
{
    private static (Ticket, TicketEventData) IssueDeviceLink(Ticket ticket, Actor actor, DateTimeOffset now)
    {
        int? quote = ticket.Status == TicketStatus.WaitingForApproval ? ticket.Quotes[^1].Number : null;
        var link = new DeviceLink(ticket.Version + 1, actor.Name, now, ticket.Round, quote);
        return (ticket with { DeviceLinks = [.. ticket.DeviceLinks, link] }, new DeviceLinkIssued(ticket.Round, quote));
    }

    private (Ticket Ticket, TicketEventData Data) Apply(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now, List<ClockChange> changes)
    {
        switch (command)
        {
            case ClassifyTicket classify:
                var classification = new TicketClassification(
                    classify.TicketType, classify.Tag, classify.Urgency, ClassificationSource.Staff, null, null, command.Note);
                var classified = Replan(ticket with { Classification = classification }, now, changes);
                return (classified, ClassifiedEvent(classification));
            case AssignTicket assign:
                var passedOver = ticket.Dispatch.AcceptBy is not null && ticket.AssignedTo is { } previous && previous != assign.Engineer
                    ? [.. ticket.Dispatch.PassedOver, previous]
                    : ticket.Dispatch.PassedOver;
                return (ticket with { AssignedTo = assign.Engineer, Dispatch = new DispatchState(passedOver, assign.AcceptBy, null) },
                    new TicketAssigned(assign.Engineer, ticket.AssignedTo)
                    {
                        Automatic = assign.Automatic,
                        AcceptBy = assign.AcceptBy,
                        Candidates = assign.Candidates,
                        Ineligible = assign.Ineligible,
                        Warnings = assign.Warnings is { Count: > 0 } ? assign.Warnings : null,
                    });
            case QueueTicket queue:
                return (ticket with { Dispatch = ticket.Dispatch with { AcceptBy = null, Queue = queue.Department } },
                    new TicketQueued(queue.Department, queue.Ineligible));
            case LapseOffer:
                return (ticket with { AssignedTo = null, Dispatch = new DispatchState([.. ticket.Dispatch.PassedOver, ticket.AssignedTo!], null, null) },
                    new OfferLapsed(ticket.AssignedTo!, ticket.Dispatch.AcceptBy!.Value));
            case AgreeAppointment appointment:
                return (ticket with { Appointment = appointment.Appointment }, new AppointmentAgreed(appointment.Appointment));
            case RecordVisit v:
                var visit = new ServiceVisit(ticket.Visits.Count + 1, actor.Name, v.StartedAt, v.EndedAt, v.Mode, v.Findings, v.Measures, v.Parts, v.Labour, v.Remarks, ticket.Round)
                {
                    // A charge covered by an approved quote carries the quote's reason for charging under warranty.
                    ChargeReason = string.IsNullOrWhiteSpace(v.ChargeReason) && (v.Parts.Any(p => p.Amount > 0) || v.Labour?.Amount > 0)
                        ? ApprovedChargeReason(ticket)
                        : v.ChargeReason,
                };
                return (ticket with { Visits = [.. ticket.Visits, visit] }, new ServiceVisitRecorded(visit));
            case ProposeQuote q:
                var quote = new Quote(ticket.Quotes.Count + 1, q.Parts, q.Labour, q.Plan, q.Risks, now, ticket.Round) { ChargeReason = q.ChargeReason };
                return (ticket with { Quotes = [.. ticket.Quotes, quote] }, new QuoteProposed(quote));
            case AnswerQuote answer:
                var pending = ticket.Quotes[^1];
                var answered = pending with
                {
                    Status = answer.Approve ? QuoteStatus.Approved : QuoteStatus.Refused,
                    AnsweredAt = now,
                    AnsweredBy = actor.Name,
                    Comment = answer.Comment,
                };
                answered = answered with { AnsweredOnDevice = answer.Device };
                TicketEventData answerEvent = answer.Approve
                    ? new QuoteApproved(pending.Number, pending.Total, answer.Comment) { Device = answer.Device }
                    : new QuoteRefused(pending.Number, pending.Total, answer.Comment) { Device = answer.Device };
                return (ticket with { Quotes = [.. ticket.Quotes.Take(ticket.Quotes.Count - 1), answered] }, answerEvent);
            case PauseService pause:
                return (ticket, new ServicePaused(pause.Reason));
            case RecordResult { Command: TicketCommandKind.Resolve } result:
                return (ticket with { Resolution = result.Summary, Result = result.Result }, new TicketResolved(result.Summary) { Result = result.Result });
            case RecordResult result:
                return (ticket, new ResultReported(result.Summary));
            case ConfirmResult confirm:
                var confirmation = new CustomerConfirmation(confirm.Rating, confirm.Comment, confirm.Signature, now, actor, ticket.Round) { Device = confirm.Device };
                return (ticket with { Rating = confirm.Rating, Confirmations = [.. ticket.Confirmations, confirmation] },
                    new TicketConfirmed(confirm.Rating) { Comment = confirm.Comment, Signature = confirm.Signature, Device = confirm.Device });
            case CancelTicket cancel:
                var stopped = ticket.Clocks.Select(c => c.IsActive ? Record(Clocks.Stop(c, now, ClockOutcome.Cancelled), ClockChangeKind.Cancelled, changes) : c).ToList();
                return (Finish(ticket, now, FollowUpStatus.Withdrawn) with { CancelReason = cancel.Reason, Clocks = stopped }, new TicketCancelled(cancel.Reason, cancel.DuplicateOf));
            case RemindCustomer remind:
                return (ticket with { Reminders = [.. ticket.Reminders, remind.Reminder] }, new CustomerReminded(remind.Reminder));
            case Escalate escalate:
                return (ticket with { Escalations = [.. ticket.Escalations, escalate.Escalation] }, new SlaEscalated(escalate.Escalation));
            case ScheduleFollowUp schedule:
                var planned = new FollowUpTask { Reason = schedule.Reason, Round = ticket.Round, TriggeredAt = now, DueFrom = schedule.DueFrom };
                return (ticket with { FollowUps = [.. ticket.FollowUps, planned] }, new FollowUpScheduled(schedule.Reason, schedule.DueFrom));
            case StartFollowUp start:
                var task = (ticket.CurrentFollowUp ?? new FollowUpTask { Reason = FollowUpReason.Staff, Round = ticket.Round, TriggeredAt = now, DueFrom = now }) with
                {
                    Status = FollowUpStatus.Open,
                    OpenedAt = now,
                    Agent = start.Agent ?? (actor.Role == StaffRoles.FollowUp ? actor.Name : null),
                };
                return (WithFollowUp(ticket, task), new FollowUpStarted { Reason = task.Reason, Agent = task.Agent });
            case RecordCall call:
                return Call(ticket, call, actor, now);
            case RecordSurvey survey:
                var surveyed = ticket.CurrentFollowUp! with { Survey = survey.Survey, Status = FollowUpStatus.Done, FinishedAt = now, NextCallAt = null };
                return (WithFollowUp(ticket, surveyed), new SurveyRecorded(survey.Survey) { Below = survey.Survey.Below(FollowUps.PassScore) });
            case SimpleCommand simple:
                return simple.Command switch
                {
                    TicketCommandKind.Accept => (ticket with { Dispatch = ticket.Dispatch with { AcceptBy = null } }, new AssignmentAccepted(actor.Name)),
                    TicketCommandKind.Decline => (ticket with { AssignedTo = null, Dispatch = new DispatchState([.. ticket.Dispatch.PassedOver, actor.Name], null, null) },
                        new AssignmentDeclined(actor.Name)),
                    TicketCommandKind.Start => (ticket, new ServiceStarted(ticket.AssignedTo)),
                    TicketCommandKind.Resume => (ticket, new ServiceResumed(WaitingFor(ticket))),
                    TicketCommandKind.Close => (Finish(ticket, now, ClosedFollowUp(ticket.CurrentFollowUp)), new TicketClosed()),
                    TicketCommandKind.Reopen => (Finish(ticket, now, FollowUpStatus.Withdrawn) with
                    {
                        Round = ticket.Round + 1, Rating = null, Dispatch = DispatchState.None, Appointment = null, AssignedTo = null,
                        // The earlier round's promises have lost their meaning: the new round starts its own.
                        Clocks = ticket.Clocks.Select(c => c.IsActive ? Record(Clocks.Stop(c, now, ClockOutcome.Withdrawn), ClockChangeKind.Withdrawn, changes) : c).ToList(),
                    }, new TicketReopened(ticket.Round + 1)),
                    TicketCommandKind.ResendLink => (ticket, new CustomerLinkResent()),
                    TicketCommandKind.IssueDeviceLink => IssueDeviceLink(ticket, actor, now),
                    _ => throw new InvalidOperationException($"No effect defined for {simple.Command}."),
                };
            default:
                throw new InvalidOperationException($"No effect defined for {command.GetType().Name}.");
        }
    }

    /// <summary>What a ticket resuming now was waiting for (read from its open pauses).</summary>
    private static PauseReason WaitingFor(Ticket ticket) =>
        ticket.Clocks.LastOrDefault(c => c.IsPaused)?.Pauses[^1].Status == TicketStatus.WaitingForParts ? PauseReason.Parts : PauseReason.Customer;

    private static TicketClassified ClassifiedEvent(TicketClassification c) =>
        new(c.Type, c.Tag, c.Urgency, c.Source, c.TypeRule, c.UrgencyRule);
}
