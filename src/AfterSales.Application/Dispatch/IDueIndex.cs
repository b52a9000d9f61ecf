using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// Deadlines to act on, by kind (e.g. an engineer's offer lapsing), ordered by time. Entries are written
/// before the change that sets the deadline is committed; the sweep re-reads the ticket before acting, so
/// a stale entry costs one read and is then removed.
/// </summary>
public interface IDueIndex
{
    Task ScheduleAsync(string kind, DateTimeOffset dueAt, TicketId ticket, CancellationToken cancellationToken);

    /// <summary>Entries of <paramref name="kind"/> due at or before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DueEntry>> DueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken);
}

/// <summary>One deadline.</summary>
public sealed record DueEntry(string Kind, DateTimeOffset DueAt, TicketId Ticket)
{
    /// <summary>Where the store keeps it, when the store says (to remove exactly that entry).</summary>
    public string? Partition { get; init; }
}
