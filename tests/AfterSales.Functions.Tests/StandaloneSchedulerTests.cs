using AfterSales.Application.Tickets;
using AfterSales.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

public class StandaloneSchedulerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HousekeepingSweep_RunsInProcessOnItsSchedule_UnderItsLease()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 59, 0, TimeSpan.Zero));
        using var app = new AppFactory(azurite, b => b.UseSetting("Timers:RunInProcess", "true"), time);
        var idempotency = app.Services.GetRequiredService<IIdempotencyStore>();
        var past = time.GetUtcNow().AddDays(-2);
        await idempotency.ClaimAsync(new IdempotencyRecord("expired", "h", "T", past, past.AddDays(1)), past, CancellationToken.None);
        var table = new TableClient(azurite.ConnectionString, $"{app.Prefix}Idempotency");

        // Step the clock a minute at a time (the schedule is every 15 minutes) until the sweep has run.
        var swept = false;
        for (var minute = 0; minute < 20 && !swept; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            swept = await EventuallyAsync(async () => !(await table.GetEntityIfExistsAsync<TableEntity>(
                new IdempotencyRecord("expired", "h", "T", past, past).KeyHash, "key")).HasValue);
        }

        Assert.True(swept, "The housekeeping sweep did not run within 20 simulated minutes.");
        // The sweep writes its log line just after the delete the loop above observed.
        await EventuallyAsync(() => Task.FromResult(app.Logs.Any(l => l.Contains("Removed 1 expired", StringComparison.Ordinal))));
        Assert.Contains(app.Logs, l => l.Contains("Removed 1 expired", StringComparison.Ordinal));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
