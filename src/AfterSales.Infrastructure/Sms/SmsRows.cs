using AfterSales.Infrastructure.Storage;
using System.Text.Json;
using AfterSales.Application.Notifications;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// How an SMS is stored: as an outbox row in its ticket's partition (row key = message key), and as a row of
/// the staff log (partition = business day of creation, row key = ticket id and key). Both carry the whole
/// message as JSON plus the columns filters need.
/// </summary>
public static class SmsRows
{
    public static TableEntity ToEntity(SmsMessage message) => Fill(new TableEntity(message.Ticket.Value, message.Key), message);

    public static TableEntity ToLogEntity(SmsMessage message, string day) =>
        Fill(new TableEntity(day, $"{message.Ticket.Value}_{message.Key}"), message);

    public static SmsMessage FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<SmsMessage>(entity.GetString("Data"), TicketJson.Options)
            ?? throw new JsonException($"The SMS row {entity.PartitionKey}/{entity.RowKey} is empty.");

    private static TableEntity Fill(TableEntity entity, SmsMessage message)
    {
        entity["Status"] = message.Status.ToString();
        entity["Kind"] = message.Kind.ToString();
        entity["TicketNumber"] = message.TicketNumber;
        entity["NextAttemptAt"] = message.NextAttemptAt;
        entity["Data"] = JsonSerializer.Serialize(message, TicketJson.Options);
        return entity;
    }
}
