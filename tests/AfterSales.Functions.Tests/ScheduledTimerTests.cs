using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// A scheduled timer run asks its function whether anything is due before it takes the singleton lease: with nothing
/// due it takes no lease (another instance may hold it) and records the run; with work due it runs only under the lease.
/// </summary>
public sealed class ScheduledTimerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task NothingDue_TakesNoLease_WorkDue_RunsOnlyUnderTheLease()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        using var app = new AppFactory(azurite, time: time);
        var flow = new ServiceFlow(app, time);
        var runner = app.Services.GetRequiredService<TimerRunner>();
        var locks = app.Services.GetRequiredService<ISingletonLock>();
        await flow.RegisterAsync(); // its first escalation look (a warning) is hours ahead
        // The ticket's orchestration asks about the offer's deadline at once (on the engine's real clock it has passed) and
        // hears it is too early by this test's clock: once it waits again, moving the clock below changes nothing by itself.
        await WorkflowWait.AllParkedAsync(app.Services.GetRequiredService<IWorkflowEngine>(), app.Services.GetRequiredService<WorkflowRelay>().WhenIdleAsync, TimeSpan.FromSeconds(3));

        // Another instance holds the lease: a run with nothing due is not held up by it.
        var other = await locks.TryAcquireAsync(EscalationSweep.FunctionName, CancellationToken.None);
        Assert.NotNull(other);
        var idle = await runner.RunAsSingletonAsync(EscalationSweep.FunctionName, TimerTrigger.Schedule, CancellationToken.None);
        Assert.Equal(["Nothing due."], idle!.Logs.English());

        // Two days on, the limits are breached: now there is work, and it waits for the lease.
        time.Advance(TimeSpan.FromDays(2));
        Assert.Null(await runner.RunAsSingletonAsync(EscalationSweep.FunctionName, TimerTrigger.Schedule, CancellationToken.None));
        Assert.DoesNotContain(await flow.HistoryAsync(), e => e!["type"]!.ToString() == "SlaEscalated");

        await other!.DisposeAsync();
        var ran = await runner.RunAsSingletonAsync(EscalationSweep.FunctionName, TimerTrigger.Schedule, CancellationToken.None);
        Assert.Contains("1 ticket(s) escalated", ran!.Logs.English()[0], StringComparison.Ordinal);
        Assert.Contains(await flow.HistoryAsync(), e => e!["type"]!.ToString() == "SlaEscalated");
        var runs = await app.Services.GetRequiredService<ITimerRunLog>().LastRunsAsync(CancellationToken.None);
        Assert.Contains("1 ticket(s) escalated", runs[EscalationSweep.FunctionName].Logs.English()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdleTimer_IsRecordedOncePerTenMinutes_AndEveryRunWithWorkIsRecorded()
    {
        var start = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        using var app = new AppFactory(azurite, time: time);
        var runner = app.Services.GetRequiredService<TimerRunner>();
        var log = app.Services.GetRequiredService<ITimerRunLog>();
        async Task<DateTimeOffset> RunAndReadAsync(TimerTrigger trigger)
        {
            Assert.NotNull(await runner.RunAsSingletonAsync(FollowUpSweep.FunctionName, trigger, CancellationToken.None));
            return (await log.LastRunsAsync(CancellationToken.None))[FollowUpSweep.FunctionName].StartedAt;
        }

        Assert.Equal(start, await RunAndReadAsync(TimerTrigger.Schedule));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(start, await RunAndReadAsync(TimerTrigger.Schedule)); // idle again: not recorded
        time.Advance(TimerRunner.IdleRecordEvery - TimeSpan.FromMinutes(5));
        Assert.Equal(time.GetUtcNow(), await RunAndReadAsync(TimerTrigger.Schedule)); // still alive, so recorded again
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(time.GetUtcNow(), await RunAndReadAsync(TimerTrigger.Manual)); // an operator's run always is
    }
}
