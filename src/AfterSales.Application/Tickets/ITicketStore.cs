using AfterSales.Application.Notifications;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tickets;

/// <summary>Where tickets live: one partition per ticket holding its snapshot and its history.</summary>
public interface ITicketStore
{
    /// <summary>
    /// Stores a new ticket's snapshot, first events and the SMS they cause (outbox rows) in one atomic write.
    /// Returns the snapshot's ETag, or null (nothing written) when a ticket with the same id already exists.
    /// </summary>
    Task<string?> TryCreateAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the snapshot, appends events and adds the SMS they cause (outbox rows) in one atomic write, only
    /// if the stored snapshot still has <paramref name="etag"/>. Returns the new ETag, or null (nothing written)
    /// when another write came first.
    /// </summary>
    Task<string?> TryAppendAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, string etag, CancellationToken cancellationToken);

    Task<StoredTicket?> GetAsync(TicketId id, CancellationToken cancellationToken);

    Task<StoredTicket?> FindByNumberAsync(TicketNumber number, CancellationToken cancellationToken);

    /// <summary>The ticket's events in order; empty when the ticket does not exist.</summary>
    Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TicketId id, CancellationToken cancellationToken);

    Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken);
}

/// <summary>A ticket with the concurrency tag of the stored snapshot.</summary>
public sealed record StoredTicket(Ticket Ticket, string ETag);

/// <summary>
/// Filters for listing tickets; receipt bounds are a half-open interval [from, before). <paramref name="Queue"/>
/// selects tickets waiting in that department supervisor's queue; <paramref name="AssignedTo"/> an engineer's tickets;
/// <paramref name="Phone"/> (E.164) the tickets of the customer with that phone number.
/// </summary>
public sealed record TicketQuery(
    TicketStatus? Status,
    Channel? Channel,
    DateTimeOffset? ReceivedFrom,
    DateTimeOffset? ReceivedBefore,
    int PageSize,
    string? ContinuationToken,
    Domain.Dispatch.Department? Queue = null,
    string? AssignedTo = null,
    string? Phone = null);

/// <summary>One page of tickets, oldest first, and the token for the next page (null at the end).</summary>
public sealed record TicketPage(IReadOnlyList<Ticket> Items, string? ContinuationToken);
