using System.Net;
using AfterSales.Application.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tickets;

/// <summary>
/// Idempotency records, one partition per hashed key. Claiming is an insert that fails on conflict, so
/// of two concurrent calls with the same key exactly one binds its ticket id to the key.
/// </summary>
public sealed class TableIdempotencyStore(StorageClients storage) : IIdempotencyStore
{
    private const string RowKey = "key";
    private const int DeleteParallelism = 8;

    public async Task<IdempotencyRecord> ClaimAsync(IdempotencyRecord candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        while (true)
        {
            try
            {
                await table.AddEntityAsync(ToEntity(candidate), cancellationToken);
                return candidate;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // The key is taken; read who holds it.
            }

            var existing = await table.GetEntityIfExistsAsync<TableEntity>(candidate.KeyHash, RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is not { } entity)
            {
                continue; // removed by the sweep meanwhile: claim again
            }

            var record = FromEntity(entity);
            if (record.ExpiresAt > now)
            {
                return record;
            }

            try
            {
                await table.UpdateEntityAsync(ToEntity(candidate), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return candidate;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Someone else replaced or removed the expired record first: look again.
            }
        }
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var expired = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"ExpiresAt lt {now}"),
            select: ["PartitionKey", "RowKey", "ExpiresAt"],
            cancellationToken: cancellationToken);
        var deleted = 0;
        await Parallel.ForEachAsync(expired, new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken },
            async (entity, ct) =>
            {
                try
                {
                    // If-Match: a record re-claimed since the query is not removed.
                    await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, ct);
                    Interlocked.Increment(ref deleted);
                }
                catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
                {
                    // Re-claimed or already removed by another sweep.
                }
            });
        return deleted;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.IdempotencyTable, cancellationToken);

    private static TableEntity ToEntity(IdempotencyRecord r) => new(r.KeyHash, RowKey)
    {
        ["RequestHash"] = r.RequestHash,
        ["TicketId"] = r.TicketId,
        ["CreatedAt"] = r.CreatedAt,
        ["ExpiresAt"] = r.ExpiresAt,
    };

    private static IdempotencyRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("RequestHash"),
        e.GetString("TicketId"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("ExpiresAt") ?? default);
}
