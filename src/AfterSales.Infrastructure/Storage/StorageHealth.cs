using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using AfterSales.Application.Storage;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Storage;

/// <summary>Asks the Table and Blob services one cheap question each, without retries, within a few seconds.</summary>
public sealed class StorageHealth : IStorageHealth
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;
    private readonly bool _emulator;
    private readonly bool _identity;

    public StorageHealth(IOptions<StorageOptions> options, TokenCredential? credential = null)
    {
        _emulator = options.Value.IsLocalEmulator;
        _identity = options.Value.Identity is not null;
        var tableOptions = new TableClientOptions();
        Quick(tableOptions);
        var blobOptions = new BlobClientOptions();
        Quick(blobOptions);
        (_tables, _blobs) = StorageClients.Create(options.Value, credential, tableOptions, blobOptions);
    }

    public async Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var hint = _emulator
            ? "Start the local emulator (the run command does it when nothing listens on its ports) or check AzureWebJobsStorage."
            : _identity
                ? "Check AzureWebJobsStorage__accountName (or the service URIs), that the app's identity holds the Storage Table Data Contributor and Storage Blob Data Owner roles on the account, and that the account is reachable from here."
                : "Check the AzureWebJobsStorage setting and that the storage account is reachable from here.";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await _tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).FirstAsync(timeout.Token);
            await _blobs.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).FirstAsync(timeout.Token);
            return new StorageHealthReport(true, _emulator, null);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException or AuthenticationFailedException
                                  && !cancellationToken.IsCancellationRequested)
        {
            var what = e switch
            {
                RequestFailedException { Status: > 0 } failed => string.IsNullOrEmpty(failed.ErrorCode)
                    ? $"Storage answered {failed.Status}."
                    : $"Storage answered {failed.Status} ({failed.ErrorCode}).",
                AuthenticationFailedException => "The app's identity could not get a token for storage.",
                _ => "Storage did not answer.",
            };
            return new StorageHealthReport(false, _emulator, $"{what} {hint}");
        }
    }

    private static void Quick(ClientOptions options)
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Timeout;
    }
}
