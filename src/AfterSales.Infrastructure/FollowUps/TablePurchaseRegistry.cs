using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Application.FollowUps;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.FollowUps;

/// <summary>
/// Purchases per customer: partition = SHA-256 of the phone number (the number itself is not stored), row <c>first</c>
/// holds the fingerprint of the customer's first registered purchase (added with a conditional insert, so two
/// first purchases at once cannot both be first), and one row per purchase.
/// </summary>
public sealed class TablePurchaseRegistry(StorageClients storage) : IPurchaseRegistry
{
    public async Task<bool> RecordAsync(
        string phoneE164, string fingerprint, string model, string? serialNumber, DateOnly purchaseDate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.PurchasesTable, cancellationToken);
        var partition = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phoneE164)));
        await table.UpsertEntityAsync(new TableEntity(partition, $"purchase-{fingerprint}")
        {
            ["Model"] = model,
            ["SerialNumber"] = serialNumber,
            ["PurchaseDate"] = purchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RegisteredAt"] = at,
        }, TableUpdateMode.Merge, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, "first") { ["Fingerprint"] = fingerprint, ["At"] = at }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var first = await table.GetEntityAsync<TableEntity>(partition, "first", cancellationToken: cancellationToken);
            return first.Value.GetString("Fingerprint") == fingerprint;
        }
    }
}
