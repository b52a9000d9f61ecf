using AfterSales.Infrastructure.Sms;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableSmsNumberQuotaTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task ManyWorkersTakingAtOnce_NeverGetMoreThanTheLimit_AndEachDayAndNumberCountsApart()
    {
        var quota = new TableSmsNumberQuota(TestStorage.Clients(azurite));
        var number = $"+86139{Random.Shared.Next(10_000_000, 99_999_999)}";

        var taken = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => quota.TryTakeAsync(number, Monday, 5, CancellationToken.None)));

        Assert.Equal(5, taken.Count(t => t));
        Assert.False(await quota.TryTakeAsync(number, Monday, 5, CancellationToken.None));
        Assert.True(await quota.TryTakeAsync(number, Monday.AddDays(1), 5, CancellationToken.None));
        Assert.True(await quota.TryTakeAsync(number + "0", Monday, 5, CancellationToken.None));
        Assert.True(await quota.TryTakeAsync(number, Monday, 6, CancellationToken.None)); // a raised limit gives more at once
    }

    [Fact]
    public void TheRowKey_HoldsNoPhoneNumber() =>
        Assert.DoesNotContain("13812345678", TableSmsNumberQuota.Key("+8613812345678"), StringComparison.Ordinal);
}
