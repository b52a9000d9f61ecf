using AfterSales.Infrastructure.Storage;
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
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
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
    public async Task ASnapshotLargerThanOneProperty_IsSplitOverParts_ReadWhole_AndShrinksBackToOne()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var (small, received) = TestStorage.NewTicket(Morning, 1);
        // 50,000 characters of Chinese and characters outside the BMP (surrogate pairs, stored escaped): ~150,000 stored, far past 64 KiB.
        var symptom = string.Concat(Enumerable.Repeat("不制冷😀", 10_000)) + "。";
        var large = small with { Intake = small.Intake with { Description = new ProblemDescription(symptom, null, null) } };

        Assert.NotNull(await store.TryCreateAsync(large, [received], [], CancellationToken.None));

        var table = await storage.TableAsync(storage.Options.TicketsTable, CancellationToken.None);
        var row = await table.GetEntityAsync<TableEntity>(large.Id.Value, TableTicketStore.SnapshotRowKey);
        Assert.InRange(row.Value.GetInt32("DataParts") ?? 0, 5, TableText.MaxParts);
        Assert.All(row.Value.Keys.Where(k => k.StartsWith("Data", StringComparison.Ordinal) && k != "DataParts"), k => Assert.InRange(row.Value.GetString(k).Length, 1, TableText.PartLength));
        var stored = (await store.GetAsync(large.Id, CancellationToken.None))!;
        Assert.Equal(symptom, stored.Ticket.Intake.Description.Symptom);
        Assert.Equal(TicketJson.Serialize(large), TicketJson.Serialize(stored.Ticket));

        // The next version is small again: the replace leaves no stale part behind.
        var shrunk = small with { Version = large.Version + 1 };
        Assert.NotNull(await store.TryAppendAsync(stored, shrunk, [], [], CancellationToken.None));
        row = await table.GetEntityAsync<TableEntity>(large.Id.Value, TableTicketStore.SnapshotRowKey);
        Assert.DoesNotContain(row.Value.Keys, k => k.StartsWith("Data", StringComparison.Ordinal) && k != "Data");
        Assert.Equal("不制冷", (await store.GetAsync(large.Id, CancellationToken.None))!.Ticket.Intake.Description.Symptom);
    }

    [Fact]
    public void AText_LongerThanARowHolds_IsRefused_NamingTheRow()
    {
        var entity = new TableEntity("p", "r");

        var refused = Assert.Throws<InvalidOperationException>(() => TableText.Write(entity, "Data", new string('x', (TableText.MaxParts * TableText.PartLength) + 1)));

        Assert.StartsWith("p/r: Data", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryCreate_SameIdTwice_SecondWritesNothing()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
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
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business, TimeProvider.System);
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
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business, TimeProvider.System);
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
        var store = new TableTicketStore(TestStorage.Clients(azurite), TestStorage.Business, TimeProvider.System);
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
