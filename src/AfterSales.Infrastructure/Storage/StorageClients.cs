using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// The storage clients of the app. Tables and containers are created on first use, so the app starts
/// (and reports the problem on /api/health) even while storage is unreachable.
/// </summary>
public sealed class StorageClients
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new(StringComparer.Ordinal);

    public StorageClients(IOptions<StorageOptions> options)
    {
        Options = options.Value;
        TableService = new TableServiceClient(Options.ConnectionString);
        BlobService = new BlobServiceClient(Options.ConnectionString);
    }

    public StorageOptions Options { get; }

    public TableServiceClient TableService { get; }

    public BlobServiceClient BlobService { get; }

    public Task<TableClient> TableAsync(string name, CancellationToken cancellationToken) =>
        EnsureAsync(_tables, name, async () =>
        {
            var table = TableService.GetTableClient(name);
            await table.CreateIfNotExistsAsync(cancellationToken);
            return table;
        });

    public Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken) =>
        EnsureAsync(_containers, name, async () =>
        {
            var container = BlobService.GetBlobContainerClient(name);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return container;
        });

    private static async Task<T> EnsureAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed creation (storage down) is retried by the next caller.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy));
            throw;
        }
    }
}
