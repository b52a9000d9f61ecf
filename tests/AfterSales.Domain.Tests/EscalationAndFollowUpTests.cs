using AfterSales.Domain.Explanations;
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
        Assert.Equal(new ScheduleFollowUp(FollowUpReason.Request, Tuesday) { Note = step.Command.Note, Why = Explanation.Of("followUp.planned", FollowUpReason.Request) }, step.Command);
    }

    [Fact]
    public void TheCustomerWhoHasNotConfirmed_IsRemindedHalfwayOnce_ThenTheLimitEscalates_AndTheProcessWaitsForEachInTurn()
    {
        var reported = Reported(Tuesday.AddHours(2));
        var clock = reported.Clocks.Single(c => c.Kind == SlaKind.Confirmation);
        Assert.Equal((Tuesday.AddHours(14), Tuesday.AddHours(26)), (clock.RemindAt!.Value, clock.DueAt!.Value));
        var work = new DueWork(Workflow);

        // The process waits for the reminder point first; before it, nothing is due.
        Assert.Equal(new ProcessPosition(ProcessStep.Confirmation, Tuesday.AddHours(14), 1), TicketProcess.Of(reported));
        Assert.IsType<CommandOutcome.Unchanged>(work.ConfirmationWait(reported, Tuesday.AddHours(13)));

        // At the reminder point the customer is reminded, once; then the process waits for the limit.
        var reminded = Assert.IsType<CommandOutcome.Accepted>(work.ConfirmationWait(reported, Tuesday.AddHours(14)));
        var e = Assert.Single(reminded.Events);
        Assert.Equal(new CustomerReminder("customer-confirmation", 1, Tuesday.AddHours(14), Tuesday.AddHours(26)), Assert.IsType<CustomerReminded>(e.Data).Reminder);
        Assert.Equal((TicketStatus.AwaitingConfirmation, TicketStatus.AwaitingConfirmation, Actor.System), (e.Data.From, e.Data.To, e.Actor));
        Assert.Equal(new ProcessPosition(ProcessStep.Confirmation, Tuesday.AddHours(26), 1), TicketProcess.Of(reminded.Ticket));
        Assert.IsType<CommandOutcome.Unchanged>(work.ConfirmationWait(reminded.Ticket, Tuesday.AddHours(15)));
        Assert.IsType<CommandOutcome.Invalid>(Workflow.Decide(reminded.Ticket, new RemindCustomer(Assert.IsType<CustomerReminded>(e.Data).Reminder), Actor.System, Tuesday.AddHours(15)));

        // At 80 % the agents are warned (the sweep's or the process's, whichever comes first); at the limit the
        // supervisors hear of it, and nothing more of this wait is the process's.
        var warned = Assert.IsType<CommandOutcome.Accepted>(work.ConfirmationWait(reminded.Ticket, Tuesday.AddHours(22))).Ticket;
        Assert.Equal((EscalationLevel.Warning, "role:agent"), (warned.Escalations[^1].Level, warned.Escalations[^1].Recipient));
        var escalated = Assert.IsType<CommandOutcome.Accepted>(work.ConfirmationWait(warned, Tuesday.AddHours(26))).Ticket;
        Assert.Equal(("customer-confirmation", EscalationLevel.Supervisor), (escalated.Escalations[^1].Target, escalated.Escalations[^1].Level));
        Assert.Equal(new ProcessPosition(ProcessStep.Confirmation, null, 1), TicketProcess.Of(escalated));
    }

    [Fact]
    public void AProcessThatWakesAfterTheLimit_RemindsAndEscalatesInOneChange_AndAConfirmedTicketOwesNoReminder()
    {
        var reported = Reported(Tuesday.AddHours(2));
        var late = Assert.IsType<CommandOutcome.Accepted>(new DueWork(Workflow).ConfirmationWait(reported, Tuesday.AddHours(30)));
        Assert.Equal(["CustomerReminded", "SlaEscalated"], late.Events.Select(e => e.Data.Type).ToArray());
        Assert.Equal([1, 2], late.Events.Select(e => e.Sequence - reported.Version).ToArray());

        var confirmed = Decided(reported, new ConfirmResult(ConfirmationRating.Satisfied), new Actor("agent", StaffRoles.Agent), Tuesday.AddHours(3));
        Assert.Null(CustomerReminder.Due(confirmed, Tuesday.AddHours(30)));
        Assert.Null(confirmed.Clocks.Single(c => c.Kind == SlaKind.Confirmation).RemindAt);
    }

    [Fact]
    public void TheReminderPoint_IsPerTarget_AndOnlyTheCustomersOwnTargetsTakeOne()
    {
        var none = new SlaTarget("confirmation-no-reminder", SlaKind.Confirmation, Time.TimeAllowance.Hours(24), ClockMeasure.Elapsed, reminderRatio: 0);
        var early = new SlaTarget("confirmation-early", SlaKind.Confirmation, Time.TimeAllowance.Hours(24), ClockMeasure.Elapsed, reminderRatio: 0.25);
        Assert.Null(none.ReminderRatio);
        Assert.Null(Workflow.Clocks.Start(none, Tuesday, 1).RemindAt);
        Assert.Equal(Tuesday.AddHours(6), Workflow.Clocks.Start(early, Tuesday, 1).RemindAt);
        Assert.Null(SlaPolicy.Default.Targets.Single(t => t.Kind == SlaKind.Response && t.Name == "normal-response").ReminderRatio);

        var error = Assert.Throws<ArgumentException>(() => new SlaTarget("response", SlaKind.Response, Time.TimeAllowance.Hours(24), ClockMeasure.Elapsed, reminderRatio: 0.5));
        Assert.Contains("only a target the customer must act on", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SlaTarget("confirmation", SlaKind.Confirmation, Time.TimeAllowance.Hours(24), ClockMeasure.Elapsed, reminderRatio: 1));
    }

    /// <summary>A normal repair served and its result reported to the customer at <paramref name="at"/>: the confirmation clock runs.</summary>
    private static Ticket Reported(DateTimeOffset at)
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
        };
        return Assert.IsType<CommandOutcome.Accepted>(Workflow.DecideAll(ticket, steps, at)).Ticket;
    }

    /// <summary>A normal repair served and confirmed as satisfied, then its follow-up opened by the system three days later.</summary>
    private static Ticket Serve()
    {
        var confirmed = Decided(Reported(Tuesday.AddHours(2)), new ConfirmResult(ConfirmationRating.Satisfied), new Actor("agent", StaffRoles.Agent), Tuesday.AddHours(2));
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
