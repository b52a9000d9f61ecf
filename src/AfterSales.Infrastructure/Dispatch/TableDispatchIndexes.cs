using System.Globalization;
using System.Net;
using AfterSales.Application.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Dispatch;

/// <summary>Tickets per engineer: partition = engineer, row = ticket id, column <c>At</c> = when announced.</summary>
public sealed class TableAssignmentIndex(StorageClients storage) : IAssignmentIndex
{
    public async Task AddAsync(string engineer, TicketId ticket, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.AssignmentsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(engineer, ticket.Value) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<AssignmentEntry>> ListAsync(string engineer, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.AssignmentsTable, cancellationToken);
        var list = new List<AssignmentEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {engineer}"), cancellationToken: cancellationToken))
        {
            if (TicketId.TryParse(entity.RowKey, out var id))
            {
                list.Add(new AssignmentEntry(id, entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
            }
        }

        return list;
    }

    public async Task RemoveAsync(string engineer, TicketId ticket, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.AssignmentsTable, cancellationToken);
        await table.DeleteEntityAsync(engineer, ticket.Value, ETag.All, cancellationToken);
    }
}

/// <summary>
/// Deadlines: partition = kind, row key = <c>{due instant, UTC, sortable}_{ticket id}</c>, so "due by now"
/// is one key-range query over the partition, whose cost follows the number of due entries.
/// </summary>
public sealed class TableDueIndex(StorageClients storage) : IDueIndex
{
    private const string Format = "yyyyMMdd'T'HHmmss.fff'Z'";

    public async Task ScheduleAsync(string kind, DateTimeOffset dueAt, TicketId ticket, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(kind, Key(dueAt, ticket)), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DueEntry>> DueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        // '~' sorts after every ticket id character, so the bound includes everything due at 'now'.
        var upper = $"{now.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}_~";
        var list = new List<DueEntry>();
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey le {upper}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            var separator = entity.RowKey.IndexOf('_', StringComparison.Ordinal);
            if (separator > 0 && TicketId.TryParse(entity.RowKey[(separator + 1)..], out var id)
                && DateTimeOffset.TryParseExact(entity.RowKey[..separator], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dueAt))
            {
                list.Add(new DueEntry(kind, dueAt, id));
            }

            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    public async Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.DueTable, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(entry.Kind, Key(entry.DueAt, entry.Ticket), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Another sweep removed it first.
        }
    }

    private static string Key(DateTimeOffset dueAt, TicketId ticket) =>
        $"{dueAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}_{ticket.Value}";
}
