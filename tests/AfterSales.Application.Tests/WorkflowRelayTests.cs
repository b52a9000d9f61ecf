using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;

namespace AfterSales.Application.Tests;

/// <summary>Every stored change reaches the ticket's orchestration: a new ticket starts it, any other change is sent to it.</summary>
public sealed class WorkflowRelayTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryApp _app = new(Monday);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ANewTicketStartsItsOrchestration_AndEachLaterChangeIsSentToIt_OnlyAfterTheWrite()
    {
        var ticket = await RegisterAsync();
        await _app.SettleAsync();
        var instance = TicketLifecycleContract.InstanceId(ticket.Id);
        var start = Assert.Single(_app.Workflows.Starts);
        Assert.Equal((instance, TicketLifecycleContract.Name), (start.InstanceId, start.Orchestration));
        Assert.Equal(new LifecycleInput(ticket.Id.Value, 1), start.Input);
        Assert.Empty(_app.Workflows.Events);

        var classify = new ClassifyTicket(TicketType.Repair, null, Urgency.Urgent) { Note = "客户加急" };
        Assert.IsType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(ticket.Id, classify, new Actor("sup-wang", StaffRoles.Supervisor), null, CancellationToken.None));
        await _app.SettleAsync();
        var changed = Assert.Single(_app.Workflows.Events);
        var version = (await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None))!.Ticket.Version;
        Assert.Equal((instance, TicketLifecycleContract.Changed, (object?)version), changed);

        // A refused command stores nothing and tells nobody.
        var refused = new SimpleCommand(TicketCommandKind.Accept);
        Assert.IsNotType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(ticket.Id, refused, new Actor("sup-wang", StaffRoles.Supervisor), null, CancellationToken.None));
        await _app.SettleAsync();
        Assert.Single(_app.Workflows.Events);
        Assert.Single(_app.Workflows.Starts);
    }

    [Fact]
    public async Task AClosedTicketReopened_StartsItsOrchestrationAgain_ForTheNewRound_AndCanBeFoundByTheReconciliationAgain()
    {
        var ticket = await RegisterAsync();
        await _app.SettleAsync();
        var stored = (await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None))!;
        Assert.NotNull(await _app.Tickets.TryAppendAsync(stored, stored.Ticket with { Status = TicketStatus.Closed }, [], [], CancellationToken.None));
        await _app.Due.RemoveAsync(Reports.ReportProjection.Open(ticket), CancellationToken.None); // as the projection does once it has ended

        var reopen = new SimpleCommand(TicketCommandKind.Reopen) { Note = "客户反映问题复发" };
        var done = Assert.IsType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(ticket.Id, reopen, new Actor("agent-li", StaffRoles.Agent), null, CancellationToken.None));
        await _app.SettleAsync();

        Assert.Equal(2, done.Ticket.Ticket.Round);
        Assert.Equal([new LifecycleInput(ticket.Id.Value, 1), new LifecycleInput(ticket.Id.Value, 2)], _app.Workflows.Starts.Select(s => s.Input));
        Assert.Empty(_app.Workflows.Events);
        Assert.Contains(await _app.Due.DueAsync(Reports.ReportProjection.Kind, DateTimeOffset.MaxValue, 10, CancellationToken.None), e => e.Ticket == ticket.Id);
    }

    [Fact]
    public async Task AnEngineThatIsDown_DoesNotFailTheRequest_TheTicketIsStoredAndItsStartLeftToTheReconciliation()
    {
        _app.Workflows.Fault = new InvalidOperationException("The task hub's queues are unreachable.");

        var ticket = await RegisterAsync();
        await _app.SettleAsync();

        Assert.NotNull(await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None));
        Assert.Empty(_app.Workflows.Starts);
    }

    private async Task<Ticket> RegisterAsync()
    {
        var result = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None);
        return Assert.IsType<SubmitTicketResult.Created>(result).Ticket;
    }
}
