namespace AfterSales.Application.Tickets;

/// <summary>Remembers which ticket an Idempotency-Key created, for the retention period.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Stores <paramref name="candidate"/> unless a live record for the same key exists; returns the
    /// record that holds the key afterwards (the candidate, or the earlier one). An expired record that
    /// the sweep has not yet removed is replaced.
    /// </summary>
    Task<IdempotencyRecord> ClaimAsync(IdempotencyRecord candidate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes records whose retention ended before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>An Idempotency-Key (hashed with its caller) bound to the request it came with and the ticket it made.</summary>
public sealed record IdempotencyRecord(
    string KeyHash,
    string RequestHash,
    string TicketId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
