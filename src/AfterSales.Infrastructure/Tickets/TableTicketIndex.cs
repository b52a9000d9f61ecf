using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tickets;

/// <summary>
/// Where tickets are found by what they are now, without reading every ticket: one entry per (key, ticket), partition =
/// the key (<c>status-Assigned</c>, <c>queue-Repair</c>, <c>assignee-{engineer}</c>, <c>hands-{engineer}</c> while it is
/// their work, <c>phone-{hash}</c>), row key = the
/// ticket id, so a key's tickets come oldest first and "received between" is a row-key range.
/// <para>
/// The entries cannot share the ticket's batch (they live in other partitions), so they follow one rule for crashes and
/// races: an entry may be <i>extra</i>, never <i>missing</i>. A change upserts the entries of its new keys
/// <b>before</b> its batch and removes those of the keys it left <b>after</b> it, each removal conditional on the ETag
/// the entry had when that version of the ticket was written (kept in the snapshot's <c>Index</c> column), so a late
/// removal never takes away an entry a newer change has written again. Readers check every entry against its snapshot:
/// an entry the ticket no longer has (its version at or past the entry's) is removed, on the entry's own ETag; one
/// for a write still under way (the snapshot older than the entry) is passed over.
/// </para>
/// </summary>
public sealed class TableTicketIndex(StorageClients storage)
{
    /// <summary>An entry whose ticket does not exist this long after it was written belongs to an intake that never happened.</summary>
    public static readonly TimeSpan OrphanAfter = TimeSpan.FromHours(1);

    private const int MaxEmptyPagesFollowed = 20;

    /// <summary>The keys <paramref name="ticket"/> is found under now.</summary>
    public static IReadOnlyList<string> KeysOf(Ticket ticket)
    {
        var keys = new List<string>(4) { StatusKey(ticket.Status), PhoneKey(ticket.Intake.Customer.Phone.E164) };
        if (TicketQuery.QueueOf(ticket) is { } queue)
        {
            keys.Add(QueueKey(queue));
        }

        if (ticket.AssignedTo is { } engineer)
        {
            keys.Add(AssigneeKey(engineer));
        }

        if (TicketQuery.WorkerOf(ticket) is { } worker)
        {
            keys.Add(InHandsKey(worker));
        }

        return keys;
    }

    /// <summary>The one key that narrows <paramref name="query"/> most, or null when it has none (a scan of the tickets is the way).</summary>
    public static string? KeyFor(TicketQuery query) =>
        query.InHandsOf is { } worker ? InHandsKey(worker)
        : query.Phone is { } phone ? PhoneKey(phone)
        : query.AssignedTo is { } engineer ? AssigneeKey(engineer)
        : query.Queue is { } queue ? QueueKey(queue)
        : query.Status is { } status ? StatusKey(status)
        : null;

    private static string StatusKey(TicketStatus status) => $"status-{status}";

    private static string QueueKey(Domain.Dispatch.Department queue) => $"queue-{queue}";

    private static string AssigneeKey(string engineer) => $"assignee-{Uri.EscapeDataString(engineer)}";

    private static string InHandsKey(string engineer) => $"hands-{Uri.EscapeDataString(engineer)}";

    /// <summary>Phone numbers are not written into keys (keys appear in storage logs and URLs): a hash of the E.164 form is.</summary>
    private static string PhoneKey(string e164) =>
        $"phone-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e164)), 0, 16)}";

    /// <summary>
    /// Before a change's batch: upserts the entries of <paramref name="after"/>'s keys that <paramref name="before"/> did not
    /// have (or whose ETag it does not know). Returns the note to store with the snapshot: every key of
    /// <paramref name="after"/> with its entry's ETag.
    /// </summary>
    public async Task<string> AddAsync(StoredTicket? before, Ticket after, CancellationToken cancellationToken)
    {
        var known = Read(before?.Index);
        var keys = KeysOf(after);
        var table = await TableAsync(cancellationToken);
        var written = await Task.WhenAll(keys.Where(k => !known.ContainsKey(k)).Select(async key =>
        {
            var entity = new TableEntity(key, after.Id.Value) { ["Version"] = after.Version };
            var response = await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return (key, etag: response.Headers.ETag?.ToString() ?? string.Empty);
        }));
        var note = keys.ToDictionary(k => k, k => known.TryGetValue(k, out var etag) ? etag : string.Empty, StringComparer.Ordinal);
        foreach (var (key, etag) in written)
        {
            note[key] = etag;
        }

        return JsonSerializer.Serialize(note);
    }

    /// <summary>After a change's batch: removes the entries of the keys <paramref name="before"/> had and <paramref name="after"/> has not.</summary>
    public async Task RemoveLeftAsync(StoredTicket before, Ticket after, CancellationToken cancellationToken)
    {
        var known = Read(before.Index);
        var left = KeysOf(before.Ticket).Except(KeysOf(after), StringComparer.Ordinal).ToList();
        if (left.Count == 0)
        {
            return;
        }

        var table = await TableAsync(cancellationToken);
        // Without a known ETag (a snapshot older than the index) the removal is unconditional: such a ticket's entries
        // were all written by the catch-up or by this change's predecessors, and this is the first change that knows them.
        await Task.WhenAll(left.Select(key => DeleteAsync(table, key, after.Id.Value,
            known.TryGetValue(key, out var etag) && etag.Length > 0 ? new ETag(etag) : ETag.All, cancellationToken)));
    }

    /// <summary>
    /// One page of the tickets under <see cref="KeyFor"/>(<paramref name="query"/>) that pass every filter, each read
    /// from its snapshot (the entries only say where to look). Entries the ticket has left are removed on the way.
    /// </summary>
    public async Task<TicketPage> ListAsync(string key, TicketQuery query, Func<TicketId, CancellationToken, Task<StoredTicket?>> read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {key}") };
        if (query.ReceivedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {TicketId.LowerBound(from).Value}"));
        }

        if (query.ReceivedBefore is { } before)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {TicketId.LowerBound(before).Value}"));
        }

        var filter = TablePages.And(parts);
        var token = query.ContinuationToken;
        for (var followed = 0; ; followed++)
        {
            var page = await table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken)
                .AsPages(token, query.PageSize)
                .FirstAsync(cancellationToken);
            token = page.ContinuationToken;
            var checkedEntries = await Task.WhenAll(page.Values.Select(async entry =>
            {
                var stored = TicketId.TryParse(entry.RowKey, out var id) ? await read(id, cancellationToken) : null;
                if (stored is not null && KeysOf(stored.Ticket).Contains(key, StringComparer.Ordinal))
                {
                    return query.Matches(stored.Ticket) ? stored.Ticket : null;
                }

                var left = stored is null
                    ? entry.Timestamp is { } written && now - written > OrphanAfter
                    : stored.Ticket.Version >= (entry.GetInt32("Version") ?? 0);
                if (left)
                {
                    await DeleteAsync(table, entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken);
                }

                return null;
            }));
            var items = checkedEntries.OfType<Ticket>().ToList();
            if (items.Count > 0 || token is null || followed >= MaxEmptyPagesFollowed)
            {
                return new TicketPage(items, token);
            }
        }
    }

    private static async Task DeleteAsync(TableClient table, string partition, string row, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ifMatch, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Already gone, or written again by a newer change: either way not this removal's to make.
        }
    }

    private static Dictionary<string, string> Read(string? note) =>
        string.IsNullOrEmpty(note)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(note) ?? [], StringComparer.Ordinal);

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.TicketIndexTable, cancellationToken);
}
