using Azure;
using Azure.Core;
using Azure.Data.Tables;
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

    public StorageHealth(IOptions<StorageOptions> options)
    {
        var connection = options.Value.ConnectionString;
        _emulator = StorageConnection.IsLocalEmulator(connection);
        var tableOptions = new TableClientOptions();
        Quick(tableOptions);
        var blobOptions = new BlobClientOptions();
        Quick(blobOptions);
        _tables = new TableServiceClient(connection, tableOptions);
        _blobs = new BlobServiceClient(connection, blobOptions);
    }

    public async Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var hint = _emulator
            ? "Start the local emulator (the run command does it when nothing listens on its ports) or check AzureWebJobsStorage."
            : "Check the AzureWebJobsStorage setting and that the storage account is reachable from here.";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await _tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).FirstAsync(timeout.Token);
            await _blobs.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).FirstAsync(timeout.Token);
            return new StorageHealthReport(true, _emulator, null);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException
                                  && !cancellationToken.IsCancellationRequested)
        {
            var what = e is RequestFailedException { Status: > 0 } failed
                ? $"Storage answered {failed.Status} ({failed.ErrorCode})."
                : "Storage did not answer.";
            return new StorageHealthReport(false, _emulator, $"{what} {hint}");
        }
    }

    private static void Quick(ClientOptions options)
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Timeout;
    }
}
