using AfterSales.Application.Dispatch;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Inbox;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// Turns a decided change (the ticket before and after, the events) into a <see cref="TicketChange"/> with all its
/// effects, as data: the SMS it owes, the places it takes and gives up in the assignment index, the due-index entries
/// its new deadlines need, the inbox items it brings, a new ticket's report entry. It reads (the SMS planner
/// looks up an engineer's name) but writes nothing.
/// </summary>
public sealed class TicketChanges(SmsPlanner sms, SlaClocks clocks)
{
    /// <summary>
    /// A ticket's next escalation look already has an entry when it is at least this far ahead; a change that only
    /// moves the look later leaves that entry to carry the ticket forward (the sweep then finds nothing due and writes
    /// the next one). The margin covers clocks of other instances running a little ahead.
    /// </summary>
    public static readonly TimeSpan PendingLookMargin = TimeSpan.FromMinutes(1);

    /// <summary>The change from <paramref name="before"/> (null: a new ticket) to <paramref name="after"/> through <paramref name="events"/>.</summary>
    public async Task<TicketChange> PlanAsync(
        StoredTicket? before, Ticket after, IReadOnlyList<TicketEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = before?.Ticket;
        var plan = await sms.PlanAsync(previous, after, events, now, cancellationToken);
        var messages = plan.Messages;
        var due = new List<DueEntry>();
        due.AddRange(Deadlines(previous, after, now));
        if (messages.Count > 0)
        {
            due.Add(new DueEntry(SmsDelivery.DueKind, now, after.Id));
        }

        DueEntry? start = null;
        if (before is null || (ReportProjection.HasEnded(before.Ticket) && !ReportProjection.HasEnded(after)))
        {
            due.Add(ReportProjection.Open(after)); // a new ticket, or an ended one reopened: it can change again
            start = WorkflowRelay.Owed(after, now); // and its orchestration is to be started
            due.Add(start);
        }

        var obsolete = previous is not null && (previous.Status != after.Status || previous.Appointment != after.Appointment
            || previous.CurrentFollowUp?.Status != after.CurrentFollowUp?.Status
            || previous.AssignedTo != after.AssignedTo || previous.Dispatch.AcceptBy != after.Dispatch.AcceptBy);
        return new TicketChange(before, after, events)
        {
            Messages = messages,
            Codes = plan.Codes,
            Claims = Claims(previous, after, events),
            Due = due,
            Inbox = StaffInbox.ItemsFor(after, events),
            Releases = Releases(previous, after),
            WakeSms = messages.Count > 0 || obsolete,
            WorkflowStart = start,
        };
    }

    /// <summary>
    /// The deadlines whose entries the change needs: a planned follow-up, and the next escalation look when it comes
    /// sooner than the one already indexed (or none is pending). An offer's deadline needs none: the ticket's lifecycle
    /// orchestration waits for it with a durable timer.
    /// </summary>
    public IEnumerable<DueEntry> Deadlines(Ticket? before, Ticket after, DateTimeOffset now)
    {
        if (EscalationRules.NextDue(after, clocks) is { } look)
        {
            var pending = before is null ? null : EscalationRules.NextDue(before, clocks);
            if (pending is not { } indexed || indexed <= now + PendingLookMargin || look < indexed)
            {
                yield return new DueEntry(TicketDeadlines.EscalationDue, TicketDeadlines.Ceiling(look), after.Id);
            }
        }

        if (after.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } planned
            && !(before?.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } earlier && earlier.Round == planned.Round && earlier.DueFrom == planned.DueFrom))
        {
            yield return new DueEntry(TicketDeadlines.FollowUpDue, TicketDeadlines.Ceiling(planned.DueFrom), after.Id);
        }
    }

    /// <summary>
    /// Places the change takes: the engineer it is given to (with the dispatcher's limit when the dispatcher chose them),
    /// and the follow-up agent its open follow-up is given to.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(Ticket? before, Ticket after, IReadOnlyList<TicketEvent> events)
    {
        var claims = new List<Claim>();
        if (after.AssignedTo is { } engineer && engineer != before?.AssignedTo)
        {
            var chosen = events.Select(e => e.Data).OfType<TicketAssigned>().LastOrDefault(a => a.Engineer == engineer);
            var limit = chosen is { Automatic: true, Candidates: [var first, ..] } && first.Engineer == engineer ? first.MaxConcurrent : (int?)null;
            claims.Add(new Claim(engineer, after.Id, limit));
        }

        if (after.CurrentFollowUp is { Status: FollowUpStatus.Open, Agent: { } agent } task
            && !(before?.CurrentFollowUp is { Status: FollowUpStatus.Open } held && held.Agent == agent && held.Round == task.Round))
        {
            claims.Add(new Claim(FollowUpAgents.Key(agent), after.Id));
        }

        return claims;
    }

    /// <summary>Places the change gives up: the engineer who lost the ticket or whose work on it ended, the agent whose call is over.</summary>
    public static IReadOnlyList<Claim> Releases(Ticket? before, Ticket after)
    {
        var releases = new List<Claim>();
        // Only a ticket the engineer held until now is given up (one that had left them already was released then).
        if (before?.AssignedTo is { } engineer && Dispatching.Held.Contains(before.Status)
            && (after.AssignedTo != engineer || !Dispatching.Held.Contains(after.Status)))
        {
            releases.Add(new Claim(engineer, after.Id));
        }

        if (before?.CurrentFollowUp is { Status: FollowUpStatus.Open, Agent: { } agent }
            && !(after.CurrentFollowUp is { Status: FollowUpStatus.Open } now && now.Agent == agent && now.Round == before.CurrentFollowUp.Round))
        {
            releases.Add(new Claim(FollowUpAgents.Key(agent), after.Id));
        }

        return releases;
    }
}
