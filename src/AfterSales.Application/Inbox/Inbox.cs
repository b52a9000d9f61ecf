using System.Globalization;
using AfterSales.Application.Tickets;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Inbox;

/// <summary>What an inbox item asks of its reader.</summary>
public enum InboxItemKind
{
    /// <summary>A promise at risk or broken (warning, level 1 or level 2).</summary>
    Escalation,
    /// <summary>A follow-up call to make.</summary>
    FollowUp,
    /// <summary>A ticket reopened for a second handling.</summary>
    SecondHandling,
}

/// <summary>
/// One thing a person or role must look at. <paramref name="Recipient"/> is <c>user:{name}</c> or <c>role:{role}</c>;
/// <paramref name="Key"/> identifies the item within its ticket.
/// </summary>
public sealed record InboxItem(
    string Recipient,
    TicketId Ticket,
    string Key,
    InboxItemKind Kind,
    string TicketNumber,
    string Title,
    DateTimeOffset At,
    DateTimeOffset? DueAt,
    string? Level = null);

/// <summary>Where inbox items are kept: one partition per recipient.</summary>
public interface IInboxStore
{
    /// <summary>Writes items (again: the same recipient, ticket and key replace the earlier one).</summary>
    Task AddAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken);

    /// <summary>A recipient's items, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<InboxItem>> ListAsync(string recipient, int max, CancellationToken cancellationToken);

    Task RemoveAsync(InboxItem item, CancellationToken cancellationToken);
}

/// <summary>
/// Staff inboxes (<c>GET /api/inbox</c>): escalations addressed to a person or their role, follow-up calls given to
/// a follow-up agent (or to all of them), and tickets reopened for a second handling. Items are written before the
/// ticket change that causes them (like the due-index), and each is checked against its ticket when read: an item
/// whose change was never stored, or whose cause is over (the clock stopped, the call was made, an engineer took
/// the second handling), is not shown and is removed.
/// </summary>
public sealed class StaffInbox(IInboxStore store, ITicketStore tickets)
{
    /// <summary>Most items read per recipient.</summary>
    public const int MaxItems = 500;

    /// <summary>An item younger than this may belong to a change still being written; it is never removed.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(5);

