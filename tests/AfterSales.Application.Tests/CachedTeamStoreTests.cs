using AfterSales.Application.Dispatch;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Application.Tests;

public sealed class CachedTeamStoreTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static Engineer Engineer(string id, Department department = Department.Repair) => new()
    {
        Id = id,
        Name = id,
        Phone = PhoneNumber.FromE164("+8613800000000"),
        Department = department,
    };

    [Fact]
    public async Task ADepartmentsEngineers_AreReadOnceWithinTheWindow_AndAgainAfterIt()
    {
        var store = new InMemoryTeamStore();
        var time = new FakeTimeProvider(Monday);
        var cached = new CachedTeamStore(store, time, TimeSpan.FromSeconds(15));
        await store.TrySaveEngineerAsync(Engineer("a"), null, CancellationToken.None);
        Assert.Single(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));

        // Another instance adds an engineer: dispatch does not see it within the window (the API's reads do), then does.
        await store.TrySaveEngineerAsync(Engineer("b"), null, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Single(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));
        Assert.Equal(2, (await cached.ListEngineersAsync(Department.Repair, CancellationToken.None)).Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ChangesMadeThroughIt_AreSeenAtOnce()
    {
        var store = new InMemoryTeamStore();
        var cached = new CachedTeamStore(store, new FakeTimeProvider(Monday), TimeSpan.FromSeconds(15));
        Assert.True((await cached.DepartmentForDispatchAsync(Department.Repair, CancellationToken.None)).AutoDispatch);
        Assert.Empty(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));

        await cached.TrySaveDepartmentAsync(new DepartmentSettings(Department.Repair, ["sup"], AutoDispatch: false), ifMatch: null, CancellationToken.None);
        await cached.TrySaveEngineerAsync(Engineer("a"), null, CancellationToken.None);

        Assert.False((await cached.DepartmentForDispatchAsync(Department.Repair, CancellationToken.None)).AutoDispatch);
        Assert.Single(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));
    }

    [Fact]
    public async Task AZeroWindow_ReadsEveryTime()
    {
        var store = new InMemoryTeamStore();
        var cached = new CachedTeamStore(store, new FakeTimeProvider(Monday), TimeSpan.Zero);
        Assert.Empty(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));

        await store.TrySaveEngineerAsync(Engineer("a"), null, CancellationToken.None);

        Assert.Single(await cached.EngineersForDispatchAsync(Department.Repair, CancellationToken.None));
    }
}
