using AfterSales.Application.Tickets;
using AfterSales.Infrastructure.Tickets;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public class TableIdempotencyStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static IdempotencyRecord Record(string key, string ticket, DateTimeOffset created) =>
        new(key, "hash-" + ticket, ticket, created, created.AddHours(24));

    [Fact]
    public async Task Claim_FreeKey_StoresCandidate_TakenKey_ReturnsHolder()
    {
        var store = new TableIdempotencyStore(TestStorage.Clients(azurite));
        var first = Record("k1", "T1", Now);

        Assert.Equal(first, await store.ClaimAsync(first, Now, CancellationToken.None));
        Assert.Equal(first, await store.ClaimAsync(Record("k1", "T2", Now.AddMinutes(1)), Now.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Claim_Concurrent_ExactlyOneCandidateWins()
    {
        var store = new TableIdempotencyStore(TestStorage.Clients(azurite));

        var holders = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => store.ClaimAsync(Record("same", $"T{i}", Now), Now, CancellationToken.None))));

        Assert.Single(holders.Select(h => h.TicketId).Distinct());
    }

    [Fact]
    public async Task Claim_ExpiredRecord_IsReplaced()
    {
        var store = new TableIdempotencyStore(TestStorage.Clients(azurite));
        await store.ClaimAsync(Record("k", "old", Now), Now, CancellationToken.None);
        var later = Now.AddHours(25);

        var fresh = Record("k", "new", later);
        Assert.Equal(fresh, await store.ClaimAsync(fresh, later, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_RemovesOnlyRecordsPastTheirRetention()
    {
        var store = new TableIdempotencyStore(TestStorage.Clients(azurite));
        await store.ClaimAsync(Record("old1", "A", Now), Now, CancellationToken.None);
        await store.ClaimAsync(Record("old2", "B", Now.AddHours(1)), Now, CancellationToken.None);
        await store.ClaimAsync(Record("live", "C", Now.AddHours(10)), Now, CancellationToken.None);

        Assert.Equal(2, await store.DeleteExpiredAsync(Now.AddHours(26), CancellationToken.None));

        // The live key still answers with its ticket; the removed ones can be claimed afresh.
        Assert.Equal("C", (await store.ClaimAsync(Record("live", "X", Now.AddHours(26)), Now.AddHours(26), CancellationToken.None)).TicketId);
        Assert.Equal("Y", (await store.ClaimAsync(Record("old1", "Y", Now.AddHours(26)), Now.AddHours(26), CancellationToken.None)).TicketId);
        Assert.Equal(0, await store.DeleteExpiredAsync(Now.AddHours(26), CancellationToken.None));
    }
}
