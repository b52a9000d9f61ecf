using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Customers;

/// <summary>
/// Where signature images are kept: write-once (a name that exists is never overwritten), with the
/// SHA-256 of the content beside it, so a signed confirmation can settle a later dispute.
/// </summary>
public interface ISignatureArchive
{
    /// <summary>
    /// Stores the PNG under a name made of ticket, round and content hash. Storing the same content again
    /// returns the same reference; nothing is ever overwritten.
    /// </summary>
    Task<SignatureRef> StoreAsync(TicketId ticket, int round, byte[] png, DateTimeOffset signedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Locks a signature the ticket now references against change and deletion (where the store supports it), once
    /// the confirmation that names it is committed.
    /// </summary>
    Task SealAsync(SignatureRef signature, DateTimeOffset signedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a stored image no confirmation references: the upload of a request that lost the race for the
    /// link. Only called for a name the ticket does not hold after the losing attempt.
    /// </summary>
    Task DiscardAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The stored image and the hash recorded with it, or null when there is no such blob.</summary>
    Task<StoredSignature?> OpenAsync(string blobName, CancellationToken cancellationToken);
}

/// <summary>A stored signature image, the SHA-256 recorded in its metadata and the SHA-256 of the bytes read back.</summary>
public sealed record StoredSignature(byte[] Content, string? RecordedSha256, string ActualSha256);

/// <summary>The check that settles a dispute about a signed confirmation.</summary>
public static class SignatureCheck
{
    /// <summary>Whether the stored image still is the one signed: its bytes and the hash stored with it both match the hash the ticket recorded.</summary>
    public static bool Verifies(SignatureRef signature, StoredSignature? stored) =>
        stored is not null && stored.ActualSha256 == signature.Sha256 && stored.RecordedSha256 == signature.Sha256;
}
