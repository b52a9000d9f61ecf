using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AfterSales.Application.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Dispatch;

/// <summary>
/// Tickets per engineer: one row per engineer (partition = engineer, row <c>held</c>) whose <c>Tickets</c>
/// column lists the tickets and when each was added. Every change is a conditional replace on the row's
/// ETag, retried on conflict, so the capacity check and the add are one atomic step per engineer. The last row
/// this instance read or wrote is tried first (a dispatcher's ranking has just read every row), so a change
/// usually costs the write alone; a stale row fails its ETag and is read again, and a change that the remembered
/// row says is not needed (the place is full, the ticket is not there) is checked against a fresh read.
/// </summary>
public sealed class TableAssignmentIndex(StorageClients storage) : IAssignmentIndex
{
    private const string RowKey = "held";
    private const int MaxAttempts = 20;
    private readonly ConcurrentDictionary<string, TableEntity> _seen = new(StringComparer.Ordinal);

    public async Task<bool> TryAddAsync(string engineer, TicketId ticket, DateTimeOffset at, int? max, CancellationToken cancellationToken)
    {
        var added = false;
        await ChangeAsync(engineer, entries =>
        {
            if (entries.Any(e => e.Ticket == ticket))
            {
                added = true;
                return null;
            }

            if (max is { } limit && entries.Count >= limit)
            {
                added = false;
                return null;
            }

            added = true;
            return [.. entries, new AssignmentEntry(ticket, at)];
        }, cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<AssignmentEntry>> ListAsync(string engineer, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(engineer, RowKey, cancellationToken: cancellationToken);
        Remember(engineer, row.HasValue ? row.Value : null);
        return row.HasValue && row.Value is { } entity ? Read(entity) : [];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AssignmentEntry>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var all = new Dictionary<string, IReadOnlyList<AssignmentEntry>>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {RowKey}"), cancellationToken: cancellationToken))
        {
            _seen[entity.PartitionKey] = entity;
            all[entity.PartitionKey] = Read(entity);
        }

        return all;
    }

    public Task RemoveAsync(string engineer, TicketId ticket, CancellationToken cancellationToken) =>
        ChangeAsync(engineer, entries => entries.Any(e => e.Ticket == ticket) ? entries.Where(e => e.Ticket != ticket).ToList() : null, cancellationToken);

    /// <summary>Reads the engineer's row, applies <paramref name="change"/> (null = nothing to write) and writes it back if nobody wrote in between.</summary>
    private async Task ChangeAsync(string engineer, Func<IReadOnlyList<AssignmentEntry>, List<AssignmentEntry>?> change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var remembered = _seen.TryGetValue(engineer, out var seen);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            TableEntity? current;
            if (remembered)
            {
                current = seen;
            }
            else
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(engineer, RowKey, cancellationToken: cancellationToken);
                current = row.HasValue ? row.Value : null;
            }

            if (change(current is null ? [] : Read(current)) is not { } next)
            {
                if (remembered)
                {
                    // Decided on a remembered row: make sure on a fresh one.
                    remembered = false;
                    continue;
                }

                Remember(engineer, current);
                return;
            }

            var entity = new TableEntity(engineer, RowKey) { ["Tickets"] = JsonSerializer.Serialize(next.Select(e => new StoredEntry(e.Ticket.Value, e.At))) };
            try
            {
                var response = current is null
                    ? await table.AddEntityAsync(entity, cancellationToken)
                    : await table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                entity.ETag = response.Headers.ETag ?? default;
                Remember(engineer, response.Headers.ETag is null ? null : entity);
                return;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                if (remembered)
                {
                    // The remembered row was stale: read it, without waiting.
                    remembered = false;
                    continue;
                }

                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }

        throw new InvalidOperationException($"The assignment index of {engineer} kept changing; {MaxAttempts} attempts lost the race.");
    }

    /// <summary>Keeps (or forgets, when null) the row last read or written, for the next change to try first.</summary>
    private void Remember(string engineer, TableEntity? row)
    {
        if (row is null)
        {
            _seen.TryRemove(engineer, out _);
        }
        else
        {
            _seen[engineer] = row;
        }
    }

    private static List<AssignmentEntry> Read(TableEntity entity) =>
        (JsonSerializer.Deserialize<List<StoredEntry>>(entity.GetString("Tickets") ?? "[]") ?? [])
            .Select(e => TicketId.TryParse(e.Ticket, out var id) ? new AssignmentEntry(id, e.At) : null)
            .OfType<AssignmentEntry>()
            .ToList();

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.AssignmentsTable, cancellationToken);

    private sealed record StoredEntry(string Ticket, DateTimeOffset At);
}

/// <summary>
/// Deadlines: partition = <c>{kind}-{due minute, UTC, yyyyMMddHHmm}</c>, row key = <c>{due instant, UTC, sortable}_{ticket id}</c>.
/// "Due by now" is one query over the partitions from the kind's first minute up to now's, with the row key
/// bounded by now: it returns the due entries earliest first, and reads no entry due after the current minute.
/// A partition per minute keeps every partition small however many tickets are open, so writes never meet a
/// hot partition (Azure's per-partition throughput) and the emulator's writes stay as fast as in a small table.
/// Entries written under the earlier layout (partition = kind) are still read and removed.
/// </summary>
public sealed class TableDueIndex(StorageClients storage) : IDueIndex
{
    private const string Format = "yyyyMMdd'T'HHmmss.fff'Z'";
    private const string MinuteFormat = "yyyyMMddHHmm";

    public async Task ScheduleAsync(string kind, DateTimeOffset dueAt, TicketId ticket, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(kind, dueAt), Key(dueAt, ticket)), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DueEntry>> DueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        // '~' sorts after every ticket id character, so the bound includes everything due at 'now'.
        var upper = $"{now.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}_~";
        var first = $"{kind}-";
        var last = Partition(kind, now);
        var filter = TableClient.CreateQueryFilter(
            $"(PartitionKey eq {kind} or (PartitionKey ge {first} and PartitionKey le {last})) and RowKey le {upper}");
        var list = new List<DueEntry>();
        var query = table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            var separator = entity.RowKey.IndexOf('_', StringComparison.Ordinal);
            if (separator > 0 && TicketId.TryParse(entity.RowKey[(separator + 1)..], out var id)
                && DateTimeOffset.TryParseExact(entity.RowKey[..separator], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dueAt))
            {
                list.Add(new DueEntry(kind, dueAt, id) { Partition = entity.PartitionKey });
            }

            if (list.Count >= max)
            {
                break;
            }
        }

        return list.OrderBy(e => e.DueAt).ToList();
    }

    public async Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        await table.DeleteIfExistsAsync(entry.Partition ?? Partition(entry.Kind, entry.DueAt), Key(entry.DueAt, entry.Ticket), cancellationToken);
    }

    /// <summary>The partition of an entry: its kind and the minute it is due.</summary>
    public static string Partition(string kind, DateTimeOffset dueAt) =>
        $"{kind}-{dueAt.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The row key of an entry: the due instant (UTC, sortable, milliseconds) and the ticket.</summary>
    public static string Key(DateTimeOffset dueAt, TicketId ticket) =>
        $"{dueAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}_{ticket.Value}";
}
