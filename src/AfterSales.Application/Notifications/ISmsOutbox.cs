using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Notifications;

/// <summary>A message with the concurrency tag of its outbox row.</summary>
public sealed record StoredSms(SmsMessage Message, string ETag);

/// <summary>
/// The SMS outbox. Rows are created by <see cref="Tickets.ITicketStore"/> in the ticket's own atomic write;
/// here they are read and moved along, each change conditional on the row's ETag. Staff read them through
/// a log kept beside the rows (written before each row change, so it is never behind for long).
/// </summary>
public interface ISmsOutbox
{
    /// <summary>The ticket's messages, oldest first.</summary>
    Task<IReadOnlyList<StoredSms>> ListAsync(TicketId ticket, CancellationToken cancellationToken);

    Task<StoredSms?> GetAsync(TicketId ticket, string key, CancellationToken cancellationToken);

    /// <summary>Replaces the row if it still has <paramref name="etag"/>; the new ETag, or null when another writer came first.</summary>
    Task<string?> TryReplaceAsync(SmsMessage message, string etag, CancellationToken cancellationToken);

    /// <summary>Writes the message's current state to the staff log.</summary>
    Task PublishAsync(SmsMessage message, CancellationToken cancellationToken);

    /// <summary>The staff log, filtered.</summary>
    Task<SmsPage> SearchAsync(SmsQuery query, CancellationToken cancellationToken);
}

/// <summary>Filters of the staff log: messages created on business days [<paramref name="From"/>, <paramref name="To"/>].</summary>
public sealed record SmsQuery(DateOnly From, DateOnly To, SmsStatus? Status, NotificationKind? Kind, int PageSize, string? ContinuationToken);

/// <summary>One page of the log, oldest first, and the token for the next page (null at the end).</summary>
public sealed record SmsPage(IReadOnlyList<SmsMessage> Items, string? ContinuationToken);
