using System.Globalization;
using System.Net;
using AfterSales.Application;
using AfterSales.Application.Notifications;
using AfterSales.Domain.Time;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TicketId = AfterSales.Domain.Tickets.TicketId;

namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// The outbox rows (in the tickets table, each in its ticket's partition) and the staff log (table
/// <c>SmsLog</c>, one partition per business day the message was created), in Azure Table Storage.
/// </summary>
public sealed class TableSmsOutbox(StorageClients storage, IOptions<BusinessOptions> business) : ISmsOutbox
{
    private const string DayFormat = "yyyyMMdd";

    public async Task<IReadOnlyList<StoredSms>> ListAsync(TicketId ticket, CancellationToken cancellationToken)
    {
        var table = await TicketsAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ticket.Value} and RowKey ge {SmsMessage.KeyPrefix} and RowKey lt {SmsMessage.KeyPrefix + "~"}");
        var list = new List<StoredSms>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(new StoredSms(SmsRows.FromEntity(entity), entity.ETag.ToString()));
        }

        return list;
    }

    public async Task<StoredSms?> GetAsync(TicketId ticket, string key, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(key))
        {
            return null;
        }

        var table = await TicketsAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ticket.Value, key, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? new StoredSms(SmsRows.FromEntity(entity), entity.ETag.ToString()) : null;
    }

    public async Task<string?> TryReplaceAsync(SmsMessage message, string etag, CancellationToken cancellationToken)
    {
        var table = await TicketsAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(SmsRows.ToEntity(message), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PublishAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsLogTable, cancellationToken);
        await table.UpsertEntityAsync(SmsRows.ToLogEntity(message, Day(message.CreatedAt)), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<SmsPage> SearchAsync(SmsQuery query, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsLogTable, cancellationToken);
        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey ge {query.From.ToString(DayFormat, CultureInfo.InvariantCulture)}"),
            TableClient.CreateQueryFilter($"PartitionKey le {query.To.ToString(DayFormat, CultureInfo.InvariantCulture)}"),
        };
        if (query.Status is { } status)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        if (query.Kind is { } kind)
        {
            parts.Add(TableClient.CreateQueryFilter($"Kind eq {kind.ToString()}"));
        }

        var (items, token) = await TablePages.ReadAsync(table, TablePages.And(parts), query.PageSize, query.ContinuationToken, SmsRows.FromEntity, cancellationToken);
        return new SmsPage(items, token);
    }

    private string Day(DateTimeOffset instant) =>
        BusinessTime.LocalDate(instant, business.Value.Zone).ToString(DayFormat, CultureInfo.InvariantCulture);

    private Task<TableClient> TicketsAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.TicketsTable, cancellationToken);
}
