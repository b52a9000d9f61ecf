using AfterSales.Testing;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;

namespace AfterSales.Application.Tests;

/// <summary>
/// The reconciliation sweep repairs what the relay could not do: a ticket without an orchestration gets one, a failed or
/// terminated one is started again, a stuck one is woken; everything else is left alone.
/// </summary>
public sealed class WorkflowReconciliationTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryApp _app = new(Monday);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ATicketWhoseStartWasLost_GetsItsOrchestration_OnceItIsOlderThanTheGrace()
    {
        _app.Workflows.Fault = new InvalidOperationException("The task hub's queues are unreachable.");
        var ticket = await RegisterAsync();
        _app.Workflows.Fault = null;

        // Within the grace its start may still be under way: left alone.
        var early = await RunAsync();
        Assert.Empty(_app.Workflows.Starts);
        Assert.StartsWith("0 open ticket(s)", early.Logs.English()[0], StringComparison.Ordinal);

        _app.Time.Advance(ReportProjection.Grace + TimeSpan.FromSeconds(1));
        var run = await RunAsync();

        var start = Assert.Single(_app.Workflows.Starts);
        Assert.Equal((TicketLifecycleContract.InstanceId(ticket.Id), new LifecycleInput(ticket.Id.Value, 1)), (start.InstanceId, start.Input));
        Assert.Equal($"{ticket.Number}: orchestration had none; started for round 1.", run.Logs.English()[1]);

        // Run again: it is alive now, nothing more to do.
        await RunAsync();
        Assert.Single(_app.Workflows.Starts);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Terminated")]
    public async Task AnOpenTicketsOrchestrationThatFailedOrWasTerminated_IsStartedAgain(string status)
    {
        var ticket = await RegisterAsync();
        _app.Workflows.SetStatus(TicketLifecycleContract.InstanceId(ticket.Id), status);
        _app.Time.Advance(TimeSpan.FromMinutes(5));

        var run = await RunAsync();

        Assert.Equal(2, _app.Workflows.Starts.Count);
        Assert.Equal($"{ticket.Number}: orchestration was {status}; started for round 1.", run.Logs.English()[1]);
        Assert.Equal("Running", (await _app.Workflows.GetAsync(TicketLifecycleContract.InstanceId(ticket.Id), CancellationToken.None))!.RuntimeStatus);
    }

    [Fact]
    public async Task AStuckOrchestration_IsWoken_AFreshOneIsNot()
    {
        var stuck = await RegisterAsync();
        _app.Time.Advance(TicketWorkflows.StuckAfter + TimeSpan.FromMinutes(1));
        var fresh = await RegisterAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(5));

        var run = await RunAsync();

        var woken = Assert.Single(_app.Workflows.Events);
        Assert.Equal((TicketLifecycleContract.InstanceId(stuck.Id), TicketLifecycleContract.Changed), (woken.InstanceId, woken.Event));
        Assert.StartsWith("2 open ticket(s): 0 orchestration(s) started, 1 stuck one(s) woken.", run.Logs.English()[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Workflows.Events, e => e.InstanceId == TicketLifecycleContract.InstanceId(fresh.Id));
    }

    [Fact]
    public async Task AnEndedTicket_GetsNoOrchestration()
    {
        _app.Workflows.Fault = new InvalidOperationException("down");
        var ticket = await RegisterAsync();
        var cancel = new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" };
        Assert.IsType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(ticket.Id, cancel, new Actor("sup-wang", StaffRoles.Supervisor), null, CancellationToken.None));
        await _app.SettleAsync();
        _app.Workflows.Fault = null;
        await _app.Due.ScheduleAsync(ReportProjection.Kind, ticket.ReceivedAt, ticket.Id, CancellationToken.None); // as if its removal was lost
        _app.Time.Advance(TimeSpan.FromMinutes(5));

        await RunAsync();

        Assert.Empty(_app.Workflows.Starts);
    }

    [Fact]
    public void EveryStepButTheEnd_SaysWhatItWaitsFor()
    {
        foreach (var step in Enum.GetValues<ProcessStep>())
        {
            var said = TicketWorkflows.WaitsFor(EnumNames.Name(step));
            Assert.True(step == ProcessStep.Ended ? said is null : said is { Length: > 10 }, $"{step}: {said}");
        }
    }

    private Task<Timers.TimerRunResult> RunAsync() => _app.Timer<WorkflowReconciliation>().RunAsync(_app.Time.GetUtcNow(), CancellationToken.None);

    private async Task<Ticket> RegisterAsync()
    {
        var result = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None);
        await _app.SettleAsync();
        return Assert.IsType<SubmitTicketResult.Created>(result).Ticket;
    }
}
