using AfterSales.Application.Dispatch;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Escalations;

/// <summary>
/// Keeps the due-index in step with tickets, ahead of every write: the next instant a ticket owes an escalation
/// (kind <see cref="EscalationDue"/>) and the instant its planned follow-up becomes due (kind <see cref="FollowUpDue"/>).
/// An entry is written whenever a change moves one of those instants; entries left behind by earlier changes
/// are harmless, because the sweeps decide from the ticket, never from the entry.
/// </summary>
public sealed class TicketDeadlines(IDueIndex due, SlaClocks clocks)
{
    /// <summary>Due-index kind of escalation looks.</summary>
    public const string EscalationDue = "sla";

    /// <summary>Due-index kind of follow-ups coming due.</summary>
    public const string FollowUpDue = "followup";

    /// <summary>Writes the entries the change will need, before it is stored.</summary>
    public async Task AnnounceAsync(Ticket? before, Ticket after, CancellationToken cancellationToken)
    {
        var next = EscalationRules.NextDue(after, clocks);
        if (next is { } look && (before is null || look != EscalationRules.NextDue(before, clocks)))
        {
            await due.ScheduleAsync(EscalationDue, Ceiling(look), after.Id, cancellationToken);
        }

        if (after.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } planned
            && !(before?.CurrentFollowUp is { Status: FollowUpStatus.Scheduled } earlier && earlier.Round == planned.Round && earlier.DueFrom == planned.DueFrom))
        {
            await due.ScheduleAsync(FollowUpDue, Ceiling(planned.DueFrom), after.Id, cancellationToken);
        }
    }

    /// <summary>Makes sure the ticket's next escalation look has an entry (after a sweep found nothing to do yet).</summary>
    public async Task EnsureAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (EscalationRules.NextDue(ticket, clocks) is { } look && look > now)
        {
            await due.ScheduleAsync(EscalationDue, Ceiling(look), ticket.Id, cancellationToken);
        }
    }

    /// <summary>The due-index keeps whole milliseconds; an entry never comes before its instant.</summary>
    private static DateTimeOffset Ceiling(DateTimeOffset at)
    {
        var ms = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).ToOffset(at.Offset);
        return ms < at ? ms.AddMilliseconds(1) : ms;
    }
}
