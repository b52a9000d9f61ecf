using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Customers;

/// <summary>
/// Customer codes: partition = the first two hex digits of the code's HMAC (256 partitions, spread evenly), row key =
/// the whole HMAC. One point read finds a code; the code itself is stored nowhere.
/// </summary>
public sealed class TableCustomerCodeStore(StorageClients storage) : ICustomerCodeStore
{
    public async Task AddAsync(IReadOnlyList<CustomerCodeEntry> entries, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.CustomerCodesTable, cancellationToken);
        foreach (var entry in entries)
        {
            await table.AddEntityAsync(
                new TableEntity(entry.Key[..2], entry.Key)
                {
                    ["Ticket"] = entry.Ticket.Value,
                    ["Purpose"] = entry.Purpose.ToString(),
                    ["Subject"] = entry.Subject,
                    ["ExpiresAt"] = entry.ExpiresAt,
                    ["CreatedAt"] = entry.CreatedAt,
                },
                cancellationToken);
        }
    }

    public async Task<CustomerCodeEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length < 2)
        {
            return null;
        }

        var table = await storage.TableAsync(storage.Options.CustomerCodesTable, cancellationToken);
        NullableResponse<TableEntity> found;
        try
        {
            found = await table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return null; // not a key this store could hold
        }

        if (!found.HasValue || found.Value is not { } e2 || !TicketId.TryParse(e2.GetString("Ticket"), out var ticket)
            || !Enum.TryParse<LinkPurpose>(e2.GetString("Purpose"), out var purpose) || e2.GetInt32("Subject") is not { } subject
            || e2.GetDateTimeOffset("ExpiresAt") is not { } expires)
        {
            return null;
        }

        return new CustomerCodeEntry(key, ticket, purpose, subject, expires, e2.GetDateTimeOffset("CreatedAt") ?? expires);
    }
}
