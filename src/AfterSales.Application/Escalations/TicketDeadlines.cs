using AfterSales.Application.Dispatch;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Escalations;

/// <summary>
/// The due-index kinds of a ticket's deadlines: the next instant it owes an escalation look (kind <see cref="EscalationDue"/>)
/// and the instant its planned follow-up becomes due (kind <see cref="FollowUpDue"/>). A change's entries are planned by
/// <see cref="Lifecycle.TicketChanges.Deadlines"/>; entries left behind by earlier changes are harmless, because the
/// sweeps decide from the ticket, never from the entry.
/// </summary>
public sealed class TicketDeadlines(IDueIndex due, SlaClocks clocks)
{
    /// <summary>Due-index kind of escalation looks.</summary>
    public const string EscalationDue = "sla";

    /// <summary>Due-index kind of follow-ups coming due.</summary>
    public const string FollowUpDue = "followup";

    /// <summary>Makes sure the ticket's next escalation look has an entry (after a sweep found nothing to do yet).</summary>
    public async Task EnsureAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (EscalationRules.NextDue(ticket, clocks) is { } look && look > now)
        {
            await due.ScheduleAsync(EscalationDue, Ceiling(look), ticket.Id, cancellationToken);
        }
    }

    /// <summary>The due-index keeps whole milliseconds; an entry never comes before its instant.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset at)
    {
        var ms = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).ToOffset(at.Offset);
        return ms < at ? ms.AddMilliseconds(1) : ms;
    }
}
