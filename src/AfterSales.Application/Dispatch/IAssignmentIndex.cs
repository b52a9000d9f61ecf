using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// Which tickets each engineer holds, as an index beside the tickets: an engineer's load is the number of
/// their entries. An entry is written before the assignment it announces is committed and removed after
/// the ticket leaves the engineer, so a crash can leave a stale entry (the engineer looks busier) but
/// never a missing one (the engineer overloaded); housekeeping checks old entries against their tickets.
/// </summary>
public interface IAssignmentIndex
{
    /// <summary>
    /// Records that <paramref name="ticket"/> is being given to <paramref name="engineer"/> at <paramref name="at"/>,
    /// only if the engineer then holds at most <paramref name="max"/> tickets (null: always, a person's override).
    /// True when the engineer holds the ticket afterwards (also when they held it already). Atomic per engineer:
    /// writers racing for an engineer's last place cannot both get it.
    /// </summary>
    Task<bool> TryAddAsync(string engineer, TicketId ticket, DateTimeOffset at, int? max, CancellationToken cancellationToken);

    Task<IReadOnlyList<AssignmentEntry>> ListAsync(string engineer, CancellationToken cancellationToken);

    /// <summary>Every engineer's entries (one query: the index holds only tickets being worked on).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<AssignmentEntry>>> ListAllAsync(CancellationToken cancellationToken);

    Task RemoveAsync(string engineer, TicketId ticket, CancellationToken cancellationToken);
}

/// <summary>One entry of the assignment index and when it was written (business clock).</summary>
public sealed record AssignmentEntry(TicketId Ticket, DateTimeOffset At);
