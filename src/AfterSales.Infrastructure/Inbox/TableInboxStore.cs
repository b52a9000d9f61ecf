using AfterSales.Application.Inbox;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Inbox;

/// <summary>Inbox items: partition = recipient (<c>user:…</c> or <c>role:…</c>), row key = <c>{ticket id}_{item key}</c>.</summary>
public sealed class TableInboxStore(StorageClients storage) : IInboxStore
{
    public async Task AddAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.InboxTable, cancellationToken);
        foreach (var item in items)
        {
            var entity = new TableEntity(item.Recipient, $"{item.Ticket.Value}_{item.Key}")
            {
                ["Kind"] = item.Kind.ToString(),
                ["TicketNumber"] = item.TicketNumber,
                ["Title"] = item.Title,
                ["At"] = item.At,
                ["DueAt"] = item.DueAt,
                ["Level"] = item.Level,
            };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<InboxItem>> ListAsync(string recipient, int max, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.InboxTable, cancellationToken);
        var list = new List<InboxItem>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {recipient}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            var separator = e.RowKey.IndexOf('_', StringComparison.Ordinal);
            if (separator > 0 && TicketId.TryParse(e.RowKey[..separator], out var ticket) && Enum.TryParse<InboxItemKind>(e.GetString("Kind"), out var kind))
            {
                list.Add(new InboxItem(recipient, ticket, e.RowKey[(separator + 1)..], kind, e.GetString("TicketNumber") ?? string.Empty,
                    e.GetString("Title") ?? string.Empty, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("DueAt"), e.GetString("Level")));
            }

            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    public async Task RemoveAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.InboxTable, cancellationToken);
        await table.DeleteIfExistsAsync(item.Recipient, $"{item.Ticket.Value}_{item.Key}", cancellationToken);
    }
}
