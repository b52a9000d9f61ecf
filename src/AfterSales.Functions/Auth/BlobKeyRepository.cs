using System.Xml.Linq;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AfterSales.Functions.Auth;

/// <summary>
/// The console's data-protection keys (they protect the sign-in cookie and the form tokens) in one Blob Storage
/// container shared by every instance of the app, so a sign-in made on one instance holds on all of them. Each key is
/// one blob, written once; the key manager reads them all and caches the ring.
/// </summary>
public sealed class BlobKeyRepository(StorageClients storage) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var container = Container();
        var keys = new List<XElement>();
        foreach (var blob in container.GetBlobs())
        {
            using var content = container.GetBlobClient(blob.Name).DownloadStreaming().Value.Content;
            keys.Add(XElement.Load(content));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var content = new MemoryStream();
        element.Save(content, SaveOptions.DisableFormatting);
        content.Position = 0;
        try
        {
            Container().GetBlobClient($"{friendlyName}.xml").Upload(content, overwrite: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance stored this key first: keys are written once.
        }
    }

    // The key manager calls synchronously; the container is made once per process like every other.
    private BlobContainerClient Container() =>
        storage.ContainerAsync(storage.Options.KeysContainer, CancellationToken.None).GetAwaiter().GetResult();
}
