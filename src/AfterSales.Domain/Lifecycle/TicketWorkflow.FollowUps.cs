using AfterSales.Domain.Explanations;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>The steps the rules take by themselves after a change, and the follow-up calls.</summary>
public sealed partial class TicketWorkflow
{
    /// <summary>
    /// The steps the rules take by themselves after a change: plan the follow-up of a confirmed repair or complaint
    /// (or of a follow-up visit requested as a ticket), and finish a follow-up whose survey or calls are done —
    /// a score below the pass score reopens the ticket for a second handling, anything else closes it. A confirmation
    /// rated not satisfied reopens the ticket for a second handling, however it was given (the customer's link, their
    /// signature on a staff member's device, or a paper form or call recorded by staff).
    /// </summary>
    public IReadOnlyList<(TicketCommand Command, Actor Actor)> SystemSteps(Ticket ticket, DateTimeOffset now)
    {
        var task = ticket.CurrentFollowUp;
        var type = ticket.Classification?.Type;
        if (ticket.Status == TicketStatus.Confirmed && ticket.Rating == ConfirmationRating.NotSatisfied)
        {
            var comment = ticket.Confirmations.LastOrDefault(c => c.Round == ticket.Round)?.Comment;
            return [(new SimpleCommand(TicketCommandKind.Reopen) { Note = $"客户不满意，进入二次处理。{comment}".Trim() }, Actor.System)];
        }

        if (task is null)
        {
            var reason = ticket.Status switch
            {
                TicketStatus.Confirmed when ticket.Rating != ConfirmationRating.NotSatisfied && type == TicketType.Repair => FollowUpReason.Repair,
                TicketStatus.Confirmed when ticket.Rating != ConfirmationRating.NotSatisfied && type == TicketType.Complaint => FollowUpReason.Complaint,
                TicketStatus.Classified when type == TicketType.FollowUp => FollowUpReason.Request,
                _ => (FollowUpReason?)null,
            };
            return reason is { } r
                ? [(new ScheduleFollowUp(r, FollowUps.DueFrom(r, now, Clocks.Calendar)) { Note = $"Follow-up planned ({r}).", Why = Explanation.Of("followUp.planned", r) }, Actor.System)]
                : [];
        }

        if (ticket.Status != TicketStatus.FollowUp)
        {
            return [];
        }

        if (task.Survey is { } survey && survey.Below(FollowUps.PassScore) is { Count: > 0 } low)
        {
            var scores = string.Join(", ", survey.Scores().Where(s => low.Contains(s.Dimension)).Select(s => $"{SurveyAnswer.ChineseName(s.Dimension)}{s.Score}分"));
            return [(new SimpleCommand(TicketCommandKind.Reopen) { Note = $"二次处理：回访评分低于{FollowUps.PassScore}分（{scores}）。" }, Actor.System)];
        }

        return task.Status switch
        {
            FollowUpStatus.Done => [(new SimpleCommand(TicketCommandKind.Close) { Note = "回访完成。" }, Actor.System)],
            FollowUpStatus.Unreachable => [(new SimpleCommand(TicketCommandKind.Close) { Note = $"回访未联系上客户（{task.Attempts.Count}次）。" }, Actor.System)],
            _ => [],
        };
    }

    private (Ticket Ticket, TicketEventData Data) Call(Ticket ticket, RecordCall call, Actor actor, DateTimeOffset now)
    {
        var task = ticket.CurrentFollowUp!;
        var attempt = new CallAttempt(task.Attempts.Count + 1, now, call.Outcome, actor.Name, call.Note);
        var unreachable = call.Outcome == CallOutcome.WrongNumber || (call.Outcome == CallOutcome.NoAnswer && attempt.Number >= FollowUps.MaxAttempts);
        DateTimeOffset? next = call.Outcome == CallOutcome.NoAnswer && !unreachable ? FollowUps.NextCall(attempt.Number, now, Clocks.Calendar) : null;
        var updated = task with
        {
            Attempts = [.. task.Attempts, attempt],
            NextCallAt = next,
            Status = unreachable ? FollowUpStatus.Unreachable : FollowUpStatus.Open,
            FinishedAt = unreachable ? now : null,
        };
        return (WithFollowUp(ticket, updated), new FollowUpCallRecorded(attempt) { NextCallAt = next, Unreachable = unreachable });
    }

    /// <summary>Replaces the current round's follow-up (or adds it).</summary>
    private static Ticket WithFollowUp(Ticket ticket, FollowUpTask task) => ticket with
    {
        FollowUps = [.. ticket.FollowUps.Where(f => f.Round != task.Round), task],
    };

    /// <summary>A ticket closed by hand: a planned follow-up is no longer wanted; an open one ends as its calls went.</summary>
    private static FollowUpStatus ClosedFollowUp(FollowUpTask? task) => task switch
    {
        { Status: FollowUpStatus.Scheduled } => FollowUpStatus.Withdrawn,
        { Attempts: [.., { Outcome: not CallOutcome.Reached }] } => FollowUpStatus.Unreachable,
        _ => FollowUpStatus.Done,
    };

    /// <summary>Ends a pending follow-up of the current round with <paramref name="status"/>.</summary>
    private static Ticket Finish(Ticket ticket, DateTimeOffset now, FollowUpStatus status) =>
        ticket.CurrentFollowUp is { IsPending: true } pending
            ? WithFollowUp(ticket, pending with { Status = status, FinishedAt = now, NextCallAt = null })
            : ticket;
}
