using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Application.Notifications;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// The per-number daily counts: partition = the business day (<c>20261123</c>), row key = a hash of the number (no
/// phone number in a key, where storage logs and tools show keys), <c>Count</c> raised with the row's ETag, so two
/// workers taking at once never both get the last send.
/// </summary>
public sealed class TableSmsNumberQuota(StorageClients storage) : ISmsNumberQuota
{
    private const int MaxRaces = 10;

    public async Task<bool> TryTakeAsync(string number, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.SmsQuotaTable, cancellationToken);
        var (partition, row) = (day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Key(number));
        for (var race = 0; race < MaxRaces; race++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, ["Count"], cancellationToken);
            var count = found.HasValue ? found.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= limit)
            {
                return false;
            }

            try
            {
                var entity = new TableEntity(partition, row) { ["Count"] = count + 1 };
                if (found.HasValue)
                {
                    await table.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another worker counted first: read again.
            }
        }

        throw new InvalidOperationException($"The day's count of a number lost {MaxRaces} write races in a row.");
    }

    /// <summary>The row of a number: the first 16 bytes of its SHA-256, hex.</summary>
    public static string Key(string number) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(number)).AsSpan(0, 16));
}
