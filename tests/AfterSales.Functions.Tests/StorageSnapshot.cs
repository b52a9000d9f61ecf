using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Every row and blob of one app's storage (its name prefix) with its ETag: two equal snapshots mean nothing was
/// written in between — no insert, update or delete.
/// </summary>
internal sealed record StorageSnapshot(IReadOnlyList<string> Items)
{
    public static async Task<StorageSnapshot> TakeAsync(string connectionString, string prefix)
    {
        var names = new StorageOptions { NamePrefix = prefix };
        var items = new List<string>();
        foreach (var table in names.Tables)
        {
            try
            {
                await foreach (var row in new TableClient(connectionString, table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    items.Add($"{table}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not created yet: no rows.
            }
        }

        foreach (var container in names.Containers)
        {
            var client = new BlobContainerClient(connectionString, container);
            if (!await client.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in client.GetBlobsAsync())
            {
                items.Add($"{container}/{blob.Name}/{blob.Properties.ETag}");
            }
        }

        items.Sort(StringComparer.Ordinal);
        return new StorageSnapshot(items);
    }

    /// <summary>What was added, changed or removed since <paramref name="before"/>; empty when nothing.</summary>
    public IReadOnlyList<string> ChangesSince(StorageSnapshot before) =>
        Items.Except(before.Items).Select(i => "+ " + i).Concat(before.Items.Except(Items).Select(i => "- " + i)).ToList();
}