    /// <summary>The items a change brings, to be written before it is stored.</summary>
    public static IReadOnlyList<InboxItem> ItemsFor(Ticket after, IReadOnlyList<TicketEvent> events)
    {
        var number = after.Number.ToString();
        var items = new List<InboxItem>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SlaEscalated { Escalation: var x }:
                    var title = x.Level switch
                    {
                        EscalationLevel.Warning => $"{x.Target} at risk: due {x.DueAt:O}",
                        EscalationLevel.Supervisor => $"{x.Target} breached (level 1): was due {x.DueAt:O}",
                        _ => $"{x.Target} still breached (level 2): was due {x.DueAt:O}",
                    };
                    items.Add(new InboxItem(x.Recipient, after.Id, $"esc~{x.Target}~{x.Round}~{x.Level}", InboxItemKind.Escalation, number, title, e.OccurredAt, x.DueAt, EnumNames.Name(x.Level)));
                    break;
                case FollowUpStarted started:
                    var task = after.CurrentFollowUp;
                    items.Add(new InboxItem(
                        started.Agent is { } agent ? EscalationRules.User(agent) : EscalationRules.Role(StaffRoles.FollowUp),
                        after.Id,
                        string.Create(CultureInfo.InvariantCulture, $"followup~{after.Round}"),
                        InboxItemKind.FollowUp,
                        number,
                        $"Follow-up call ({EnumNames.Name(started.Reason ?? FollowUpReason.Staff)})",
                        e.OccurredAt,
                        after.Clocks.LastOrDefault(c => c.Kind == SlaKind.FollowUp && c.IsActive)?.DueAt ?? task?.DueFrom));
                    break;
                case TicketReopened reopened:
                    items.Add(new InboxItem(
                        EscalationRules.Role(StaffRoles.Supervisor),
                        after.Id,
                        string.Create(CultureInfo.InvariantCulture, $"reopened~{reopened.Round}"),
                        InboxItemKind.SecondHandling,
                        number,
                        string.Create(CultureInfo.InvariantCulture, $"Second handling (round {reopened.Round}): {e.Data.Note}"),
                        e.OccurredAt,
                        null));
                    break;
            }
        }

        return items;
    }

    /// <summary>
    /// What needs <paramref name="user"/> now: their own items and their role's, most pressing first (escalations by
    /// level, then by due time; follow-up calls waiting for their next try after those due now).
    /// </summary>
    public async Task<IReadOnlyList<(InboxItem Item, Ticket Ticket)>> ReadAsync(Actor user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lists = await Task.WhenAll(
            store.ListAsync(EscalationRules.User(user.Name), MaxItems, cancellationToken),
            store.ListAsync(EscalationRules.Role(user.Role), MaxItems, cancellationToken));
        var items = lists.SelectMany(l => l).ToList();
        var loaded = await Task.WhenAll(items.Select(i => i.Ticket).Distinct().Select(async id => (id, stored: await tickets.GetAsync(id, cancellationToken))));
        var byId = loaded.Where(x => x.stored is not null).ToDictionary(x => x.id, x => x.stored!.Ticket);

        var open = new List<(InboxItem Item, Ticket Ticket)>();
        foreach (var item in items)
        {
            if (byId.TryGetValue(item.Ticket, out var ticket) && IsOpen(item, ticket))
            {
                open.Add((item, ticket));
            }
            else if (item.At < now - SettleTime)
            {
                await store.RemoveAsync(item, cancellationToken);
            }
        }

        // The follow-up agent's call list: calls due now by their deadline, then unanswered calls waiting for their next
        // try (2 h, then a working day later), in the order they come due.
        return open
            .OrderBy(x => x.Item.Kind == InboxItemKind.Escalation ? 0 : 1)
            .ThenByDescending(x => x.Item.Level == "manager" ? 2 : x.Item.Level == "supervisor" ? 1 : 0)
            .ThenBy(x => CallLaterAt(x.Item, x.Ticket, now) is null ? 0 : 1)
            .ThenBy(x => CallLaterAt(x.Item, x.Ticket, now) ?? x.Item.DueAt ?? x.Item.At)
            .ToList();
    }

    /// <summary>For a follow-up call that went unanswered: when to try again, while that is still to come; else null.</summary>
    public static DateTimeOffset? CallLaterAt(InboxItem item, Ticket ticket, DateTimeOffset now) =>
        item.Kind == InboxItemKind.FollowUp && ticket.CurrentFollowUp?.NextCallAt is { } next && next > now ? next : null;

    /// <summary>Whether the item's cause is stored on the ticket and not over.</summary>
    public static bool IsOpen(InboxItem item, Ticket ticket)
    {
        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            return false;
        }

        var parts = item.Key.Split('~');
        return item.Kind switch
        {
            InboxItemKind.Escalation => parts.Length == 4
                && ticket.Escalations.Any(e => e.Target == parts[1] && e.Round.ToString(CultureInfo.InvariantCulture) == parts[2] && e.Level.ToString() == parts[3])
                && ticket.Clocks.Any(c => c.IsActive && c.Target == parts[1] && c.Round.ToString(CultureInfo.InvariantCulture) == parts[2]),
            InboxItemKind.FollowUp => ticket.CurrentFollowUp is { Status: FollowUpStatus.Open } task
                && task.Round.ToString(CultureInfo.InvariantCulture) == parts[^1]
                && (task.Agent is null ? item.Recipient == EscalationRules.Role(StaffRoles.FollowUp) : item.Recipient == EscalationRules.User(task.Agent)),
            InboxItemKind.SecondHandling => ticket.Round.ToString(CultureInfo.InvariantCulture) == parts[^1]
                && !ticket.Milestones.Any(m => m.Round == ticket.Round && m.Milestone == Milestone.Responded),
            _ => false,
        };
    }
}
