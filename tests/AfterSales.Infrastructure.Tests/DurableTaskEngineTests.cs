using System.Collections.Concurrent;
using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Durable;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

/// <summary>
/// The standalone durable engine on the test Azurite: the Durable Task Framework's Azure Storage provider running
/// an orchestrator and an activity written against the Durable Task SDK, through its shims. Real queues, real
/// timers (short ones), a real restart.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableTaskEngineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnOrchestration_RunsItsActivity_WaitsForAnEvent_AndEndsWithIt_StartedOnceForItsId()
    {
        var notes = new Notes();
        await using var engine = Engine(azurite.NewPrefix(), notes);
        await engine.StartAsync(CancellationToken.None);

        Assert.True(await engine.StartAsync(WaitForChange.Name, "ticket-A", 60, CancellationToken.None));
        Assert.False(await engine.StartAsync(WaitForChange.Name, "ticket-A", 60, CancellationToken.None)); // already running
        var waiting = await UntilAsync(engine, "ticket-A", s => s.CustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);
        Assert.Equal("Running", waiting.RuntimeStatus);
        Assert.Equal(WaitForChange.Name, waiting.Name);

        await engine.RaiseEventAsync("ticket-A", WaitForChange.Changed, 7, CancellationToken.None);
        var done = await UntilAsync(engine, "ticket-A", s => s.RuntimeStatus == "Completed");

        Assert.Equal("\"changed to 7\"", done.Output);
        Assert.Equal(["ticket-A"], notes.Seen);
        Assert.Null(await engine.GetAsync("ticket-none", CancellationToken.None));
    }

    [Fact]
    public async Task AnInstanceWhoseRowWasOverwrittenWithPending_AfterItRan_IsReportedAsRunning()
    {
        var prefix = azurite.NewPrefix();
        await using var engine = Engine(prefix, new Notes());
        await engine.StartAsync(CancellationToken.None);
        Assert.True(await engine.StartAsync(WaitForChange.Name, "ticket-P", 60, CancellationToken.None));
        await UntilAsync(engine, "ticket-P", s => s.CustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);

        // What the provider's own start does when the engine ran the instance before the client wrote its row.
        var instances = new Azure.Data.Tables.TableClient(azurite.ConnectionString, $"{engine.TaskHub}Instances");
        var row = (await instances.GetEntityAsync<Azure.Data.Tables.TableEntity>("ticket-P", string.Empty)).Value;
        row["RuntimeStatus"] = "Pending";
        await instances.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Merge);

        Assert.Equal("Running", (await engine.GetAsync("ticket-P", CancellationToken.None))!.RuntimeStatus);
        Assert.False(await engine.StartAsync(WaitForChange.Name, "ticket-P", 60, CancellationToken.None)); // still not started twice
    }

    [Fact]
    public async Task AWaitingOrchestration_SurvivesTheEnginesStop_AndItsTimerFiresOnTheNextEngine()
    {
        var prefix = azurite.NewPrefix();
        var notes = new Notes();
        await using (var first = Engine(prefix, notes))
        {
            await first.StartAsync(CancellationToken.None);
            Assert.True(await first.StartAsync(WaitForChange.Name, "ticket-B", 4, CancellationToken.None));
            await UntilAsync(first, "ticket-B", s => s.CustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);
        }

        await using var second = Engine(prefix, notes);
        await second.StartAsync(CancellationToken.None);
        var done = await UntilAsync(second, "ticket-B", s => s.RuntimeStatus == "Completed");

        Assert.Equal("\"deadline\"", done.Output);
        Assert.Equal(["ticket-B"], notes.Seen); // the activity ran once, before the stop: replay does not run it again
    }

    [Fact]
    public async Task TheSameOrchestratorClass_RunsOnTheFakeContext_InVirtualTime()
    {
        var start = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
        var notes = new Notes();
        FakeOrchestrationContext Context(string id) => new(WaitForChange.Name, id, start, (name, input) =>
            name.Name == Note.Name ? Task.FromResult<object?>(notes.Add((string)input!)) : throw new InvalidOperationException($"No activity {name.Name}."));

        // The event path: the change arrives before the deadline.
        var changed = Context("ticket-C");
        var first = new WaitForChange().RunAsync(changed, 3600);
        Assert.Equal("{\"step\":\"waiting\",\"noted\":1}", changed.CustomStatus);
        Assert.Equal([start.AddHours(1)], changed.PendingTimers);
        changed.Raise(WaitForChange.Changed, 7);
        Assert.Equal("changed to 7", await first);
        Assert.Empty(changed.PendingTimers); // the deadline was cancelled with the wait

        // The deadline path: an hour passes in no time.
        var late = Context("ticket-D");
        var second = new WaitForChange().RunAsync(late, 3600);
        Assert.False(second.IsCompleted);
        Assert.True(late.AdvanceToNextTimer());
        Assert.Equal("deadline", await second);
        Assert.Equal(start.AddHours(1), late.CurrentUtcDateTime);
        Assert.Equal(["ticket-C", "ticket-D"], notes.Seen);
    }

    private DurableTaskEngine Engine(string prefix, Notes notes)
    {
        var services = new ServiceCollection().AddSingleton(notes).BuildServiceProvider();
        return new DurableTaskEngine(
            Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = prefix }),
            Options.Create(new DurableOptions { Partitions = 1, MaxPollingInterval = TimeSpan.FromMilliseconds(500) }),
            services,
            [new OrchestratorRegistration(WaitForChange.Name, _ => new WaitForChange())],
            [new ActivityRegistration(Note.Name, sp => new Note(sp.GetRequiredService<Notes>()))],
            NullLoggerFactory.Instance);
    }

    private static Task<WorkflowState> UntilAsync(IWorkflowEngine engine, string instance, Func<WorkflowState, bool> condition) =>
        WorkflowWait.UntilAsync(engine, instance, condition);

    public sealed class Notes
    {
        private readonly ConcurrentQueue<string> _seen = new();

        public IReadOnlyList<string> Seen => [.. _seen];

        public int Add(string what)
        {
            _seen.Enqueue(what);
            return _seen.Count;
        }
    }

    /// <summary>Notes its instance, then waits for "Changed" or for its deadline (input: seconds), whichever comes first.</summary>
    private sealed class WaitForChange : TaskOrchestrator<int, string>
    {
        public const string Name = "WaitForChange";
        public const string Changed = "Changed";

        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            var noted = await context.CallActivityAsync<int>(Note.Name, context.InstanceId);
            context.SetCustomStatus(new { step = "waiting", noted });
            using var cancel = new CancellationTokenSource();
            var change = context.WaitForExternalEvent<int>(Changed, cancel.Token);
            var deadline = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), cancel.Token);
            var first = await Task.WhenAny(change, deadline);
            // Synchronously: orchestrator code must not await anything but the context's own tasks.
            cancel.Cancel();
            return first == change ? $"changed to {await change}" : "deadline";
        }
    }

    private sealed class Note(Notes notes) : TaskActivity<string, int>
    {
        public const string Name = "Note";

        public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(notes.Add(input));
    }
}
