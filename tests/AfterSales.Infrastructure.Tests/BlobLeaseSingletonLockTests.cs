using AfterSales.Infrastructure.Locks;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public class BlobLeaseSingletonLockTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryAcquire_WhileHeldByAnotherInstance_ReturnsNull_UntilReleased()
    {
        var prefix = azurite.NewPrefix();
        var first = new BlobLeaseSingletonLock(TestStorage.Clients(azurite, prefix), TimeProvider.System);
        var second = new BlobLeaseSingletonLock(TestStorage.Clients(azurite, prefix), TimeProvider.System);

        var held = await first.TryAcquireAsync("Sweep", CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync("Sweep", CancellationToken.None));
        // Locks are per name.
        await using (var other = await second.TryAcquireAsync("OtherSweep", CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await held.DisposeAsync();
        await using var again = await second.TryAcquireAsync("Sweep", CancellationToken.None);
        Assert.NotNull(again);
    }
}
