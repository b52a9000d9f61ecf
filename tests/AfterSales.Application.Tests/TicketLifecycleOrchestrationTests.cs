using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Notifications;
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
    public async Task UnansweredOffers_LapseAtTheirDeadlines_ThroughThreeEngineers_AndTheOrchestrationFollowsTheTicketToItsEnd()
    {
        await AddEngineersAsync("eng-a", "eng-b", "eng-c");
        var ticket = await RegisterAsync();
        var first = ticket.AssignedTo!;
        var (context, run) = Start(ticket);

        Assert.Equal(Status("acceptance", ticket.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal([ticket.Dispatch.AcceptBy!.Value.UtcDateTime], context.PendingTimers);

        // Nobody answers: at each deadline the offer lapses and goes to another engineer, with a deadline of its own.
        Assert.True(context.AdvanceToNextTimer());
        var second = await TicketAsync(ticket.Id);
        Assert.NotEqual(first, second.AssignedTo);
        Assert.Equal(Status("acceptance", second.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal([second.Dispatch.AcceptBy!.Value.UtcDateTime], context.PendingTimers);
        Assert.True(context.AdvanceToNextTimer());
        var offered = await TicketAsync(ticket.Id);
        Assert.DoesNotContain(offered.AssignedTo, new[] { first, second.AssignedTo });
        Assert.Equal(Status("acceptance", offered.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal([offered.Dispatch.AcceptBy!.Value.UtcDateTime], context.PendingTimers);
        Assert.Equal(2, (await _app.Tickets.GetHistoryAsync(ticket.Id, CancellationToken.None)).Count(e => e.Data is OfferLapsed));

        // The engineer accepts: the change reaches the orchestration, which now waits for the service, with no deadline
        // (only its hourly recheck).
        await RunAsync(ticket.Id, new SimpleCommand(TicketCommandKind.Accept), new Actor(offered.AssignedTo!, StaffRoles.Engineer));
        context.Raise(TicketLifecycleContract.Changed, 3);
        Assert.Equal(Status("service", null, 1), context.CustomStatus);
        Assert.Equal([context.CurrentUtcDateTime + TicketLifecycleContract.RecheckAfter], context.PendingTimers);

        await RunAsync(ticket.Id, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor);
        context.Raise(TicketLifecycleContract.Changed, 4);
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
        Assert.Equal([context.CurrentUtcDateTime + TicketLifecycleContract.RecheckAfter], context.PendingTimers);
        Assert.Equal(
            [TicketLifecycleOrchestration.ReadPosition.Name, TicketLifecycleOrchestration.ActOnDeadline.Name, TicketLifecycleOrchestration.ReadPosition.Name],
            context.ActivityCalls.Select(c => c.Name));
    }

    [Fact]
    public async Task AChangeWhoseEventWasLost_WithNoDeadlineToWakeFor_IsFoundAtTheRecheck_WhichContinuesAsANewExecution()
    {
        await AddEngineersAsync("eng-a");
        var ticket = await RegisterAsync();
        var engineer = new Actor(ticket.AssignedTo!, StaffRoles.Engineer);
        var (context, run) = Start(ticket);
        await RunAsync(ticket.Id, new SimpleCommand(TicketCommandKind.Accept), engineer);
        context.Raise(TicketLifecycleContract.Changed, 2);
        Assert.Equal(Status("service", null, 1), context.CustomStatus);

        // The service is cancelled, but the change's event never arrives: within the hour the orchestration reads the
        // ticket again, in a new execution (a long wait keeps a short history), and ends with it.
        await RunAsync(ticket.Id, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor);
        var checkedAt = context.PendingTimers.Single();
        Assert.True(context.AdvanceToNextTimer());

        Assert.Equal("Ended in round 1.", await run);
        Assert.Equal(2, context.Executions);
        Assert.Equal(new LifecycleInput(ticket.Id.Value, 1), context.ContinuedAsNewWith);
        Assert.Equal(checkedAt, context.CurrentUtcDateTime);
        Assert.Equal(Status("ended", null, 1), context.CustomStatus);
    }

    [Fact]
    public async Task ADeadlineTheAppsClockHasNotReached_IsAskedAboutAgainWhenItHas_NotDroppedOrActedOnEarly()
    {
        await AddEngineersAsync("eng-a", "eng-b");
        var ticket = await RegisterAsync();
        var first = ticket.AssignedTo!;
        var (context, _) = Start(ticket);

        // The app's clock runs 5 s behind the engine's (another machine): at the timer, the offer has not lapsed for the app.
        context.ClockMoved = at => _app.Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero) - TimeSpan.FromSeconds(5));
        var deadline = ticket.Dispatch.AcceptBy!.Value.UtcDateTime;
        Assert.True(context.AdvanceToNextTimer());
        Assert.Equal(first, (await TicketAsync(ticket.Id)).AssignedTo);
        Assert.Equal([deadline + TimeSpan.FromSeconds(5)], context.PendingTimers);

        // Five seconds on, it is due for the app too: the offer lapses to the other engineer.
        Assert.True(context.AdvanceToNextTimer());
        var offered = await TicketAsync(ticket.Id);
        Assert.NotEqual(first, offered.AssignedTo);
        Assert.Equal(Status("acceptance", offered.Dispatch.AcceptBy, 1), context.CustomStatus);
        Assert.Equal(2, context.ActivityCalls.Count(c => c.Name == TicketLifecycleOrchestration.ActOnDeadline.Name));
    }

    [Fact]
    public async Task ATimerThatFiresJustBeforeItsDeadline_WaitsASecondMore_RatherThanSpinningOnTimersThatFireAtOnce()
    {
        await AddEngineersAsync("eng-a", "eng-b");
        var ticket = await RegisterAsync();
        var (context, _) = Start(ticket);
        var deadline = ticket.Dispatch.AcceptBy!.Value.UtcDateTime;

        // The engine's timer fires 0.4 s early: the rest is shorter than the engine can wait, so the next timer is a
        // second on, and then the offer lapses once.
        Assert.True(context.FireNextTimer(TimeSpan.FromMilliseconds(400)));
        Assert.Equal([deadline - TimeSpan.FromMilliseconds(400) + TicketLifecycleOrchestration.MinimumRetry], context.PendingTimers);
        Assert.DoesNotContain(context.ActivityCalls, c => c.Name == TicketLifecycleOrchestration.ActOnDeadline.Name);

        Assert.True(context.AdvanceToNextTimer());
        Assert.NotEqual(ticket.AssignedTo, (await TicketAsync(ticket.Id)).AssignedTo);
        Assert.Single(context.ActivityCalls, c => c.Name == TicketLifecycleOrchestration.ActOnDeadline.Name);
    }

    [Fact]
    public async Task TheConfirmationWait_RemindsTheCustomerAtItsPoint_ThenEscalatesAtTheLimit_AndMovesOnWhenTheCustomerConfirms()
    {
        // The result is reported Monday 10:00 (Shanghai): the customer has 24 h to confirm, and is reminded halfway.
        var reported = await ReportedAsync();
        var clock = reported.Clocks.Single(c => c.Kind == Domain.Sla.SlaKind.Confirmation);
        var (remindAt, dueAt) = (clock.RemindAt!.Value, clock.DueAt!.Value);
        Assert.Equal((Monday.AddHours(12), Monday.AddHours(24)), (remindAt, dueAt));
        var (context, run) = Start(reported);
        Assert.Equal(Status("confirmation", remindAt, 1), context.CustomStatus);

        // Halfway (22:00, through eleven hourly rechecks) the customer is reminded once, with a fresh link that waits for
        // the end of quiet hours; then the wait is for the limit.
        context.AdvanceTo(remindAt.UtcDateTime);
        var reminded = await TicketAsync(reported.Id);
        Assert.Equal(new Domain.Sla.CustomerReminder(clock.Target, 1, remindAt, dueAt), Assert.Single(reminded.Reminders));
        var sms = Assert.Single((await _app.Tickets.ListAsync(reported.Id, CancellationToken.None)).Select(m => m.Message), m => m.Kind == NotificationKind.ConfirmationReminder);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)), sms.NextAttemptAt);
        Assert.Contains("/c/", sms.Text, StringComparison.Ordinal);
        Assert.Equal(Status("confirmation", dueAt, 1), context.CustomStatus);

        // At the limit the supervisors hear of it; the orchestration then waits for the customer (or staff) alone.
        context.AdvanceTo(dueAt.UtcDateTime);
        var escalated = await TicketAsync(reported.Id);
        Assert.Contains(escalated.Escalations, e => e.Target == clock.Target && e.Level == Domain.Sla.EscalationLevel.Supervisor);
        Assert.Single(escalated.Reminders);
        Assert.Equal(Status("confirmation", null, 1), context.CustomStatus);
        Assert.Equal(2, context.ActivityCalls.Count(c => c.Name == TicketLifecycleOrchestration.ActOnDeadline.Name));

        // The customer confirms by phone the next morning: the follow-up is planned three working days on.
        await RunAsync(reported.Id, new ConfirmResult(ConfirmationRating.Satisfied) { Note = "电话确认" }, new Actor("agent-li", StaffRoles.Agent));
        context.Raise(TicketLifecycleContract.Changed, escalated.Version + 1);
        var confirmed = await TicketAsync(reported.Id);
        Assert.Equal(Status("followUpPlanned", confirmed.CurrentFollowUp!.DueFrom, 1), context.CustomStatus);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task AConfirmationBeforeTheReminderPoint_SendsNoReminder_AndTheFollowUpEndsAfterThreeUnansweredCalls()
    {
        var reported = await ReportedAsync();
        var (context, run) = Start(reported);
        context.AdvanceTo(Monday.AddHours(3).UtcDateTime);
        await RunAsync(reported.Id, new ConfirmResult(ConfirmationRating.Satisfied) { Note = "电话确认" }, new Actor("agent-li", StaffRoles.Agent));
        context.Raise(TicketLifecycleContract.Changed, 0);
        var confirmed = await TicketAsync(reported.Id);
        Assert.Empty(confirmed.Reminders);
        var dueFrom = confirmed.CurrentFollowUp!.DueFrom;
        Assert.Equal(Status("followUpPlanned", dueFrom, 1), context.CustomStatus);

        // On its day (three working days on) the follow-up opens by itself and the customer gets the survey link; the
        // orchestration then waits for the calls' outcome, with no deadline of its own (the calls timer keeps the list).
        context.AdvanceTo(dueFrom.UtcDateTime);
        var open = await TicketAsync(reported.Id);
        Assert.Equal(TicketStatus.FollowUp, open.Status);
        Assert.Equal(Status("followUp", null, 1), context.CustomStatus);
        Assert.Contains((await _app.Tickets.ListAsync(reported.Id, CancellationToken.None)).Select(m => m.Message.Kind), k => k == NotificationKind.SurveyInvitation);
        Assert.DoesNotContain((await _app.Tickets.ListAsync(reported.Id, CancellationToken.None)).Select(m => m.Message.Kind), k => k == NotificationKind.ConfirmationReminder);

        // Three calls go unanswered: the customer is unreachable, the ticket closes and so does the orchestration.
        var agent = new Actor("fu-zhao", StaffRoles.FollowUp);
        for (var call = 1; call <= 3; call++)
        {
            Assert.False(run.IsCompleted);
            await RunAsync(reported.Id, new RecordCall(Domain.FollowUps.CallOutcome.NoAnswer), agent);
            context.Raise(TicketLifecycleContract.Changed, call);
            Assert.Equal(call < 3 ? Status("followUp", null, 1) : Status("ended", null, 1), context.CustomStatus);
        }

        Assert.Equal("Ended in round 1.", await run);
        var closed = await TicketAsync(reported.Id);
        Assert.Equal((TicketStatus.Closed, Domain.FollowUps.FollowUpStatus.Unreachable), (closed.Status, closed.CurrentFollowUp!.Status));
    }

    [Fact]
    public async Task AReopenedTicket_StartsItsNextRound_AsANewExecution_WhichFollowsTheSecondHandling()
    {
        // A ticket waiting for the customer's confirmation (the steps before are other tests').
        await AddEngineersAsync("eng-a");
        var ticket = await RegisterAsync();
        var stored = (await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None))!;
        Assert.NotNull(await _app.Tickets.TryAppendAsync(stored, stored.Ticket with { Status = TicketStatus.AwaitingConfirmation }, [], [], CancellationToken.None));
        var (context, _) = Start(ticket);
        Assert.Equal(Status("confirmation", null, 1), context.CustomStatus);

        // The customer is not satisfied: the ticket is reopened for a second handling.
        await RunAsync(ticket.Id, new SimpleCommand(TicketCommandKind.Reopen) { Note = "客户反映仍有异响" }, new Actor("agent-li", StaffRoles.Agent));
        context.Raise(TicketLifecycleContract.Changed, 9);

        Assert.Equal(2, context.Executions);
        Assert.Equal(new LifecycleInput(ticket.Id.Value, 2), context.ContinuedAsNewWith);
        var reopened = await TicketAsync(ticket.Id);
        var position = TicketProcess.Of(reopened);
        Assert.Equal(2, position.Round);
        Assert.Equal(Status(EnumNames.Name(position.Step), position.Until, 2), context.CustomStatus);
    }

    [Fact]
    public async Task AWaitWithoutADeadline_RereadsTheTicketEveryHour_EachTimeAsANewExecution()
    {
        // No engineer: the ticket waits in the supervisor's queue, with no deadline of its own.
        var ticket = await RegisterAsync();
        var (context, _) = Start(ticket);
        Assert.Equal(Status("dispatch", null, 1), context.CustomStatus);
        var start = context.CurrentUtcDateTime;

        context.AdvanceTo(start + TimeSpan.FromHours(3.5));

        Assert.Equal(4, context.Executions);
        Assert.Equal([start + TimeSpan.FromHours(4)], context.PendingTimers);
        Assert.Equal(4, context.ActivityCalls.Count(c => c.Name == TicketLifecycleOrchestration.ReadPosition.Name));
        Assert.Equal(Status("dispatch", null, 1), context.CustomStatus);
    }

    [Fact]
    public async Task AnOrchestrationForAMissingTicket_EndsAtOnce()
    {
        var missing = TicketId.Create(Monday, new byte[10]);
        var context = new FakeOrchestrationContext(TicketLifecycleContract.Name, TicketLifecycleContract.InstanceId(missing), Monday.UtcDateTime, ActivitiesAsync);

        Assert.Equal("The ticket does not exist.", await new TicketLifecycleOrchestration().RunAsync(context, new LifecycleInput(missing.Value, 1)));
    }

    private (FakeOrchestrationContext Context, Task<string> Run) Start(Ticket ticket)
    {
        var context = new FakeOrchestrationContext(TicketLifecycleContract.Name, TicketLifecycleContract.InstanceId(ticket.Id), _app.Time.GetUtcNow().UtcDateTime, ActivitiesAsync)
        {
            ClockMoved = at => _app.Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero)),
        };
        return (context, context.RunAsync(new TicketLifecycleOrchestration(), new LifecycleInput(ticket.Id.Value, ticket.Round)));
    }

    /// <summary>The orchestration's activities, as the engine would run them, on the in-memory app.</summary>
    private async Task<object?> ActivitiesAsync(TaskName name, object? input)
    {
        var activity = new FakeActivityContext(name.Name, "test");
        return name.Name switch
        {
            TicketLifecycleOrchestration.ReadPosition.Name => await new TicketLifecycleOrchestration.ReadPosition(_app.Tickets).RunAsync(activity, (string)input!),
            TicketLifecycleOrchestration.ActOnDeadline.Name => await new TicketLifecycleOrchestration.ActOnDeadline(
                _app.Get<TicketCommands>(), _app.Get<DueWork>(), _app.Get<FollowUpAgents>(), _app.Time).RunAsync(activity, (LifecycleDeadline)input!),
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

    /// <summary>
    /// A normal repair served by eng-a and its result reported to the customer now (Monday 10:00): the customer's
    /// confirmation is awaited.
    /// </summary>
    private async Task<Ticket> ReportedAsync()
    {
        await AddEngineersAsync("eng-a");
        var request = TicketIntakeValidatorTests.ValidRequest() with
        {
            Urgency = "normal",
            Description = new DescriptionRequest { Symptom = "空调不制冷", Frequency = "每次" },
        };
        var created = Assert.IsType<SubmitTicketResult.Created>(
            await _app.Get<SubmitTicket>().HandleAsync(request, null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None)).Ticket;
        var engineer = new Actor(created.AssignedTo!, StaffRoles.Engineer);
        await RunAsync(created.Id, new SimpleCommand(TicketCommandKind.Accept), engineer);
        await RunAsync(created.Id, new SimpleCommand(TicketCommandKind.Start), engineer);
        await RunAsync(created.Id, new RecordResult(TicketCommandKind.Resolve, "补充冷媒")
        {
            Result = new ServiceResult(ServiceOutcome.Repaired, "冷媒不足", "补充冷媒", null, null, [], null),
        }, engineer);
        await RunAsync(created.Id, new RecordResult(TicketCommandKind.ReportResult, "已电话告知"), engineer);
        var reported = await TicketAsync(created.Id);
        Assert.Equal(TicketStatus.AwaitingConfirmation, reported.Status);
        return reported;
    }

    private async Task<Ticket> TicketAsync(TicketId id) => (await _app.Tickets.GetAsync(id, CancellationToken.None))!.Ticket;

    private async Task RunAsync(TicketId id, TicketCommand command, Actor actor) =>
        Assert.IsType<TicketCommandResult.Done>(await _app.Get<TicketCommands>().ExecuteAsync(id, command, actor, null, CancellationToken.None));
}
