using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Reports;

/// <summary>
/// The report projection in Table Storage: partition <c>{yyyy-MM}-{shard}</c> (a month split into
/// <see cref="Shards"/> partitions by a hash of the ticket id, so no partition takes all of a month's writes and a
/// month is read by parallel partition queries), row key = ticket id, the facts as JSON in <c>Data</c> (split
/// over <c>Data1</c>, <c>Data2</c>… past a property's 64 KiB) and their <c>Version</c>.
/// </summary>
public sealed class TableReportFactStore(StorageClients storage) : IReportFactStore
{
    public const int Shards = 32;
    private const int ChunkChars = 30_000;
    private const int ReadParallelism = 8;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task SaveAsync(TicketFacts facts, IReadOnlyCollection<ReportMonth> months, bool likelyNew, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.ReportFactsTable, cancellationToken);
        var json = JsonSerializer.Serialize(facts, Json);
        await Task.WhenAll(months.Select(m => SaveOneAsync(table, Entity(Partition(m, facts.Id), facts.Id, facts.Version, json), facts.Version, likelyNew, cancellationToken)));
    }

    private static async Task SaveOneAsync(TableClient table, TableEntity entity, int version, bool likelyNew, CancellationToken cancellationToken)
    {
        if (likelyNew)
        {
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // Written already (a retried intake, a catch-up): compare versions below.
            }
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["Version"], cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                    return;
                }

                if ((existing.Value!.GetInt32("Version") ?? 0) >= version)
                {
                    return;
                }

                await table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // Another writer of the same ticket came first: look again, and write only if still newer.
            }
        }

        throw new InvalidOperationException($"The report facts of ticket {entity.RowKey} kept changing under this write.");
    }

    public async Task<IReadOnlyList<TicketFacts>> ReadMonthAsync(ReportMonth month, Action<int>? read, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.ReportFactsTable, cancellationToken);
        var results = new ConcurrentBag<TicketFacts>();
        var count = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Shards),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (shard, ct) =>
            {
                var pk = $"{month}-{shard:D2}";
                await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, maxPerPage: 1000, cancellationToken: ct).AsPages())
                {
                    foreach (var entity in page.Values)
                    {
                        results.Add(Read(entity));
                    }

                    read?.Invoke(Interlocked.Add(ref count, page.Values.Count));
                }
            });
        return [.. results];
    }

    /// <summary>The partition of a ticket's row in a month.</summary>
    public static string Partition(ReportMonth month, string ticketId) => $"{month}-{Shard(ticketId):D2}";

    /// <summary>FNV-1a of the id, modulo <see cref="Shards"/>: stable across processes and versions.</summary>
    public static int Shard(string ticketId)
    {
        var hash = 2166136261u;
        foreach (var c in ticketId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % Shards);
    }

    /// <summary>The row for some facts, as the store writes it (the benchmark seeds rows with it).</summary>
    public static TableEntity Entity(string partition, string ticketId, int version, string json)
    {
        var entity = new TableEntity(partition, ticketId) { ["Version"] = version };
        for (int i = 0, part = 0; i < json.Length; i += ChunkChars, part++)
        {
            entity[part == 0 ? "Data" : $"Data{part}"] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
        }

        return entity;
    }

    private static TicketFacts Read(TableEntity entity)
    {
        var json = new StringBuilder(entity.GetString("Data"));
        for (var part = 1; entity.GetString($"Data{part}") is { } more; part++)
        {
            json.Append(more);
        }

        return JsonSerializer.Deserialize<TicketFacts>(json.ToString(), Json)
            ?? throw new InvalidDataException($"Report facts row {entity.PartitionKey}/{entity.RowKey} is empty.");
    }
}
