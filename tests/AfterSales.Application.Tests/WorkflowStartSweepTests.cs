using AfterSales.Testing;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;

namespace AfterSales.Application.Tests;

/// <summary>
/// An orchestration start is owed by the change that stores a new ticket: the relay makes it and removes the owed
/// entry; a start the relay lost is made by the sweep after its grace, or at once when the app comes back.
/// </summary>
public sealed class WorkflowStartSweepTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryApp _app = new(Monday);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AStartTheRelayMade_LeavesNothingOwed()
    {
        await RegisterAsync();

        Assert.Single(_app.Workflows.Starts);
        Assert.Empty(await OwedAsync(_app.Time.GetUtcNow() + TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task AStartTheRelayLost_IsMadeByTheSweepAfterItsGrace_AndNotAgain()
    {
        _app.Workflows.Fault = new InvalidOperationException("The task hub's queues are unreachable.");
        var ticket = await RegisterAsync();
        _app.Workflows.Fault = null;
        Assert.Single(await OwedAsync(_app.Time.GetUtcNow() + WorkflowRelay.StartGrace));

        var early = await RunAsync();
        Assert.Empty(_app.Workflows.Starts); // within the grace the relay may still make it
        Assert.StartsWith("0 owed start(s)", early.Logs.English()[0], StringComparison.Ordinal);

        _app.Time.Advance(WorkflowRelay.StartGrace);
        var run = await RunAsync();

        var start = Assert.Single(_app.Workflows.Starts);
        Assert.Equal((TicketLifecycleContract.InstanceId(ticket.Id), new LifecycleInput(ticket.Id.Value, 1)), (start.InstanceId, start.Input));
        Assert.Equal($"{ticket.Number}: orchestration started for round 1.", run.Logs.English()[1]);
        Assert.Empty(await OwedAsync(_app.Time.GetUtcNow() + TimeSpan.FromDays(1)));
        Assert.Equal("0 owed start(s): 0 orchestration(s) started.", (await RunAsync()).Logs.English()[0]);
    }

    [Fact]
    public async Task WhenTheAppComesBack_EveryOwedStartIsMadeAtOnce_EvenWithinItsGrace()
    {
        _app.Workflows.Fault = new InvalidOperationException("killed");
        var ticket = await RegisterAsync();
        _app.Workflows.Fault = null;

        var run = await _app.Get<WorkflowStartSweep>().CatchUpAsync(_app.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(TicketLifecycleContract.InstanceId(ticket.Id), Assert.Single(_app.Workflows.Starts).InstanceId);
        Assert.StartsWith("1 owed start(s): 1 orchestration(s) started.", run.Logs.English()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOwedStartWhoseTicketWasNeverStored_IsDroppedOnceItsWriteCannotBeUnderWay()
    {
        var ghost = TicketId.Create(Monday, new byte[10]);
        await _app.Due.ScheduleAsync(WorkflowRelay.StartDueKind, Monday + WorkflowRelay.StartGrace, ghost, CancellationToken.None);
        _app.Time.Advance(WorkflowRelay.StartGrace);

        await RunAsync();
        Assert.Single(await OwedAsync(_app.Time.GetUtcNow())); // its batch may still be on its way

        _app.Time.Advance(WorkflowStartSweep.NeverStoredAfter);
        await RunAsync();

        Assert.Empty(await OwedAsync(_app.Time.GetUtcNow()));
        Assert.Empty(_app.Workflows.Starts);
    }

    [Fact]
    public async Task ATicketWithoutItsOrchestration_IsListedAsMissing_OnceItsStartIsOverdue_ThenNoLonger()
    {
        _app.Workflows.Fault = new InvalidOperationException("killed");
        var ticket = await RegisterAsync();
        _app.Workflows.Fault = null;
        var workflows = _app.Get<TicketWorkflows>();
        Assert.Empty(await workflows.MissingAsync(20, CancellationToken.None)); // its start is not overdue yet

        _app.Time.Advance(WorkflowRelay.StartGrace);
        var missing = Assert.Single(await workflows.MissingAsync(20, CancellationToken.None));
        Assert.Equal((ticket.Id.Value, ticket.Number.ToString(), "Missing"), (missing.TicketId, missing.TicketNumber, missing.RuntimeStatus));

        await RunAsync();
        Assert.Empty(await workflows.MissingAsync(20, CancellationToken.None));
    }

    private Task<IReadOnlyList<Dispatch.DueEntry>> OwedAsync(DateTimeOffset by) =>
        _app.Due.DueAsync(WorkflowRelay.StartDueKind, by, 100, CancellationToken.None);

    private Task<Timers.TimerRunResult> RunAsync() => _app.Get<WorkflowStartSweep>().RunAsync(_app.Time.GetUtcNow(), CancellationToken.None);

    private async Task<Ticket> RegisterAsync()
    {
        var result = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", Domain.Lifecycle.StaffRoles.Agent), CancellationToken.None);
        await _app.SettleAsync();
        return Assert.IsType<SubmitTicketResult.Created>(result).Ticket;
    }
}
