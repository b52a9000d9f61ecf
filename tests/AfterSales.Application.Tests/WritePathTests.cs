using AfterSales.Application.Dispatch;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;
using AfterSales.Testing.Workflow;

namespace AfterSales.Application.Tests;

/// <summary>
/// The write path on in-memory stores: one decision becomes one <see cref="TicketChange"/>, applied by one writer.
/// Lost races, If-Match, claims on an engineer's last place, chains of automatic steps and repeated sweeps, each
/// in milliseconds. (Storage adapters and the end-to-end flows are tested against Azurite elsewhere.)
/// </summary>
public sealed class WritePathTests : IDisposable
{
    // Monday 2026-11-23, 10:00 in Shanghai: working time.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Agent = new("agent-li", StaffRoles.Agent);
    private static readonly Actor Supervisor = new("sup-wang", StaffRoles.Supervisor);

    private readonly InMemoryApp _app = new(Monday, settings =>
    {
        settings["FollowUp:Agents:0"] = "fu-zhang";
        settings["FollowUp:Agents:1"] = "fu-li";
    });

    public void Dispose() => _app.Dispose();

    private TicketCommands Commands => _app.Get<TicketCommands>();

    private static Engineer Engineer(string id, int max = 5) => InMemoryTeamStore.AnyRepair(id, max);

    private async Task AddEngineersAsync(params Engineer[] engineers)
    {
        foreach (var engineer in engineers)
        {
            Assert.NotNull(await _app.Team.TrySaveEngineerAsync(engineer, null, CancellationToken.None));
        }
    }

