using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Workflows;

namespace AfterSales.Domain.Tests;

public sealed class EscalationAndFollowUpTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Tuesday 24 Nov 2026 10:00: a normal repair (不制冷), so response is 24 h elapsed.
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 10, 0, 0, Shanghai);

    [Fact]
    public void EachLevel_ComesDueAtItsThreshold_AndFiresOnce()
    {
        var (ticket, _) = Register(Tuesday, Intake(stated: Urgency.Normal));
        var response = ticket.Clocks.Single(c => c.Kind == SlaKind.Response);
        Assert.Equal(Tuesday.AddHours(24), response.DueAt);

        // Skip the assignment clock: look at the response target only.
        ticket = ticket with { Clocks = [response] };
        Assert.Equal(Tuesday.AddHours(24 * 0.8), EscalationRules.NextDue(ticket, Workflow.Clocks));
        Assert.Empty(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(19)));

        var warning = Assert.Single(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(20)));
        Assert.Equal((EscalationLevel.Warning, "role:supervisor"), (warning.Level, warning.Recipient));
        ticket = Apply(ticket, warning, Tuesday.AddHours(20));
        Assert.Empty(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(21)));
        Assert.Equal(Tuesday.AddHours(24), EscalationRules.NextDue(ticket, Workflow.Clocks));

        var breach = Assert.Single(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(24)));
        Assert.Equal(EscalationLevel.Supervisor, breach.Level);
        Assert.Equal(Tuesday.AddHours(36), breach.NewPromise);
        ticket = Apply(ticket, breach, Tuesday.AddHours(24));
        Assert.Equal(Tuesday.AddHours(36), EscalationRules.NextDue(ticket, Workflow.Clocks));

        var manager = Assert.Single(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(36)));
        Assert.Equal((EscalationLevel.Manager, "role:manager", (DateTimeOffset?)null), (manager.Level, manager.Recipient, manager.NewPromise));
        ticket = Apply(ticket, manager, Tuesday.AddHours(36));
        Assert.Null(EscalationRules.NextDue(ticket, Workflow.Clocks));
        Assert.Empty(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddDays(10)));

        // Made twice (two sweeps that decided on the same state): the second is refused.
        Assert.IsType<CommandOutcome.Invalid>(Workflow.Decide(ticket, new Escalate(manager), Actor.System, Tuesday.AddHours(37)));
    }

    [Fact]
    public void ALateSweep_FiresEveryLevelDue_ButSkipsTheWarning_AndPausedClocksOweNothing()
    {
        var (ticket, _) = Register(Tuesday, Intake(stated: Urgency.Normal));
        var due = EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddDays(2));
        Assert.Equal(
            [("assignment", EscalationLevel.Supervisor), ("assignment", EscalationLevel.Manager), ("normal-response", EscalationLevel.Supervisor), ("normal-response", EscalationLevel.Manager)],
            due.Select(e => (e.Target, e.Level)));
        Assert.Null(due.Single(e => e.Target == "assignment" && e.Level == EscalationLevel.Supervisor).NewPromise);

        var paused = ticket with { Clocks = ticket.Clocks.Select(c => c.IsActive ? Workflow.Clocks.Pause(c, Tuesday.AddMinutes(5), TicketStatus.WaitingForCustomer) : c).ToList() };
        Assert.Empty(EscalationRules.Due(paused, Workflow.Clocks, Tuesday.AddDays(3)));
        Assert.Null(EscalationRules.NextDue(paused, Workflow.Clocks));
    }

    [Fact]
    public void TheWarning_GoesToTheAssignedEngineer()
    {
        var (ticket, _) = Register(Tuesday, Intake(stated: Urgency.Normal));
        ticket = ticket with { AssignedTo = Engineer, Clocks = [ticket.Clocks.Single(c => c.Kind == SlaKind.Response)] };
        Assert.Equal("user:" + Engineer, Assert.Single(EscalationRules.Due(ticket, Workflow.Clocks, Tuesday.AddHours(20))).Recipient);
    }

    [Theory]
    [InlineData("2026-09-30T09:30:00+08:00", FollowUpReason.Repair, "2026-10-10T09:30:00+08:00")] // National Day; Sat 10 Oct is a working day (调休)
    [InlineData("2026-11-20T16:00:00+08:00", FollowUpReason.Repair, "2026-11-25T16:00:00+08:00")] // Fri → Mon, Tue, Wed
    [InlineData("2026-11-20T16:00:00+08:00", FollowUpReason.Complaint, "2026-12-01T16:00:00+08:00")]
    [InlineData("2026-01-31T15:00:00+08:00", FollowUpReason.Purchase, "2026-02-28T15:00:00+08:00")] // a shorter month ends on its last day
    [InlineData("2026-11-24T15:30:00+08:00", FollowUpReason.Request, "2026-11-24T15:30:00+08:00")]
    public void FollowUps_AreDueOnTheRightDay(string trigger, FollowUpReason reason, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            FollowUpPolicy.Default.DueFrom(reason, DateTimeOffset.Parse(trigger, System.Globalization.CultureInfo.InvariantCulture), Calendars.China2026));

    [Fact]
    public void AConfirmedRepair_PlansItsFollowUp_AndUnansweredCallsEndUnreachable()
    {
        var open = Serve();
        var task = open.CurrentFollowUp!;
        Assert.Equal((FollowUpStatus.Open, FollowUpReason.Repair), (task.Status, task.Reason));
        Assert.Contains(open.Clocks, c => c.Kind == SlaKind.FollowUp && c.IsActive);

        var agent = new Actor("fu-1", StaffRoles.FollowUp);
        var first = Decided(open, new RecordCall(CallOutcome.NoAnswer), agent, Tuesday.AddDays(4));
        Assert.Equal(FollowUpStatus.Open, first.CurrentFollowUp!.Status);
        Assert.NotNull(first.CurrentFollowUp.NextCallAt);
        var second = Decided(first, new RecordCall(CallOutcome.NoAnswer), agent, Tuesday.AddDays(5));
        var third = Decided(second, new RecordCall(CallOutcome.NoAnswer), agent, Tuesday.AddDays(6));
        Assert.Equal(FollowUpStatus.Unreachable, third.CurrentFollowUp!.Status);
        var close = Assert.Single(Workflow.SystemSteps(third, Tuesday.AddDays(6)));
        Assert.Equal(TicketCommandKind.Close, close.Command.Kind);

        var wrong = Decided(open, new RecordCall(CallOutcome.WrongNumber), agent, Tuesday.AddDays(4));
        Assert.Equal(FollowUpStatus.Unreachable, wrong.CurrentFollowUp!.Status);
    }

    [Theory]
    [InlineData(7, 7, 7, 7, false)]
    [InlineData(10, 6, 10, 10, true)]
    [InlineData(9, 9, 9, 6, true)]
    public void AnyScoreBelow7_ReopensTheTicket_OtherwiseItCloses(int attitude, int skill, int efficiency, int overall, bool reopens)
    {
        var open = Serve();
        var survey = new SurveyAnswer { Attitude = attitude, Skill = skill, Efficiency = efficiency, Overall = overall, Recommend = 3 };
        var answered = Decided(open, new RecordSurvey(survey), new Actor("fu-1", StaffRoles.FollowUp), Tuesday.AddDays(4));
        Assert.Contains(answered.Clocks, c => c.Kind == SlaKind.FollowUp && c.Outcome == ClockOutcome.Met);

        var step = Assert.Single(Workflow.SystemSteps(answered, Tuesday.AddDays(4)));
        Assert.Equal(reopens ? TicketCommandKind.Reopen : TicketCommandKind.Close, step.Command.Kind);
        if (reopens)
        {
            var reopened = Assert.IsType<CommandOutcome.Accepted>(Workflow.Decide(answered, step.Command, step.Actor, Tuesday.AddDays(4))).Ticket;
            Assert.Equal((TicketStatus.Reopened, 2), (reopened.Status, reopened.Round));
            Assert.DoesNotContain(reopened.Clocks, c => c.IsActive && c.Round == 1);
            Assert.Contains(reopened.Clocks, c => c.IsActive && c.Round == 2 && c.Kind == SlaKind.Response);
        }
    }

    [Fact]
    public void SurveyScores_OutsideTheirScale_AreRefused()
    {
        var open = Serve();
        var outcome = Workflow.Decide(open, new RecordSurvey(new SurveyAnswer { Overall = 11 }), new Actor("fu-1", StaffRoles.FollowUp), Tuesday.AddDays(4));
        Assert.Equal("survey.overall", Assert.IsType<CommandOutcome.Invalid>(outcome).Field);
    }

    [Fact]
    public void AFollowUpVisitTicket_HasOnlyRegistrationAndFollowUpPromises()
    {
        var (ticket, _) = Register(Tuesday, Intake("新购回访", requested: TicketType.FollowUp));
        Assert.Equal(TicketType.FollowUp, ticket.Classification!.Type);
        Assert.All(ticket.Clocks, c => Assert.Contains(c.Kind, new[] { SlaKind.Registration }));
        var step = Assert.Single(Workflow.SystemSteps(ticket, Tuesday));
        Assert.Equal(new ScheduleFollowUp(FollowUpReason.Request, Tuesday) { Note = step.Command.Note }, step.Command);
    }

    /// <summary>A normal repair served and confirmed as satisfied, then its follow-up opened by the system three days later.</summary>
    private static Ticket Serve()
    {
        var (ticket, _) = Register(Tuesday, Intake(stated: Urgency.Normal));
        var engineer = new Actor(Engineer, StaffRoles.Engineer);
        var steps = new (TicketCommand, Actor)[]
        {
            (new AssignTicket(Engineer) { Note = "test" }, new Actor("sup", StaffRoles.Supervisor)),
            (new SimpleCommand(TicketCommandKind.Accept), engineer),
            (new SimpleCommand(TicketCommandKind.Start), engineer),
            (new RecordResult(TicketCommandKind.Resolve, "补充冷媒") { Result = new ServiceResult(ServiceOutcome.Repaired, "冷媒不足", "补充冷媒", null, null, [], null) }, engineer),
            (new RecordResult(TicketCommandKind.ReportResult, "已告知"), engineer),
            (new ConfirmResult(ConfirmationRating.Satisfied), new Actor("agent", StaffRoles.Agent)),
        };
        var confirmed = Assert.IsType<CommandOutcome.Accepted>(Workflow.DecideAll(ticket, steps, Tuesday.AddHours(2))).Ticket;
        var plan = Assert.Single(Workflow.SystemSteps(confirmed, Tuesday.AddHours(2)));
        var planned = Decided(confirmed, plan.Command, plan.Actor, Tuesday.AddHours(2));
        Assert.Equal(FollowUpStatus.Scheduled, planned.CurrentFollowUp!.Status);
        return Decided(planned, new StartFollowUp("fu-1"), Actor.System, planned.CurrentFollowUp.DueFrom);
    }

    private static Ticket Apply(Ticket ticket, Escalation escalation, DateTimeOffset at) =>
        Decided(ticket, new Escalate(escalation), Actor.System, at);

    private static Ticket Decided(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset at) =>
        Assert.IsType<CommandOutcome.Accepted>(Workflow.Decide(ticket, command, actor, at)).Ticket;
}
