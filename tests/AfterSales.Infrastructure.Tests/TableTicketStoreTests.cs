using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Tickets;
using AfterSales.Testing;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public class TableTicketStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryCreate_WritesSnapshotAndFirstEvent_InOnePartition()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business);
        var (ticket, received) = TestStorage.NewTicket(Morning, 1);

        Assert.NotNull(await store.TryCreateAsync(ticket, [received], [], CancellationToken.None));

        var table = await storage.TableAsync(storage.Options.TicketsTable, CancellationToken.None);
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == ticket.Id.Value).ToListAsync();
        Assert.Equal(["event-000001", "ticket"], rows.Select(r => r.RowKey).ToArray());
        var stored = await store.GetAsync(ticket.Id, CancellationToken.None);
        Assert.Equal(TicketJson.Serialize(ticket), TicketJson.Serialize(stored!.Ticket));
        Assert.Equal(ticket.Intake.Customer, stored.Ticket.Intake.Customer);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
    }

    [Fact]
    public async Task TryCreate_SameIdTwice_SecondWritesNothing()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business);
        var (ticket, received) = TestStorage.NewTicket(Morning, 1);
        await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);

        var changed = ticket with { Number = TicketNumber.Create("AS", ticket.Number.BusinessDate, 99) };
        Assert.Null(await store.TryCreateAsync(changed, [received], [], CancellationToken.None));

        Assert.Equal(ticket.Number, (await store.GetAsync(ticket.Id, CancellationToken.None))!.Ticket.Number);
        Assert.Single(await store.GetHistoryAsync(ticket.Id, CancellationToken.None));
    }

    [Fact]
    public async Task FindByNumber_FindsOnlyThatTicket()
    {
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business);
        var created = new List<Ticket>();
        for (var i = 1; i <= 3; i++)
        {
            var (ticket, received) = TestStorage.NewTicket(Morning.AddMinutes(i), i);
            await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
            created.Add(ticket);
        }

        var found = await store.FindByNumberAsync(created[1].Number, CancellationToken.None);
        Assert.Equal(created[1].Id, found!.Ticket.Id);
        Assert.Null(await store.FindByNumberAsync(TicketNumber.Create("AS", created[0].Number.BusinessDate, 4), CancellationToken.None));
    }

    [Fact]
    public async Task History_ReturnsEventsWithActorAndData()
    {
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business);
        var (ticket, received) = TestStorage.NewTicket(Morning, 5);
        await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);

        var history = await store.GetHistoryAsync(ticket.Id, CancellationToken.None);

        var only = Assert.Single(history);
        Assert.Equal(received, only);
        Assert.Empty(await store.GetHistoryAsync(TicketId.Create(Morning, new byte[10]), CancellationToken.None));
    }

    [Fact]
    public async Task List_FiltersByChannelAndReceiptRange_AndPagesWithContinuation()
    {
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business);
        // Ten tickets, one per hour; even ones by phone, odd ones by web.
        var all = new List<Ticket>();
        for (var i = 0; i < 10; i++)
        {
            var (ticket, received) = TestStorage.NewTicket(Morning.AddHours(i), i + 1, i % 2 == 0 ? Channel.Phone : Channel.Web);
            await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
            all.Add(ticket);
        }

        var phone = await TestStorage.ReadAllAsync(store, new TicketQuery(null, Channel.Phone, null, null, 2, null));
        Assert.Equal(all.Where(t => t.Intake.Channel == Channel.Phone).Select(t => t.Id), phone.Select(t => t.Id));

        var window = await TestStorage.ReadAllAsync(store, new TicketQuery(TicketStatus.Received, null, Morning.AddHours(3), Morning.AddHours(6), 50, null));
        Assert.Equal(all.Skip(3).Take(3).Select(t => t.Id), window.Select(t => t.Id));
    }
}
