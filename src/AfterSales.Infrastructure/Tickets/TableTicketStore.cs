using System.Globalization;
using System.Net;
using AfterSales.Application;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Infrastructure.Sms;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tickets;

/// <summary>
/// Tickets in Azure Table Storage. Each ticket is one partition (key = ticket id): the snapshot row
/// <c>ticket</c>, one row per event, <c>event-000001</c>, …, and the SMS outbox rows <c>sms-…</c>
/// (see <see cref="SmsRows"/>), all written together in one batch. Because ticket ids start with their
/// receipt time, "received between A and B" is a partition-key range and costs what that range holds. Lists by
/// status, queue, engineer or customer phone read the <see cref="TableTicketIndex"/> instead of every snapshot.
/// </summary>
public sealed class TableTicketStore(StorageClients storage, IOptions<BusinessOptions> business, TimeProvider time) : ITicketStore, ITicketIndexCatchUp
{
    public const string SnapshotRowKey = "ticket";
    private const string EventRowPrefix = "event-";
    private const string IndexColumn = "Index";
    private readonly TableTicketIndex _index = new(storage);
    private readonly TimeProvider _time = time;
    private volatile bool _caughtUp;

    public async Task<string?> TryCreateAsync(
        Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken)
    {
        var tableTask = TableAsync(cancellationToken);
        if (!_caughtUp)
        {
            // The first intake a store sees marks an empty store as indexed from the start.
            await CaughtUpAsync(cancellationToken);
        }

        var note = await _index.AddAsync(null, ticket, cancellationToken);
        var table = await tableTask;
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(ticket, note)) };
        batch.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(ticket.Id, e))));
        batch.AddRange(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, SmsRows.ToEntity(m))));
        try
        {
            var responses = await table.SubmitTransactionAsync(batch, cancellationToken);
            return await ETagOfAsync(responses, ticket.Id, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    public async Task<string?> TryAppendAsync(
        StoredTicket before, Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken)
    {
        var tableTask = TableAsync(cancellationToken);
        var note = await _index.AddAsync(before, ticket, cancellationToken);
        var table = await tableTask;
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(ticket, note), new ETag(before.ETag)) };
        batch.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(ticket.Id, e))));
        batch.AddRange(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, SmsRows.ToEntity(m))));
        try
        {
            var responses = await table.SubmitTransactionAsync(batch, cancellationToken);
            var etag = await ETagOfAsync(responses, ticket.Id, cancellationToken);
            await _index.RemoveLeftAsync(before, ticket, cancellationToken);
            return etag;
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            // Another writer replaced the snapshot (412) or appended the same event number (409) first.
            return null;
        }
    }

    /// <summary>The snapshot's new ETag from the batch's first answer (read back only if a service leaves it out).</summary>
    private async Task<string?> ETagOfAsync(Response<IReadOnlyList<Response>> responses, TicketId id, CancellationToken cancellationToken) =>
        responses.Value[0].Headers.ETag is { } written ? written.ToString() : (await GetAsync(id, cancellationToken))?.ETag;

    public async Task<StoredTicket?> GetAsync(TicketId id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id.Value, SnapshotRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToStored(entity) : null;
    }

    public async Task<StoredTicket?> FindByNumberAsync(TicketNumber number, CancellationToken cancellationToken)
    {
        // The number carries its business date, so only that day's key range is read.
        var zone = business.Value.Zone;
        var from = TicketId.LowerBound(BusinessTime.StartOfDay(number.BusinessDate, zone)).Value;
        var to = TicketId.LowerBound(BusinessTime.StartOfDay(number.BusinessDate.AddDays(1), zone)).Value;
        var text = number.ToString();
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {from} and PartitionKey lt {to} and RowKey eq {SnapshotRowKey} and Number eq {text}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            return ToStored(entity);
        }

        return null;
    }

    public async Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TicketId id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and RowKey ge {EventRowPrefix} and RowKey lt {EventRowPrefix + "~"}");
        var events = new List<TicketEvent>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(new TicketEvent(
                entity.GetInt32("Sequence") ?? 0,
                entity.GetDateTimeOffset("OccurredAt") ?? default,
                new Actor(entity.GetString("ActorName"), entity.GetString("ActorRole")),
                TicketJson.DeserializeEvent(entity.GetString("Type"), TableText.Read(entity, "Data"))));
        }

        return events;
    }

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        if (TableTicketIndex.KeyFor(query) is { } key && await CaughtUpAsync(cancellationToken))
        {
            return await _index.ListAsync(key, query, GetAsync, _time.GetUtcNow(), cancellationToken);
        }

        var table = await TableAsync(cancellationToken);
        var (items, token) = await TablePages.ReadAsync(table, ListFilter(query), query.PageSize, query.ContinuationToken, e => ToStored(e).Ticket, cancellationToken);
        return new TicketPage(items, token);
    }

    private static string ListFilter(TicketQuery query)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {SnapshotRowKey}") };
        if (query.ReceivedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {TicketId.LowerBound(from).Value}"));
        }

        if (query.ReceivedBefore is { } before)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey lt {TicketId.LowerBound(before).Value}"));
        }

        if (query.Status is { } status)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        if (query.Channel is { } channel)
        {
            parts.Add(TableClient.CreateQueryFilter($"Channel eq {channel.ToString()}"));
        }

        if (query.Queue is { } queue)
        {
            // The queue column is only set while the ticket waits in it (TicketQuery.QueueOf).
            parts.Add(TableClient.CreateQueryFilter($"Queue eq {queue.ToString()}"));
        }

        if (query.AssignedTo is { } engineer)
        {
            parts.Add(TableClient.CreateQueryFilter($"AssignedTo eq {engineer}"));
        }

        if (query.Phone is { } phone)
        {
            parts.Add(TableClient.CreateQueryFilter($"Phone eq {phone}"));
        }

        if (query.InHandsOf is { } worker)
        {
            // TicketQuery.WorkerOf as a filter.
            parts.Add(TableClient.CreateQueryFilter(
                $"AssignedTo eq {worker} and Status ne {nameof(TicketStatus.Closed)} and Status ne {nameof(TicketStatus.Cancelled)} and Status ne {nameof(TicketStatus.Confirmed)} and Status ne {nameof(TicketStatus.FollowUp)}"));
        }

        return TablePages.And(parts);
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.TicketsTable, cancellationToken);

    /// <summary>
    /// Indexes, a page at a time, the tickets stored before the store kept an index (their snapshots have no
    /// <c>Index</c> column); until every one is, lists by status, queue, engineer and phone read the snapshots instead.
    /// Progress is kept in the index table (partition <c>catch-up</c>), so a run continues where the last one stopped.
    /// </summary>
    public async Task<TicketIndexCatchUp> CatchUpIndexAsync(int max, CancellationToken cancellationToken)
    {
        if (await CaughtUpAsync(cancellationToken))
        {
            return new TicketIndexCatchUp(0, Done: true);
        }

        var table = await TableAsync(cancellationToken);
        var progress = await IndexTableAsync(cancellationToken);
        var state = await progress.GetEntityIfExistsAsync<TableEntity>(CatchUpPartition, CatchUpRow, cancellationToken: cancellationToken);
        var token = state.HasValue ? state.Value!.GetString("Token") : null;
        var page = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {SnapshotRowKey}"), maxPerPage: max, cancellationToken: cancellationToken)
            .AsPages(token, max)
            .FirstAsync(cancellationToken);
        var indexed = 0;
        foreach (var entity in page.Values.Where(e => !e.ContainsKey(IndexColumn)))
        {
            var note = await _index.AddAsync(null, ToStored(entity).Ticket, cancellationToken);
            try
            {
                await table.UpdateEntityAsync(new TableEntity(entity.PartitionKey, entity.RowKey) { [IndexColumn] = note }, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                indexed++;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Changed meanwhile: that change wrote the ticket's entries and its note itself.
            }
        }

        var done = page.ContinuationToken is null;
        await progress.UpsertEntityAsync(new TableEntity(CatchUpPartition, CatchUpRow) { ["Token"] = page.ContinuationToken, ["Done"] = done }, TableUpdateMode.Replace, cancellationToken);
        _caughtUp = done;
        return new TicketIndexCatchUp(indexed, done);
    }

    private const string CatchUpPartition = "catch-up";
    private const string CatchUpRow = "state";

    /// <summary>
    /// Whether every stored ticket is in the index: the catch-up has finished, or (the first time a store looks) there
    /// was no ticket stored yet, so every ticket is written with its entries. Kept once true.
    /// </summary>
    private async Task<bool> CaughtUpAsync(CancellationToken cancellationToken)
    {
        if (_caughtUp)
        {
            return true;
        }

        var progress = await IndexTableAsync(cancellationToken);
        var state = await progress.GetEntityIfExistsAsync<TableEntity>(CatchUpPartition, CatchUpRow, cancellationToken: cancellationToken);
        if (state.HasValue)
        {
            return _caughtUp = state.Value!.GetBoolean("Done") == true;
        }

        var table = await TableAsync(cancellationToken);
        var any = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {SnapshotRowKey}"), maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
        await foreach (var _ in any)
        {
            return false;
        }

        await progress.UpsertEntityAsync(new TableEntity(CatchUpPartition, CatchUpRow) { ["Done"] = true }, TableUpdateMode.Replace, cancellationToken);
        return _caughtUp = true;
    }

    private Task<TableClient> IndexTableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.TicketIndexTable, cancellationToken);

    private static TableEntity ToEntity(Ticket ticket, string indexNote)
    {
        var entity = new TableEntity(ticket.Id.Value, SnapshotRowKey)
        {
            ["Number"] = ticket.Number.ToString(),
            ["Status"] = ticket.Status.ToString(),
            ["Channel"] = ticket.Intake.Channel.ToString(),
            ["TicketType"] = ticket.Classification?.Type?.ToString(),
            ["Urgency"] = ticket.Classification?.Urgency.ToString(),
            ["AssignedTo"] = ticket.AssignedTo,
            ["Queue"] = TicketQuery.QueueOf(ticket)?.ToString(),
            ["ReceivedAt"] = ticket.ReceivedAt,
            // For finding a customer's other tickets while registering a request (a snapshot written before this column existed has none).
            ["Phone"] = ticket.Intake.Customer.Phone.E164,
            ["Version"] = ticket.Version,
            // Where this version is indexed, for the next change to remove what it leaves (TableTicketIndex).
            [IndexColumn] = indexNote,
        };
        TableText.Write(entity, "Data", TicketJson.Serialize(ticket));
        return entity;
    }

    private static TableEntity ToEntity(TicketId id, TicketEvent e)
    {
        var entity = new TableEntity(id.Value, EventRowPrefix + e.Sequence.ToString("D6", CultureInfo.InvariantCulture))
        {
            ["Sequence"] = e.Sequence,
            ["Type"] = e.Type,
            ["OccurredAt"] = e.OccurredAt,
            ["ActorName"] = e.Actor.Name,
            ["ActorRole"] = e.Actor.Role,
        };
        TableText.Write(entity, "Data", TicketJson.Serialize(e.Data));
        return entity;
    }

    private static StoredTicket ToStored(TableEntity entity) =>
        new(TicketJson.DeserializeTicket(TableText.Read(entity, "Data")), entity.ETag.ToString()) { Index = entity.GetString(IndexColumn) };
}
