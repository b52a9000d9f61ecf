using System.Net;
using System.Net.Http.Json;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Storage round trips per operation, counted on the SDK pipeline (reads / single writes / batches + blob
/// operations) for the request's own flow, and pinned: a change that adds a round trip fails here. The table in
/// docs/architecture.md is these numbers.
/// </summary>
public sealed class RoundTripTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EachOperation_MakesThePinnedNumberOfStorageRoundTrips()
    {
        var counter = new StorageRequestCounter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        using var app = new AppFactory(azurite, builder =>
        {
            builder.UseTestServer(o => o.PreserveExecutionContext = true);
            builder.ConfigureTestServices(s => s.AddSingleton<HttpPipelinePolicy>(counter));
        }, time);
        var flow = new ServiceFlow(app, time);
        var customer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Warm up: every table and container exists, every cache is as it is in a running app.
        await flow.ReadyToConfirmAsync(customer);
        var storage = app.Services.GetRequiredService<Infrastructure.Storage.StorageClients>();
        foreach (var container in storage.Options.Containers)
        {
            await storage.ContainerAsync(container, CancellationToken.None);
        }

        var runner = app.Services.GetRequiredService<TimerRunner>();
        var timers = app.Services.GetServices<ITimerFunction>().Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var timer in timers)
        {
            await runner.RunAsSingletonAsync(timer, TimerTrigger.Schedule, CancellationToken.None);
        }

        var measured = new List<(string Operation, StorageRequestCounter.Tally Tally)>();
        async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> run)
        {
            using var scope = counter.Measure();
            var result = await run();
            measured.Add((operation, scope.Tally));
            return result;
        }

        // An engineer is on the team, so each intake is also dispatched at intake (the widest intake). The warm-up's
        // hours have passed on the clock, so the first intake reads the team; the second finds it kept (Dispatch:TeamCacheFor).
        var intake = await MeasureAsync("intake, dispatched at intake, team read", () => flow.Agent.PostTicketAsync(TicketRequests.Valid("空调无法开机，室外机不转")));
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        var keyed = await MeasureAsync("intake with Idempotency-Key, dispatched at intake, team kept", () => flow.Agent.PostTicketAsync(TicketRequests.Valid("空调无法开机，遥控无反应"), "round-trips-1"));
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
        var number = (await keyed.JsonAsync())["number"]!.ToString();
        var accepted = await MeasureAsync("accept (a plain command)", () => flow.Engineer.CommandAsync(number, "accept"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var link = ServiceFlow.PathOf(await flow.SmsLinkAsync("resultConfirmation"));
        var confirmed = await MeasureAsync("the customer's confirmation", () => customer.PostAsJsonAsync($"{link}/confirm",
            new { rating = "satisfied", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        foreach (var timer in timers)
        {
            // As the scheduler runs it: whether anything is due (no lock when nothing is), the singleton lease, the function, the run log.
            await MeasureAsync($"timer {timer}, nothing due", () => runner.RunAsSingletonAsync(timer, TimerTrigger.Schedule, CancellationToken.None));
        }

        // Intake with everything that follows it off the request's path (the SMS sent and logged, the report facts
        // written, the orchestration started and parked at the engineer's answer): what the app's storage serves per
        // intake under load, which bounds intake throughput. (The orchestration's reads of the ticket are here; the
        // engine's own queue and history requests are not.) On the engine's real clock the test's offers have already
        // lapsed, so an offered ticket's orchestration asks at once, hears it is too early by the app's clock (no read),
        // and reads its ticket once more before it waits.
        var engine = app.Services.GetRequiredService<IWorkflowEngine>();
        var relay = app.Services.GetRequiredService<WorkflowRelay>();
        var quiet = TimeSpan.FromSeconds(3);
        await WorkflowWait.AllParkedAsync(engine, relay.WhenIdleAsync, quiet);
        using (var everything = counter.MeasureEverything())
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await flow.Agent.PostTicketAsync(TicketRequests.Valid("空调漏水"))).StatusCode);
            }

            await app.Services.GetRequiredService<Application.Notifications.SmsDispatcher>().WhenIdleAsync();
            await app.Services.GetRequiredService<Application.Reports.ReportProjection>().WhenIdleAsync();
            await WorkflowWait.AllParkedAsync(engine, relay.WhenIdleAsync, quiet);
            measured.Add(("10 intakes with the work that follows them", everything.Tally));
        }

        foreach (var (operation, tally) in measured)
        {
            output.WriteLine($"| {operation} | {tally} |");
            foreach (var request in tally.Requests)
            {
                output.WriteLine($"    {request}");
            }
        }

        var actual = measured.ToDictionary(m => m.Operation, m => m.Tally.ToString());
        Assert.Equal(Pinned, actual);
    }

    /// <summary>reads / single writes / batches + blob operations, as measured; lower them as the write path is reshaped.</summary>
    private static readonly Dictionary<string, string> Pinned = new()
    {
        ["intake, dispatched at intake, team read"] = "3/9/1 + 0 blob", // +1: the owed orchestration start's due entry
        ["intake with Idempotency-Key, dispatched at intake, team kept"] = "1/10/1 + 0 blob",
        ["accept (a plain command)"] = "1/2/1 + 0 blob",
        ["the customer's confirmation"] = "2/6/1 + 1 blob", // +1 read: the service code's entry (one point read)
        ["timer EscalationSweep, nothing due"] = "1/0/0 + 0 blob",
        ["timer FollowUpSweep, nothing due"] = "1/0/0 + 0 blob",
        ["timer HousekeepingSweep, nothing due"] = "2/1/0 + 3 blob",
        ["timer MonthlyReport, nothing due"] = "0/0/0 + 0 blob",
        ["timer SmsRetrySweep, nothing due"] = "1/0/0 + 0 blob",
        ["timer WorkflowReconciliation, nothing due"] = "1/1/0 + 3 blob",
        ["timer WorkflowStartSweep, nothing due"] = "1/0/0 + 0 blob",
        // +2 each: the owed start's entry, written and removed. Each job offered to an engineer (3 here; the rest wait in
        // the queue) is an SMS like any other: its send claims, records and publishes (3 writes), after reading the ticket
        // to see that the offer still stands (1 read).
        ["10 intakes with the work that follows them"] = "36/146/10 + 0 blob",
    };
}
