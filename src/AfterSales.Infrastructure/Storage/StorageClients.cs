using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
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

    /// <param name="options">The account and names.</param>
    /// <param name="credential">The identity for identity-based connections (default: the one the settings name).</param>
    /// <param name="policies">Extra pipeline policies on every storage request (none in the app; tests count round trips with one).</param>
    public StorageClients(IOptions<StorageOptions> options, TokenCredential? credential = null, IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        Options = options.Value;
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        foreach (var policy in policies ?? [])
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        (TableService, BlobService) = Create(Options, credential, tableOptions, blobOptions);
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

    /// <summary>
    /// The Table and Blob service clients of the configured account: by connection string, or by the
    /// service URIs with a Microsoft Entra token from <paramref name="credential"/> (no account key; by default
    /// the identity the settings name).
    /// </summary>
    public static (TableServiceClient Tables, BlobServiceClient Blobs) Create(
        StorageOptions options, TokenCredential? credential, TableClientOptions tableOptions, BlobClientOptions blobOptions) =>
        options.Identity is { } identity
            ? (new TableServiceClient(identity.TableServiceUri, credential ??= identity.CreateCredential(), tableOptions),
               new BlobServiceClient(identity.BlobServiceUri, credential, blobOptions))
            : (new TableServiceClient(options.ConnectionString, tableOptions),
               new BlobServiceClient(options.ConnectionString, blobOptions));

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
