using AfterSales.Infrastructure.Tickets;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public class TicketNumberAllocatorTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public async Task Next_Sequential_CountsFromOne()
    {
        var allocator = new TableTicketNumberAllocator(TestStorage.Clients(azurite));
        var values = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            values.Add(await allocator.NextAsync(Day, CancellationToken.None));
        }

        Assert.Equal([1, 2, 3, 4, 5], values);
    }

    [Fact]
    public async Task Next_EachBusinessDayHasItsOwnSequence()
    {
        var allocator = new TableTicketNumberAllocator(TestStorage.Clients(azurite));
        await allocator.NextAsync(Day, CancellationToken.None);
        await allocator.NextAsync(Day, CancellationToken.None);

        Assert.Equal(1, await allocator.NextAsync(Day.AddDays(1), CancellationToken.None));
        Assert.Equal(3, await allocator.NextAsync(Day, CancellationToken.None));
    }

    [Fact]
    public async Task Next_ConcurrentCallsOnSeveralInstances_AreUnique_WithGapsOnlyAtTheEndOfEachInstancesBlock()
    {
        // Three allocators on one table stand for three app instances sharing a storage account.
        var prefix = azurite.NewPrefix();
        var instances = Enumerable.Range(0, 3).Select(_ => new TableTicketNumberAllocator(TestStorage.Clients(azurite, prefix))).ToArray();

        var values = await Task.WhenAll(Enumerable.Range(0, 300)
            .Select(i => Task.Run(async () => await instances[i % 3].NextAsync(Day, CancellationToken.None))));

        Assert.Equal(300, values.Distinct().Count());
        // Each instance's last block may be partly unused; nothing else is skipped.
        Assert.InRange(values.Max(), 300, 300 + (3 * (TableTicketNumberAllocator.Block - 1)));
        Assert.Equal(1, values.Min());
    }

    [Fact]
    public async Task ABlockIsReservedOnce_ForTenNumbers_AndASecondInstanceStartsAfterIt()
    {
        var prefix = azurite.NewPrefix();
        var counter = new StorageRequestCounter();
        var first = new TableTicketNumberAllocator(TestStorage.Clients(azurite, prefix, counter));
        var second = new TableTicketNumberAllocator(TestStorage.Clients(azurite, prefix));

        Assert.Equal(1, await first.NextAsync(Day, CancellationToken.None));
        using (var scope = counter.Measure())
        {
            for (var expected = 2; expected <= TableTicketNumberAllocator.Block; expected++)
            {
                Assert.Equal(expected, await first.NextAsync(Day, CancellationToken.None));
            }

            Assert.Empty(scope.Tally.Requests);
        }

        Assert.Equal(TableTicketNumberAllocator.Block + 1, await second.NextAsync(Day, CancellationToken.None));
        Assert.Equal((2 * TableTicketNumberAllocator.Block) + 1, await first.NextAsync(Day, CancellationToken.None));
    }
}
