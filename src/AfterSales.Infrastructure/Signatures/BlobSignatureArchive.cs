using System.Net;
using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AfterSales.Infrastructure.Signatures;

/// <summary>
/// Signature images in Blob Storage under <c>{ticket id}/round-{n}/{sha256}.png</c>, uploaded with
/// <c>If-None-Match: *</c> so an existing name is never overwritten, with the SHA-256 in the blob's
/// metadata. With <see cref="StorageOptions.SignatureImmutabilityDays"/> set, a blob a committed confirmation
/// references also gets a version-level immutability policy (Azure only); an upload no confirmation took is deleted.
/// </summary>
public sealed class BlobSignatureArchive(StorageClients storage) : ISignatureArchive
{
    public const string HashMetadata = "sha256";

    public async Task<SignatureRef> StoreAsync(TicketId ticket, int round, byte[] png, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var sha256 = SignatureImage.Sha256(png);
        var name = $"{ticket.Value}/round-{round}/{sha256}.png";
        var container = await storage.ContainerAsync(storage.Options.SignaturesContainer, cancellationToken);
        var blob = container.GetBlobClient(name);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" },
            Metadata = new Dictionary<string, string>
            {
                [HashMetadata] = sha256,
                ["ticket"] = ticket.Value,
                ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["signedat"] = signedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await blob.UploadAsync(new BinaryData(png), options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // The same content for the same round is already there (a retried submission): the name is its hash.
        }

        return new SignatureRef(name, sha256, png.Length);
    }

    public async Task SealAsync(SignatureRef signature, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        if (storage.Options.SignatureImmutabilityDays <= 0)
        {
            return;
        }

        var container = await storage.ContainerAsync(storage.Options.SignaturesContainer, cancellationToken);
        await container.GetBlobClient(signature.BlobName).SetImmutabilityPolicyAsync(
            new BlobImmutabilityPolicy
            {
                ExpiresOn = signedAt.AddDays(storage.Options.SignatureImmutabilityDays),
                PolicyMode = BlobImmutabilityPolicyMode.Unlocked,
            },
            cancellationToken: cancellationToken);
    }

    public async Task DiscardAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.SignaturesContainer, cancellationToken);
        await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<StoredSignature?> OpenAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.SignaturesContainer, cancellationToken);
        try
        {
            var download = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            var content = download.Value.Content.ToArray();
            download.Value.Details.Metadata.TryGetValue(HashMetadata, out var recorded);
            return new StoredSignature(content, recorded, SignatureImage.Sha256(content));
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