    private async Task<Ticket> RegisterAsync(string? key = null)
    {
        var result = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), key, Agent, CancellationToken.None);
        return Assert.IsType<SubmitTicketResult.Created>(result).Ticket;
    }

    private Task<TicketCommandResult> RunAsync(Ticket ticket, TicketCommand command, Actor actor, string? ifMatch = null) =>
        Commands.ExecuteAsync(ticket.Id, command, actor, ifMatch, CancellationToken.None);

    private static Actor EngineerActor(string id) => new(id, StaffRoles.Engineer);

    [Fact]
    public async Task Intake_IsOneBatch_WithItsClaimDeadlinesOutboxAndFacts()
    {
        await AddEngineersAsync(Engineer("eng-a"));

        var ticket = await RegisterAsync();

        Assert.Equal(TicketStatus.Assigned, ticket.Status);
        Assert.Equal(1, _app.Tickets.Writes);
        Assert.Equal([ticket.Id], _app.Assignments.Held("eng-a"));
        Assert.Empty(_app.Due.Of("offer", ticket.Id)); // the offer's deadline is the ticket's orchestration's timer
        Assert.Single(_app.Due.Of(TicketDeadlines.EscalationDue, ticket.Id));
        Assert.Single(_app.Due.Of(SmsDelivery.DueKind, ticket.Id));
        Assert.Contains(_app.Tickets.Messages(ticket.Id), m => m.Kind == NotificationKind.RequestReceived);
        // The facts follow in the background; the ticket's report entry stays while it can change.
        await _app.SettleAsync();
        Assert.Equal(ticket.Version, _app.Facts.VersionOf(ticket.Id));
        Assert.Equal([ticket.ReceivedAt], _app.Due.Of(ReportProjection.Kind, ticket.Id));
    }

    [Fact]
    public async Task ACommandThatLosesARace_IsDecidedAgainOnTheFreshState_AndNoEventIsLost()
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();

        // Between the engineer's read and write, the customer withdraws the request (another writer).
        _app.Tickets.BeforeWrite = () => Assert.IsType<TicketCommandResult.Done>(
            RunAsync(ticket, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor).GetAwaiter().GetResult());
        var accepted = await RunAsync(ticket, new SimpleCommand(TicketCommandKind.Accept), EngineerActor("eng-a"));

        // A cancelled ticket cannot be accepted: decided again on the fresh state, the engineer is told so; nothing half-written.
        var rejected = Assert.IsType<TicketCommandResult.Rejected>(accepted);
        Assert.IsType<CommandOutcome.NotAllowed>(rejected.Outcome);
        var history = await _app.Tickets.GetHistoryAsync(ticket.Id, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e.Sequence));
        Assert.DoesNotContain(history, e => e.Data is AssignmentAccepted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IfMatch_OnAChangedTicket_IsStale_AndNothingIsWritten(bool matching)
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        var read = await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None);
        var writes = _app.Tickets.Writes;

        var result = await RunAsync(ticket, new SimpleCommand(TicketCommandKind.Accept), EngineerActor("eng-a"), matching ? read!.ETag : "W/\"0\"");

        if (matching)
        {
            Assert.IsType<TicketCommandResult.Done>(result);
            Assert.Equal(writes + 1, _app.Tickets.Writes);
        }
        else
        {
            Assert.Equal(read!.ETag, Assert.IsType<TicketCommandResult.Stale>(result).Current.ETag);
            Assert.Equal(writes, _app.Tickets.Writes);
        }
    }

    [Fact]
    public async Task WhenEveryEngineerIsFull_TheTicketIsQueued_AndNoPlaceIsTaken()
    {
        await AddEngineersAsync(Engineer("eng-a", max: 1), Engineer("eng-b", max: 1));
        var first = await RegisterAsync();
        var firstEngineer = first.AssignedTo!;
        var other = firstEngineer == "eng-a" ? "eng-b" : "eng-a";

        // The other engineer's only place is taken by a ticket of another department's flow.
        await _app.Assignments.TryAddAsync(other, TicketId.Create(Monday, new byte[10]), Monday, null, CancellationToken.None);
        var second = await RegisterAsync();

        Assert.Equal(TicketStatus.Classified, second.Status);
        Assert.NotNull(second.Dispatch.Queue);
        Assert.Single(_app.Assignments.Held(firstEngineer));
        Assert.DoesNotContain(second.Id, _app.Assignments.Held(other));
    }

    [Fact]
    public async Task AFullEngineerFoundOnlyAtTheClaim_IsPassedOver_AndTheNextCandidateGetsTheTicket()
    {
        await AddEngineersAsync(Engineer("eng-a", max: 1), Engineer("eng-b", max: 1));
        var dispatching = _app.Get<Dispatching>();
        var changes = _app.Get<TicketChanges>();
        var writer = _app.Get<TicketWriter>();

        // The dispatcher read loads before a third ticket took eng-a's last place: the writer's claim finds it full.
        var start = await RegisterUndispatchedAsync();
        var steps = await dispatching.NextStepsAsync(start.Ticket, Monday, force: true, new HashSet<string>(), CancellationToken.None);
        var chosen = Assert.IsType<AssignTicket>(steps.Single().Command).Engineer;
        await _app.Assignments.TryAddAsync(chosen, TicketId.Create(Monday, new byte[10]), Monday, null, CancellationToken.None);
        var decided = Assert.IsType<CommandOutcome.Accepted>(_app.Get<TicketWorkflow>().DecideAll(start.Ticket, steps, Monday));
        var change = await changes.PlanAsync(start, decided.Ticket, decided.Events, Monday, CancellationToken.None);
        Assert.Equal(new TicketWrite.Full(chosen), await writer.ApplyAsync(change, Monday, CancellationToken.None));

        // Nothing of that change was stored; the command path decides again without them.
        Assert.Equal(start.ETag, (await _app.Tickets.GetAsync(start.Ticket.Id, CancellationToken.None))!.ETag);
        var result = await Commands.ExecuteAsync(start.Ticket.Id, async (t, now, ct) =>
        {
            var next = await dispatching.NextStepsAsync(t, now, force: true, new HashSet<string>(), ct);
            return _app.Get<TicketWorkflow>().DecideAll(t, next, now);
        }, ifMatch: null, CancellationToken.None);

        var done = Assert.IsType<TicketCommandResult.Done>(result);
        Assert.NotEqual(chosen, done.Ticket.Ticket.AssignedTo);
        Assert.Equal([start.Ticket.Id], _app.Assignments.Held(done.Ticket.Ticket.AssignedTo!));
    }

    [Fact]
    public async Task AcceptingAnOffer_LeavesTheEarlierEscalationEntry_AndTheSweepThenCarriesTheTicketForward()
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        await _app.SettleAsync(); // the intake's owed orchestration start is made and its entry removed
        var entries = _app.Due.Of(TicketDeadlines.EscalationDue, ticket.Id);
        var writes = _app.Due.Writes;

        var accepted = Assert.IsType<TicketCommandResult.Done>(await RunAsync(ticket, new SimpleCommand(TicketCommandKind.Accept), EngineerActor("eng-a")));

        // Accepting stops the response clock; the next look comes later, so the pending entry is left to carry it.
        Assert.Equal(entries, _app.Due.Of(TicketDeadlines.EscalationDue, ticket.Id));
        Assert.Equal(writes, _app.Due.Writes); // and the report facts follow in the background, with no entry of their own
        var look = Domain.Sla.EscalationRules.NextDue(accepted.Ticket.Ticket, _app.Get<TicketWorkflow>().Clocks)!.Value;
        Assert.True(look > entries[0]);

        _app.Time.SetUtcNow(entries[0]);
        await _app.Timer<EscalationSweep>().RunAsync(entries[0], CancellationToken.None);

        Assert.Equal([TicketDeadlines.Ceiling(look)], _app.Due.Of(TicketDeadlines.EscalationDue, ticket.Id));
        Assert.Equal(accepted.Ticket.ETag, (await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None))!.ETag);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AnOfferDeadline_ActedOnAgainAndAgain_LapsesOnce(int runs)
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        var acceptBy = ticket.Dispatch.AcceptBy!.Value;
        _app.Time.SetUtcNow(acceptBy.AddMinutes(1));

        // As the engine would run the orchestration's activity again after a crash or a redelivery.
        var act = new TicketLifecycleOrchestration.ActOnDeadline(_app.Get<TicketCommands>(), _app.Get<DueWork>(), _app.Get<FollowUpAgents>(), _app.Time);
        var deadline = new LifecycleDeadline(ticket.Id.Value, ProcessStep.Acceptance, acceptBy);
        var results = new List<DeadlineResult>();
        for (var run = 0; run < runs; run++)
        {
            results.Add(await act.RunAsync(new FakeActivityContext(TicketLifecycleOrchestration.ActOnDeadline.Name, "test"), deadline));
        }

        var history = await _app.Tickets.GetHistoryAsync(ticket.Id, CancellationToken.None);
        Assert.Single(history, e => e.Data is OfferLapsed);
        Assert.Equal(new DeadlineResult(true), results[0]);
        Assert.All(results.Skip(1), r => Assert.Equal(new DeadlineResult(false), r));
        Assert.Empty(_app.Assignments.Held("eng-a"));
    }

    [Theory]
    [InlineData(-1, typeof(CommandOutcome.Unchanged))]
    [InlineData(0, typeof(CommandOutcome.Accepted))]
    [InlineData(60, typeof(CommandOutcome.Accepted))]
    public async Task AnOfferDeadline_IsDueOnlyAtItsInstant_AndOnlyWhileTheOfferStands(int minutesAfter, Type expected)
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        var deadline = ticket.Dispatch.AcceptBy!.Value;
        var work = _app.Get<DueWork>();

        Assert.IsType(expected, work.OfferDeadline(ticket, deadline, deadline.AddMinutes(minutesAfter)));
        Assert.IsType<CommandOutcome.Unchanged>(work.OfferDeadline(ticket, deadline.AddMinutes(-5), deadline.AddMinutes(minutesAfter)));
        var accepted = Assert.IsType<TicketCommandResult.Done>(await RunAsync(ticket, new SimpleCommand(TicketCommandKind.Accept), EngineerActor("eng-a")));
        Assert.IsType<CommandOutcome.Unchanged>(work.OfferDeadline(accepted.Ticket.Ticket, deadline, deadline.AddMinutes(minutesAfter)));
    }

    [Fact]
    public async Task NothingDue_IsUnchanged_NotARefusal_AndWritesNothing()
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        var writes = _app.Tickets.Writes;

        var result = await Commands.ExecuteAsync(ticket.Id, (t, now, _) => Task.FromResult(_app.Get<DueWork>().Escalations(t, now)), null, CancellationToken.None);

        Assert.Equal("No escalation is due.", Assert.IsType<TicketCommandResult.Unchanged>(result).Reason);
        Assert.Equal(writes, _app.Tickets.Writes);
    }

    [Fact]
    public async Task LeavingTheEngineer_ReleasesTheirPlace_AfterTheCommit()
    {
        await AddEngineersAsync(Engineer("eng-a"));
        var ticket = await RegisterAsync();
        Assert.Single(_app.Assignments.Held("eng-a"));

        Assert.IsType<TicketCommandResult.Done>(await RunAsync(ticket, new SimpleCommand(TicketCommandKind.Decline) { Note = "不在服务区域" }, EngineerActor("eng-a")));

        Assert.Empty(_app.Assignments.Held("eng-a"));
    }

    [Fact]
    public async Task ARetriedIntake_WithTheSameKey_MakesOneTicket_AndOneClaim()
    {
        await AddEngineersAsync(Engineer("eng-a"));

        var first = await RegisterAsync("key-1");
        var again = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), "key-1", Agent, CancellationToken.None);

        Assert.True(Assert.IsType<SubmitTicketResult.Created>(again).Replayed);
        Assert.Equal(first.Id, ((SubmitTicketResult.Created)again).Ticket.Id);
        Assert.Equal(1, _app.Tickets.Writes);
        Assert.Equal([first.Id], _app.Assignments.Held("eng-a"));
    }

    [Fact]
    public async Task AFollowUpRequest_IsPlannedOpenedAndGivenToTheLeastLoadedAgent_InItsIntakesOneWrite()
    {
        var request = TicketIntakeValidatorTests.ValidRequest() with { Type = "followUp", Tag = null };

        var first = Assert.IsType<SubmitTicketResult.Created>(await _app.Get<SubmitTicket>().HandleAsync(request, null, Agent, CancellationToken.None)).Ticket;
        var second = Assert.IsType<SubmitTicketResult.Created>(await _app.Get<SubmitTicket>().HandleAsync(request, null, Agent, CancellationToken.None)).Ticket;

        // Registered, classified, follow-up planned (due at once), opened with an agent: one write each.
        Assert.Equal(2, _app.Tickets.Writes);
        Assert.Equal(TicketStatus.FollowUp, first.Status);
        Assert.Equal("fu-li", first.CurrentFollowUp!.Agent); // ties go by name
        Assert.Equal("fu-zhang", second.CurrentFollowUp!.Agent); // then by load
        Assert.Equal([first.Id], _app.Assignments.Held(FollowUpAgents.Key("fu-li")));
        Assert.Contains(_app.Tickets.Messages(first.Id), m => m.Kind == NotificationKind.SurveyInvitation);
    }

    [Fact]
    public async Task TheFollowUpAgentsCallList_PutsAnUnansweredCallAfterTheCallsDueNow_UntilItsNextTry()
    {
        var request = TicketIntakeValidatorTests.ValidRequest() with { Type = "followUp", Tag = null };
        async Task<Ticket> OpenAsync() => Assert.IsType<SubmitTicketResult.Created>(await _app.Get<SubmitTicket>().HandleAsync(request, null, Agent, CancellationToken.None)).Ticket;
        var first = await OpenAsync(); // fu-li
        await OpenAsync(); // fu-zhang
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var third = await OpenAsync(); // fu-li again, due later than the first
        var li = new Actor("fu-li", StaffRoles.FollowUp);
        Assert.Equal(li.Name, third.CurrentFollowUp!.Agent);
        async Task<TicketId[]> ListAsync() => (await _app.Get<Inbox.StaffInbox>().ReadAsync(li, _app.Time.GetUtcNow(), CancellationToken.None)).Select(i => i.Ticket.Id).ToArray();
        Assert.Equal([first.Id, third.Id], await ListAsync());

        // Nobody answers the first call: it comes after the call due now until its next try (2 working hours on).
        Assert.IsType<TicketCommandResult.Done>(await RunAsync(first, new RecordCall(Domain.FollowUps.CallOutcome.NoAnswer), li));
        var next = (await _app.Tickets.GetAsync(first.Id, CancellationToken.None))!.Ticket.CurrentFollowUp!.NextCallAt!.Value;
        Assert.Equal([third.Id, first.Id], await ListAsync());
        _app.Time.SetUtcNow(next);
        Assert.Equal([first.Id, third.Id], await ListAsync());
    }

    [Fact]
    public async Task ALowSurveyScore_ReopensForASecondHandling_AndFreesTheAgent_InOneWrite()
    {
        var request = TicketIntakeValidatorTests.ValidRequest() with { Type = "followUp", Tag = null };
        var ticket = Assert.IsType<SubmitTicketResult.Created>(await _app.Get<SubmitTicket>().HandleAsync(request, null, Agent, CancellationToken.None)).Ticket;
        var agent = ticket.CurrentFollowUp!.Agent!;
        var writes = _app.Tickets.Writes;

        var result = await RunAsync(ticket, new RecordSurvey(new Domain.FollowUps.SurveyAnswer { Overall = 4, Attitude = 8, Skill = 8, Efficiency = 8 }) { Note = "电话回访" },
            new Actor(agent, StaffRoles.FollowUp));

        // The survey, the follow-up's end and the reopening are one change: one write, its inbox item, the agent's place freed.
        var done = Assert.IsType<TicketCommandResult.Done>(result);
        Assert.Equal(writes + 1, _app.Tickets.Writes);
        Assert.Equal(TicketStatus.Reopened, done.Ticket.Ticket.Status);
        Assert.Contains(done.Events, e => e.Data is SurveyRecorded);
        Assert.Contains(done.Events, e => e.Data is TicketReopened);
        Assert.Empty(_app.Assignments.Held(FollowUpAgents.Key(agent)));
        var inbox = await _app.Get<Inbox.StaffInbox>().ReadAsync(Supervisor, _app.Time.GetUtcNow(), CancellationToken.None);
        Assert.Contains(inbox, i => i.Item.Kind == Inbox.InboxItemKind.SecondHandling && i.Ticket.Id == ticket.Id);
    }

    private async Task<StoredTicket> RegisterUndispatchedAsync()
    {
        await _app.Team.TrySaveDepartmentAsync(new DepartmentSettings(Department.Repair, [], AutoDispatch: false), ifMatch: null, CancellationToken.None);
        var ticket = await RegisterAsync();
        await _app.Team.TrySaveDepartmentAsync(new DepartmentSettings(Department.Repair, [], AutoDispatch: true), ifMatch: null, CancellationToken.None);
        return (await _app.Tickets.GetAsync(ticket.Id, CancellationToken.None))!;
    }

    [Fact]
    public async Task AnEndedTickets_FinalFacts_AreWrittenAndItsReportEntryRemoved()
    {
        var ticket = await RegisterAsync();
        var cancelled = Assert.IsType<TicketCommandResult.Done>(
            await RunAsync(ticket, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor)).Ticket.Ticket;

        await _app.SettleAsync();
        Assert.Equal(cancelled.Version, _app.Facts.VersionOf(ticket.Id));
        Assert.Empty(_app.Due.Of(ReportProjection.Kind, ticket.Id));
    }

    [Fact]
    public async Task FactsAFaultLeftBehind_AreWrittenByTheNextCatchUp_WhichKeepsOpenTicketsEntries()
    {
        _app.Facts.Unavailable = true;
        var open = await RegisterAsync();
        var ended = await RegisterAsync();
        var cancelled = Assert.IsType<TicketCommandResult.Done>(
            await RunAsync(ended, new CancelTicket(CancelReason.Withdrawn, null) { Note = "客户撤回" }, Supervisor)).Ticket.Ticket;
        await _app.SettleAsync();

        // The changes are stored; their facts are not, and both tickets keep their entries.
        Assert.Null(_app.Facts.VersionOf(open.Id));
        Assert.Null(_app.Facts.VersionOf(ended.Id));
        Assert.Single(_app.Due.Of(ReportProjection.Kind, ended.Id));

        _app.Facts.Unavailable = false;
        var counted = new List<int>();
        var projected = await _app.Get<ReportProjection>().CatchUpAsync(_app.Time.GetUtcNow(), n => { lock (counted) { counted.Add(n); } }, CancellationToken.None);

        Assert.Equal(2, projected);
        Assert.Equal(2, counted.Max());
        Assert.Equal(open.Version, _app.Facts.VersionOf(open.Id));
        Assert.Equal(cancelled.Version, _app.Facts.VersionOf(ended.Id));
        Assert.Equal([open.ReceivedAt], _app.Due.Of(ReportProjection.Kind, open.Id));
        Assert.Empty(_app.Due.Of(ReportProjection.Kind, ended.Id));
    }

    [Fact]
    public async Task AReportEntryWhoseIntakeWasNeverStored_IsRemovedOnlyAfterTheGrace()
    {
        var lost = TicketId.Create(Monday, new byte[10]);
        await _app.Due.ScheduleAsync(ReportProjection.Kind, Monday, lost, CancellationToken.None);
        var projection = _app.Get<ReportProjection>();

        // Within the grace the intake may still be being written: the entry stays.
        Assert.Equal(0, await projection.CatchUpAsync(Monday + TimeSpan.FromMinutes(1), null, CancellationToken.None));
        Assert.Single(_app.Due.Of(ReportProjection.Kind, lost));

        Assert.Equal(0, await projection.CatchUpAsync(Monday + ReportProjection.Grace + TimeSpan.FromSeconds(1), null, CancellationToken.None));
        Assert.Empty(_app.Due.Of(ReportProjection.Kind, lost));
    }
}
