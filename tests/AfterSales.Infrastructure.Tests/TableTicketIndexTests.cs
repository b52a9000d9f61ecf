using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using AfterSales.Infrastructure.Tickets;
using AfterSales.Testing;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tests;

/// <summary>
/// The ticket index against the emulator: lists by status, queue, engineer and phone read only the entries and their
/// tickets; a change's late removal, a crash between the batch and the removal, a write still under way and tickets
/// stored before the index existed all leave the lists exactly right.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableTicketIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lists_ByStatusQueueEngineerAndPhone_ReadTheEntriesAndTheirTicketsOnly()
    {
        var counter = new StorageRequestCounter();
        var storage = TestStorage.Clients(azurite, counter: counter);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var tickets = new List<Ticket>();
        for (var i = 0; i < 40; i++)
        {
            var (ticket, received) = TestStorage.NewTicket(Morning.AddMinutes(i), i + 1);
            await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
            tickets.Add(ticket);
        }

        // Ticket 5 waits in the repair queue, ticket 7 is assigned to eng-1, ticket 9 was theirs and is closed; ticket 11 has another phone.
        await ChangeAsync(store, tickets[5], t => t with { Status = TicketStatus.Classified, Dispatch = DispatchState.None with { Queue = Department.Repair } });
        await ChangeAsync(store, tickets[7], t => t with { Status = TicketStatus.Assigned, AssignedTo = "eng-1" });
        await ChangeAsync(store, tickets[9], t => t with { Status = TicketStatus.Assigned, AssignedTo = "eng-1" });
        await ChangeAsync(store, tickets[9], t => t with { Status = TicketStatus.Closed });
        var otherPhone = tickets[11] with { Intake = tickets[11].Intake with { Customer = tickets[11].Intake.Customer with { Phone = Domain.Customers.PhoneNumber.FromE164("+8613900001111") } } };
        await ChangeAsync(store, tickets[11], _ => otherPhone with { Version = 2 });

        using (var scope = counter.Measure())
        {
            var queued = await store.ListAsync(new TicketQuery(null, null, null, null, 50, null, Queue: Department.Repair), CancellationToken.None);
            Assert.Equal([tickets[5].Id], queued.Items.Select(t => t.Id));
            // One query of the queue's entries, one read of its ticket: no scan of the 40 tickets.
            Assert.Equal("2/0/0 + 0 blob", scope.Tally.ToString());
        }

        Assert.Equal([tickets[7].Id], (await store.ListAsync(new TicketQuery(null, null, null, null, 50, null, InHandsOf: "eng-1"), CancellationToken.None)).Items.Select(t => t.Id));
        Assert.Equal([tickets[9].Id], (await store.ListAsync(new TicketQuery(TicketStatus.Closed, null, null, null, 50, null), CancellationToken.None)).Items.Select(t => t.Id));
        // The closed ticket stays eng-1's (the API's filter) but is no longer in their hands (the engineer's job list).
        Assert.Equal([tickets[7].Id, tickets[9].Id], (await TestStorage.ReadAllAsync(store, new TicketQuery(null, null, null, null, 50, null, AssignedTo: "eng-1"))).Select(t => t.Id));
        Assert.Equal(1, await EntriesAsync(storage, "hands-eng-1"));
        Assert.Equal([tickets[11].Id], (await store.ListAsync(new TicketQuery(null, null, null, null, 50, null, Phone: "+8613900001111"), CancellationToken.None)).Items.Select(t => t.Id));
        Assert.Empty((await store.ListAsync(new TicketQuery(TicketStatus.Closed, null, null, null, 50, null, Phone: "+8613900001111"), CancellationToken.None)).Items);

        // Received, by pages of 7, within a receipt window: the row-key range of the status's entries.
        var window = await TestStorage.ReadAllAsync(store, new TicketQuery(TicketStatus.Received, null, Morning.AddMinutes(3), Morning.AddMinutes(30), 7, null));
        var expected = tickets.Where((t, i) => i is >= 3 and < 30 && i is not 5 and not 7 and not 9).Select(t => t.Id);
        Assert.Equal(expected, window.Select(t => t.Id));
    }

    [Fact]
    public async Task ARemovalArrivingAfterANewerChange_DoesNotTakeAwayTheEntryThatChangeWrote()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var (ticket, received) = TestStorage.NewTicket(Morning, 1);
        await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
        var first = (await store.GetAsync(ticket.Id, CancellationToken.None))!;
        var classified = first.Ticket with { Status = TicketStatus.Classified, Version = 2 };

        // Change A leaves Received; change B comes back to it; then A's removal of Received arrives once more, late.
        await ChangeAsync(store, first.Ticket, _ => classified);
        await ChangeAsync(store, classified, t => t with { Status = TicketStatus.Received });
        await new TableTicketIndex(storage).RemoveLeftAsync(first, classified, CancellationToken.None);

        var listed = await store.ListAsync(new TicketQuery(TicketStatus.Received, null, null, null, 50, null), CancellationToken.None);
        Assert.Equal([ticket.Id], listed.Items.Select(t => t.Id));
        Assert.Empty((await store.ListAsync(new TicketQuery(TicketStatus.Classified, null, null, null, 50, null), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task AnEntryLeftByACrashBeforeItsRemoval_IsNotListed_AndTheFirstReaderRemovesIt()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var (ticket, received) = TestStorage.NewTicket(Morning, 1);
        await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
        await ChangeAsync(store, ticket, t => t with { Status = TicketStatus.Cancelled });
        // The Received entry as it was before the change: the state a crash between the batch and the removal leaves.
        await new TableTicketIndex(storage).AddAsync(null, ticket, CancellationToken.None);
        Assert.Equal(1, await EntriesAsync(storage, "status-Received"));

        Assert.Empty((await store.ListAsync(new TicketQuery(TicketStatus.Received, null, null, null, 50, null), CancellationToken.None)).Items);
        Assert.Equal(0, await EntriesAsync(storage, "status-Received"));
        Assert.Single((await store.ListAsync(new TicketQuery(TicketStatus.Cancelled, null, null, null, 50, null), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task AnEntryOfAWriteStillUnderWay_IsNotListedYet_AndStaysUntilTheTicketPassesItsVersion()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var index = new TableTicketIndex(storage);
        var (ticket, received) = TestStorage.NewTicket(Morning, 1);
        await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
        var stored = (await store.GetAsync(ticket.Id, CancellationToken.None))!;

        // A change to Closed has written its entries but not yet its batch (or lost its race and never will).
        await index.AddAsync(stored, ticket with { Status = TicketStatus.Closed, Version = 2 }, CancellationToken.None);
        Assert.Empty((await store.ListAsync(new TicketQuery(TicketStatus.Closed, null, null, null, 50, null), CancellationToken.None)).Items);
        Assert.Equal(1, await EntriesAsync(storage, "status-Closed"));

        // Another change reaches version 2 as Cancelled: the Closed entry is now known to be left over.
        await ChangeAsync(store, ticket, t => t with { Status = TicketStatus.Cancelled });
        Assert.Empty((await store.ListAsync(new TicketQuery(TicketStatus.Closed, null, null, null, 50, null), CancellationToken.None)).Items);
        Assert.Equal(0, await EntriesAsync(storage, "status-Closed"));
    }

    [Fact]
    public async Task TicketsStoredBeforeTheIndex_AreListedFromTheSnapshots_UntilHousekeepingHasIndexedThemAll()
    {
        var prefix = azurite.NewPrefix();
        var storage = TestStorage.Clients(azurite, prefix);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var tickets = new List<Ticket>();
        for (var i = 0; i < 5; i++)
        {
            var (ticket, received) = TestStorage.NewTicket(Morning.AddMinutes(i), i + 1);
            await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
            tickets.Add(ticket);
        }

        // As an earlier version stored them: snapshots without the Index column, and no index at all.
        var snapshots = await storage.TableAsync(storage.Options.TicketsTable, CancellationToken.None);
        await foreach (var row in snapshots.QueryAsync<TableEntity>(filter: $"RowKey eq '{TableTicketStore.SnapshotRowKey}'"))
        {
            row.Remove("Index");
            await snapshots.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        var indexTable = await storage.TableAsync(storage.Options.TicketIndexTable, CancellationToken.None);
        await foreach (var row in indexTable.QueryAsync<TableEntity>())
        {
            await indexTable.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var upgraded = new TableTicketStore(TestStorage.Clients(azurite, prefix), TestStorage.Business, TimeProvider.System);
        var query = new TicketQuery(TicketStatus.Received, null, null, null, 50, null);
        Assert.Equal(tickets.Select(t => t.Id), (await TestStorage.ReadAllAsync(upgraded, query)).Select(t => t.Id));

        var runs = new List<TicketIndexCatchUp>();
        do
        {
            runs.Add(await upgraded.CatchUpIndexAsync(2, CancellationToken.None));
        }
        while (!runs[^1].Done && runs.Count < 10);

        Assert.Equal(5, runs.Sum(r => r.Indexed));
        Assert.True(runs[^1].Done);
        Assert.Equal(5, await EntriesAsync(storage, "status-Received"));
        Assert.Equal(tickets.Select(t => t.Id), (await TestStorage.ReadAllAsync(upgraded, query)).Select(t => t.Id));
        // Indexed once: a later run has nothing to do, and a change of an indexed ticket keeps its entries right.
        Assert.Equal(new TicketIndexCatchUp(0, true), await upgraded.CatchUpIndexAsync(2, CancellationToken.None));
        await ChangeAsync(upgraded, tickets[0], t => t with { Status = TicketStatus.Closed });
        Assert.Equal(4, await EntriesAsync(storage, "status-Received"));
        Assert.Equal([tickets[0].Id], (await upgraded.ListAsync(query with { Status = TicketStatus.Closed }, CancellationToken.None)).Items.Select(t => t.Id));
    }

    /// <summary>Reads the stored ticket and writes <paramref name="change"/> of it (the next version) as one change.</summary>
    private static async Task ChangeAsync(TableTicketStore store, Ticket ticket, Func<Ticket, Ticket> change)
    {
        var before = (await store.GetAsync(ticket.Id, CancellationToken.None))!;
        var after = change(before.Ticket) with { Version = before.Ticket.Version + 1 };
        Assert.NotNull(await store.TryAppendAsync(before, after, [], [], CancellationToken.None));
    }

    private static async Task<int> EntriesAsync(StorageClients storage, string key)
    {
        var table = await storage.TableAsync(storage.Options.TicketIndexTable, CancellationToken.None);
        return await table.QueryAsync<TableEntity>(filter: $"PartitionKey eq '{key}'").CountAsync();
    }
}
