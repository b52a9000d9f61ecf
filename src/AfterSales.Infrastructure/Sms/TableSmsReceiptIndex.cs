using System.Text.Json;
using AfterSales.Application.Notifications;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// Providers' message ids: partition = the provider, row key = its id (Tencent's <c>SerialNo</c>), with our message's
/// <c>Tag</c>, or a <c>Held</c> receipt that came before the message was recorded.
/// </summary>
public sealed class TableSmsReceiptIndex(StorageClients storage) : ISmsReceiptIndex
{
    public async Task RecordAsync(string provider, string providerMessageId, string tag, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsReceiptsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(provider, Key(providerMessageId)) { ["Tag"] = tag }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<string?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken) =>
        (await GetAsync(provider, providerMessageId, cancellationToken))?.GetString("Tag");

    public async Task HoldAsync(string provider, SmsDeliveryReport report, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsReceiptsTable, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(provider, Key(report.ProviderMessageId ?? string.Empty)) { ["Held"] = JsonSerializer.Serialize(report, TicketJson.Options) },
            TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<SmsDeliveryReport?> TakeHeldAsync(string provider, string providerMessageId, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(provider, providerMessageId, cancellationToken);
        if (entity?.GetString("Held") is not { } held)
        {
            return null;
        }

        var table = await storage.TableAsync(storage.Options.SmsReceiptsTable, cancellationToken);
        entity.Remove("Held");
        try
        {
            // Replace without the held receipt, on the version read: of two takers, one gets it.
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }

        return JsonSerializer.Deserialize<SmsDeliveryReport>(held, TicketJson.Options);
    }

    private async Task<TableEntity?> GetAsync(string provider, string providerMessageId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsReceiptsTable, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(provider, Key(providerMessageId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>A provider's id as a row key: characters a key may not hold (/ \ # ?) escaped.</summary>
    private static string Key(string id) => Uri.EscapeDataString(id);
}
