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
    /// if the stored snapshot is still <paramref name="before"/> (its ETag). Returns the new ETag, or null (nothing
    /// written) when another write came first.
    /// </summary>
    Task<string?> TryAppendAsync(StoredTicket before, Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken);

    Task<StoredTicket?> GetAsync(TicketId id, CancellationToken cancellationToken);

    Task<StoredTicket?> FindByNumberAsync(TicketNumber number, CancellationToken cancellationToken);

    /// <summary>The ticket's events in order; empty when the ticket does not exist.</summary>
    Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TicketId id, CancellationToken cancellationToken);

    Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken);
}

/// <summary>A ticket with the concurrency tag of the stored snapshot.</summary>
public sealed record StoredTicket(Ticket Ticket, string ETag)
{
    /// <summary>
    /// The store's own note of where this version of the ticket is indexed, read with the snapshot and handed back
    /// with the next change (opaque; null when the store keeps none or the snapshot predates it).
    /// </summary>
    public string? Index { get; init; }
}

/// <summary>
/// Filters for listing tickets; receipt bounds are a half-open interval [from, before). <paramref name="Queue"/>
/// selects tickets waiting in that department supervisor's queue; <paramref name="AssignedTo"/> an engineer's tickets;
/// <paramref name="Phone"/> (E.164) the tickets of the customer with that phone number; <paramref name="InHandsOf"/> the
/// tickets an engineer is working on now (see <see cref="WorkerOf"/>).
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
    string? Phone = null,
    string? InHandsOf = null)
{
    /// <summary>
    /// The engineer whose work <paramref name="ticket"/> is now: assigned to them, from the offer until the customer's
    /// confirmation (not once it is confirmed, followed up, closed or cancelled).
    /// </summary>
    public static string? WorkerOf(Ticket ticket) =>
        ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled or TicketStatus.Confirmed or TicketStatus.FollowUp ? null : ticket.AssignedTo;

    /// <summary>The department whose queue <paramref name="ticket"/> waits in: classified or reopened and not assigned to anyone.</summary>
    public static Domain.Dispatch.Department? QueueOf(Ticket ticket) =>
        ticket.AssignedTo is null && ticket.Status is TicketStatus.Classified or TicketStatus.Reopened ? ticket.Dispatch.Queue : null;

    /// <summary>Whether <paramref name="ticket"/> passes every filter (the paging fields aside).</summary>
    public bool Matches(Ticket ticket) =>
        (Status is null || ticket.Status == Status)
        && (Channel is null || ticket.Intake.Channel == Channel)
        && (ReceivedFrom is null || ticket.ReceivedAt >= ReceivedFrom)
        && (ReceivedBefore is null || ticket.ReceivedAt < ReceivedBefore)
        && (Queue is null || QueueOf(ticket) == Queue)
        && (AssignedTo is null || ticket.AssignedTo == AssignedTo)
        && (Phone is null || ticket.Intake.Customer.Phone.E164 == Phone)
        && (InHandsOf is null || WorkerOf(ticket) == InHandsOf);
}

/// <summary>One page of tickets, oldest first, and the token for the next page (null at the end).</summary>
public sealed record TicketPage(IReadOnlyList<Ticket> Items, string? ContinuationToken);

/// <summary>Indexes the tickets stored before the store kept an index, a page at a time (run by housekeeping).</summary>
public interface ITicketIndexCatchUp
{
    Task<TicketIndexCatchUp> CatchUpIndexAsync(int max, CancellationToken cancellationToken);
}

/// <summary>What a catch-up step did: tickets indexed, and whether every stored ticket now is.</summary>
public sealed record TicketIndexCatchUp(int Indexed, bool Done);
