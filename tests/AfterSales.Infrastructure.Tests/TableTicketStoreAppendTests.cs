using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using AfterSales.Infrastructure.Tickets;
using AfterSales.Testing;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableTicketStoreAppendTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAppend_WithTheCurrentETag_ReplacesTheSnapshotAndAddsTheEvent_AndReturnsTheNewETag()
    {
        var (_, store, ticket, before) = await CreatedAsync();
        var next = ticket with { Status = TicketStatus.Classified, Version = 2 };

        var newEtag = await store.TryAppendAsync(before, next, [Event(2)], [], CancellationToken.None);

        Assert.NotNull(newEtag);
        var stored = await store.GetAsync(ticket.Id, CancellationToken.None);
        Assert.Equal(newEtag, stored!.ETag);
        Assert.Equal(TicketStatus.Classified, stored.Ticket.Status);
        var sequences = (await store.GetHistoryAsync(ticket.Id, CancellationToken.None)).Select(e => e.Sequence).ToArray();
        Assert.Equal(new[] { 1, 2 }, sequences);
    }

    [Fact]
    public async Task TryAppend_WithAStaleETag_WritesNothing()
    {
        var (_, store, ticket, before) = await CreatedAsync();
        Assert.NotNull(await store.TryAppendAsync(before, ticket with { Version = 2 }, [Event(2)], [], CancellationToken.None));

        var result = await store.TryAppendAsync(before, ticket with { Status = TicketStatus.Cancelled, Version = 2 }, [Event(2)], [], CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(TicketStatus.Received, (await store.GetAsync(ticket.Id, CancellationToken.None))!.Ticket.Status);
        Assert.Equal(2, (await store.GetHistoryAsync(ticket.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TryAppend_TwentyWritersFromOneETag_ExactlyOneSucceeds()
    {
        var (storage, store, ticket, before) = await CreatedAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.TryAppendAsync(before, ticket with { Version = 2, AssignedTo = $"eng-{i}" }, [Event(2)], [], CancellationToken.None))));

        Assert.Single(results, r => r is not null);
        var table = await storage.TableAsync(storage.Options.TicketsTable, CancellationToken.None);
        Assert.Equal(3, await table.QueryAsync<TableEntity>($"PartitionKey eq '{ticket.Id}'").CountAsync());
    }

    private async Task<(StorageClients Storage, TableTicketStore Store, Ticket Ticket, StoredTicket Before)> CreatedAsync()
    {
        var storage = TestStorage.Clients(azurite);
        var store = new TableTicketStore(storage, TestStorage.Business, TimeProvider.System);
        var (ticket, received) = TestStorage.NewTicket(Morning, Random.Shared.Next(1, 99999));
        var etag = await store.TryCreateAsync(ticket, [received], [], CancellationToken.None);
        var before = (await store.GetAsync(ticket.Id, CancellationToken.None))!;
        Assert.Equal(before.ETag, etag);
        return (storage, store, ticket, before);
    }

    private static TicketEvent Event(int sequence) =>
        new(sequence, Morning.AddMinutes(sequence), new Actor("sup", "supervisor"), new TicketClosed { Note = $"event {sequence}" });
}
