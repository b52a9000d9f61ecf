using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;
using AfterSales.Testing.Workflow;
using Microsoft.DurableTask;

namespace AfterSales.Application.Tests;

/// <summary>
/// The ticket's lifecycle orchestration on a fake orchestration context with a virtual clock, its activities on the
/// in-memory app: the orchestration follows the ticket, waits for changes and for its steps' own deadlines, and acts
/// on a deadline through the write path.
/// </summary>
public sealed class TicketLifecycleOrchestrationTests : IDisposable
{
    // Monday 2026-11-23, 10:00 in Shanghai: working time.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Supervisor = new("sup-wang", StaffRoles.Supervisor);

    private readonly InMemoryApp _app = new(Monday);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnUnansweredOffer_LapsesAtItsDeadline_ToTheNextEngineer_AndTheOrchestrationFollowsTheTicketToItsEnd()
    {
        await AddEngineersAsync("eng-a", "eng-b");
        var ticket = await RegisterAsync();
        var first = ticket.AssignedTo!;
        var (context, run) = Start(ticket);

        Assert.Equal(Status("acceptance", ticket.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal([ticket.Dispatch.AcceptBy!.Value.UtcDateTime], context.PendingTimers);

        // Nobody answers: at the deadline the offer lapses and goes to the other engineer, with a deadline of its own.
        Assert.True(context.AdvanceToNextTimer());
        var offered = await TicketAsync(ticket.Id);
        Assert.NotEqual(first, offered.AssignedTo);
        Assert.Equal(Status("acceptance", offered.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal([offered.Dispatch.AcceptBy!.Value.UtcDateTime], context.PendingTimers);

        // The engineer accepts: the change reaches the orchestration, which now waits for the service, with no deadline.
        await RunAsync(ticket.Id, new SimpleCommand(TicketCommandKind.Accept), new Actor(offered.AssignedTo!, StaffRoles.Engineer));
        context.Raise(TicketLifecycleOrchestration.Changed, 3);
        Assert.Equal(Status("service", null, 1), context.CustomStatus);
        Assert.Empty(context.PendingTimers);

        await RunAsync(ticket.Id, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor);
        context.Raise(TicketLifecycleOrchestration.Changed, 4);
        Assert.Equal("Ended in round 1.", await run);
        Assert.Equal(Status("ended", null, 1), context.CustomStatus);
    }

    [Fact]
    public async Task AChangeWhoseEventWasLost_IsFoundAtTheDeadline_WhichThenActsOnNothing_AndIsNotAwaitedAgain()
    {
        await AddEngineersAsync("eng-a");
        var ticket = await RegisterAsync();
        var (context, _) = Start(ticket);

        // The engineer accepts, but the change's event never reaches the orchestration.
        await RunAsync(ticket.Id, new SimpleCommand(TicketCommandKind.Accept), new Actor(ticket.AssignedTo!, StaffRoles.Engineer));
        var version = (await TicketAsync(ticket.Id)).Version;

        // At the offer's deadline the orchestration asks for the lapse; the domain finds the offer answered and changes nothing.
        Assert.True(context.AdvanceToNextTimer());
        Assert.Equal(version, (await TicketAsync(ticket.Id)).Version);
        Assert.Equal(Status("service", null, 1), context.CustomStatus);
        Assert.Empty(context.PendingTimers);
        Assert.Equal(
            [TicketLifecycleOrchestration.ReadPosition.Name, TicketLifecycleOrchestration.ActOnDeadline.Name, TicketLifecycleOrchestration.ReadPosition.Name],
            context.ActivityCalls.Select(c => c.Name));
    }

    [Fact]
    public async Task AnOrchestrationForAMissingTicket_EndsAtOnce()
    {
        var missing = TicketId.Create(Monday, new byte[10]);
        var context = new FakeOrchestrationContext(TicketLifecycleOrchestration.Name, TicketLifecycleOrchestration.InstanceId(missing), Monday.UtcDateTime, ActivitiesAsync);

        Assert.Equal("The ticket does not exist.", await new TicketLifecycleOrchestration().RunAsync(context, new LifecycleInput(missing.Value, 1)));
    }

    private (FakeOrchestrationContext Context, Task<string> Run) Start(Ticket ticket)
    {
        var context = new FakeOrchestrationContext(TicketLifecycleOrchestration.Name, TicketLifecycleOrchestration.InstanceId(ticket.Id), _app.Time.GetUtcNow().UtcDateTime, ActivitiesAsync)
        {
            ClockMoved = at => _app.Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero)),
        };
        return (context, new TicketLifecycleOrchestration().RunAsync(context, new LifecycleInput(ticket.Id.Value, ticket.Round)));
    }

    /// <summary>The orchestration's activities, as the engine would run them, on the in-memory app.</summary>
    private async Task<object?> ActivitiesAsync(TaskName name, object? input)
    {
        var activity = new FakeActivityContext(name.Name, "test");
        return name.Name switch
        {
            TicketLifecycleOrchestration.ReadPosition.Name => await new TicketLifecycleOrchestration.ReadPosition(_app.Tickets).RunAsync(activity, (string)input!),
            TicketLifecycleOrchestration.ActOnDeadline.Name => await new TicketLifecycleOrchestration.ActOnDeadline(
                _app.Get<TicketCommands>(), _app.Get<DueWork>(), _app.Get<FollowUpAgents>()).RunAsync(activity, (LifecycleDeadline)input!),
            _ => throw new InvalidOperationException($"No activity {name.Name}."),
        };
    }

    private static string Status(string step, DateTimeOffset? until, int round) =>
        System.Text.Json.JsonSerializer.Serialize(new LifecycleStatus(step, until, round));

    private async Task AddEngineersAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            Assert.NotNull(await _app.Team.TrySaveEngineerAsync(InMemoryTeamStore.AnyRepair(id), null, CancellationToken.None));
        }
    }

    private async Task<Ticket> RegisterAsync()
    {
        var result = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None);
        return Assert.IsType<SubmitTicketResult.Created>(result).Ticket;
    }

    private async Task<Ticket> TicketAsync(TicketId id) => (await _app.Tickets.GetAsync(id, CancellationToken.None))!.Ticket;

    private async Task RunAsync(TicketId id, TicketCommand command, Actor actor) =>
        Assert.IsType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(id, command, actor, null, CancellationToken.None));
}
