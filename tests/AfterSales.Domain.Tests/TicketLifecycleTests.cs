using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Calendars;
using static AfterSales.Domain.Tests.Workflows;

namespace AfterSales.Domain.Tests;

public sealed class TicketLifecycleTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23T10:00:00+08:00");

    private static readonly string[] AllRoles =
        [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Engineer, StaffRoles.FollowUp, StaffRoles.Manager, StaffRoles.Integration, StaffRoles.System, StaffRoles.Customer];

    public static TheoryData<int> Rows => [.. Enumerable.Range(0, TicketLifecycle.Table.Count)];

    public static TheoryData<TicketStatus, TicketCommandKind> DisallowedPairs
    {
        get
        {
            var data = new TheoryData<TicketStatus, TicketCommandKind>();
            foreach (var status in Enum.GetValues<TicketStatus>())
            {
                foreach (var command in Enum.GetValues<TicketCommandKind>().Where(c => TicketLifecycle.Find(status, c) is null))
                {
                    data.Add(status, command);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_EveryAllowedTransition_MovesTheTicketAndAppendsOneEvent(int row)
    {
        var transition = TicketLifecycle.Table[row];
        var ticket = InStatus(transition.From, transition.Command);
        foreach (var role in transition.Roles)
        {
            var outcome = Workflow.Decide(ticket, Command(transition.Command), new Actor(role == StaffRoles.Engineer ? Engineer : role, role), Now.AddMinutes(5));

            var accepted = Assert.IsType<CommandOutcome.Accepted>(outcome);
            Assert.Equal(transition.To, accepted.Ticket.Status);
            Assert.Equal(ticket.Version + 1, accepted.Ticket.Version);
            var e = Assert.Single(accepted.Events);
            Assert.Equal(accepted.Ticket.Version, e.Sequence);
            Assert.Equal((transition.From, transition.To), (e.Data.From, e.Data.To));
            Assert.Equal(role, e.Actor.Role);
            Assert.Equal("because", e.Data.Note);
        }
    }

    [Theory]
    [MemberData(nameof(DisallowedPairs))]
    public void Decide_EveryCommandNotInTheTable_IsNotAllowed_AndNamesWhatIs(TicketStatus status, TicketCommandKind command)
    {
        var ticket = InStatus(status);

        var outcome = Workflow.Decide(ticket, Command(command), new Actor("supervisor-1", StaffRoles.Supervisor), Now);

        var notAllowed = Assert.IsType<CommandOutcome.NotAllowed>(outcome);
        Assert.Equal(status, notAllowed.Status);
        Assert.Equal(TicketWorkflow.AllowedNow(ticket), notAllowed.AllowedCommands);
        Assert.Subset(TicketLifecycle.AllowedFrom(status).ToHashSet(), notAllowed.AllowedCommands.ToHashSet());
        Assert.All(notAllowed.AllowedCommands, k => Assert.Null(TicketWorkflow.StateProblem(ticket, k)));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_RolesOutsideTheRow_AreForbidden(int row)
    {
        var transition = TicketLifecycle.Table[row];
        var ticket = InStatus(transition.From, transition.Command);
        foreach (var role in AllRoles.Except(transition.Roles))
        {
            var outcome = Workflow.Decide(ticket, Command(transition.Command), new Actor(role == StaffRoles.Engineer ? Engineer : role, role), Now);

            var forbidden = Assert.IsType<CommandOutcome.Forbidden>(outcome);
            Assert.Equal(transition.Roles, forbidden.Roles);
        }
    }

    [Theory]
    [InlineData(StaffRoles.Agent, "agent-1")]
    [InlineData(StaffRoles.Supervisor, "supervisor-1")]
    [InlineData(StaffRoles.Engineer, Engineer)]
    [InlineData(StaffRoles.Engineer, "eng-2")]
    [InlineData(StaffRoles.FollowUp, "followup-1")]
    [InlineData(StaffRoles.Manager, "manager-1")]
    public void AllowedFor_EveryStatus_IsWhatDecideDoesNotForbid(string role, string name)
    {
        var actor = new Actor(name, role);
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var ticket = InStatus(status);
            var notForbidden = TicketWorkflow.AllowedNow(ticket)
                .Where(kind => Workflow.Decide(ticket, Command(kind), actor, Now) is not (CommandOutcome.Forbidden or CommandOutcome.NotAllowed))
                .ToList();

            Assert.Equal(notForbidden, TicketWorkflow.AllowedFor(ticket, actor));
        }
    }

    [Fact]
    public void AllowedFor_AnotherEngineer_GetsNothingOnTheAssigneesJob()
    {
        var ticket = InStatus(TicketStatus.Assigned);

        Assert.Equal([TicketCommandKind.Accept, TicketCommandKind.Decline], TicketWorkflow.AllowedFor(ticket, new Actor(Engineer, StaffRoles.Engineer)));
        Assert.Empty(TicketWorkflow.AllowedFor(ticket, new Actor("eng-2", StaffRoles.Engineer)));
    }

    [Fact]
    public void Decide_EngineerWhoIsNotTheAssignee_IsForbidden()
    {
        var ticket = InStatus(TicketStatus.Assigned);

        var outcome = Workflow.Decide(ticket, new SimpleCommand(TicketCommandKind.Accept), new Actor("eng-2", StaffRoles.Engineer), Now);

        Assert.Contains(Engineer, Assert.IsType<CommandOutcome.Forbidden>(outcome).Reason);
    }

    [Theory]
    [InlineData(TicketCommandKind.Decline, TicketStatus.Assigned)]
    [InlineData(TicketCommandKind.Reopen, TicketStatus.Closed)]
    public void Decide_CommandsThatNeedAReason_AreInvalidWithoutOne(TicketCommandKind command, TicketStatus status)
    {
        var role = command == TicketCommandKind.Decline ? StaffRoles.Engineer : StaffRoles.Supervisor;
        var outcome = Workflow.Decide(InStatus(status), new SimpleCommand(command), new Actor(role == StaffRoles.Engineer ? Engineer : "s", role), Now);

        Assert.Equal("reason", Assert.IsType<CommandOutcome.Invalid>(outcome).Field);
    }

    [Fact]
    public void Classify_OverridingTheRules_NeedsAReason_AndKeepsTheComputedClassification()
    {
        var (ticket, _) = Register(Now, Intake("设备冒烟"));
        var supervisor = new Actor("sup", StaffRoles.Supervisor);

        var missing = Workflow.Decide(ticket, new ClassifyTicket(TicketType.Complaint, "服务投诉", Urgency.Normal), supervisor, Now);
        var overridden = Workflow.Decide(ticket, new ClassifyTicket(TicketType.Complaint, "服务投诉", Urgency.Normal) { Note = "客户要求投诉处理" }, supervisor, Now);

        Assert.Equal("reason", Assert.IsType<CommandOutcome.Invalid>(missing).Field);
        var result = Assert.IsType<CommandOutcome.Accepted>(overridden).Ticket;
        Assert.Equal(TicketType.Complaint, result.Classification!.Type);
        Assert.Equal("客户要求投诉处理", result.Classification.Reason);
        Assert.Equal(TicketType.Repair, result.ComputedClassification!.Type);
        Assert.Equal(Urgency.Urgent, result.ComputedClassification.Urgency);
    }

    [Fact]
    public void Cancel_AsDuplicate_NeedsTheOriginal()
    {
        var outcome = Workflow.Decide(InStatus(TicketStatus.Classified), new CancelTicket(CancelReason.Duplicate, null), new Actor("a", StaffRoles.Agent), Now);

        Assert.Equal("duplicateOf", Assert.IsType<CommandOutcome.Invalid>(outcome).Field);
    }

    [Fact]
    public void Reopen_StartsASecondRound()
    {
        var reopened = Decided(InStatus(TicketStatus.Closed), new SimpleCommand(TicketCommandKind.Reopen) { Note = "客户回访不满意" }, StaffRoles.FollowUp, Now);

        Assert.Equal(TicketStatus.Reopened, reopened.Status);
        Assert.Equal(2, reopened.Round);
        Assert.Contains(reopened.Clocks, c => c.Round == 2 && c.Kind == Sla.SlaKind.Resolution && c.IsActive);
    }

    [Fact]
    public void Table_EveryStatusButTheEndsHasAWayOut_AndEveryStatusIsReachable()
    {
        var ends = new[] { TicketStatus.Closed, TicketStatus.Cancelled };
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            Assert.True(ends.Contains(status) || TicketLifecycle.Table.Any(t => t.From == status && t.To != status), $"{status} is a dead end.");
            Assert.True(status is TicketStatus.Received or TicketStatus.Classified || TicketLifecycle.Table.Any(t => t.To == status), $"{status} cannot be reached.");
        }
    }

    private static Ticket InStatus(TicketStatus status, TicketCommandKind? command = null)
    {
        var (ticket, _) = Register(Now);
        return ticket with
        {
            Status = status,
            AssignedTo = Engineer,
            Dispatch = DispatchState.None with { AcceptBy = Now },
            Quotes = status == TicketStatus.WaitingForApproval ? [new Quote(1, [new QuoteLine("P-1", "风扇电机", 1, 180m)], 60m, "更换风扇电机", "无", Now, 1)] : [],
            FollowUps = status == TicketStatus.FollowUp
                ? [new FollowUps.FollowUpTask { Reason = FollowUps.FollowUpReason.Repair, Round = 1, TriggeredAt = Now, DueFrom = Now, Status = FollowUps.FollowUpStatus.Open, OpenedAt = Now }]
                : [],
            // A follow-up visit (回访类) is the only kind of classified ticket that goes to the follow-up queue.
            Classification = status == TicketStatus.Classified && command == TicketCommandKind.StartFollowUp
                ? ticket.Classification! with { Type = TicketType.FollowUp }
                : ticket.Classification,
        };
    }

    private static TicketCommand Command(TicketCommandKind kind) => (kind switch
    {
        TicketCommandKind.Classify => new ClassifyTicket(TicketType.Repair, "硬件故障", Urgency.Normal),
        TicketCommandKind.Assign => new AssignTicket("eng-2"),
        TicketCommandKind.PauseForCustomer => new PauseService(PauseReason.Customer),
        TicketCommandKind.PauseForParts => new PauseService(PauseReason.Parts),
        TicketCommandKind.Resolve or TicketCommandKind.ReportResult => new RecordResult(kind, "更换风扇电机"),
        TicketCommandKind.Confirm => new ConfirmResult(ConfirmationRating.Satisfied),
        TicketCommandKind.Cancel => new CancelTicket(CancelReason.Withdrawn, null),
        TicketCommandKind.Queue => new QueueTicket(Dispatch.Department.Repair, []),
        TicketCommandKind.LapseOffer => new LapseOffer(),
        TicketCommandKind.Appoint => new AgreeAppointment(new Appointment(Now.AddHours(2), Now.AddHours(4), ServiceMode.OnSite, null)),
        TicketCommandKind.RecordVisit => new RecordVisit(Now, Now.AddMinutes(4), ServiceMode.OnSite, "风扇电机损坏", "更换风扇电机", [], null, null),
        TicketCommandKind.ProposeQuote => new ProposeQuote([new QuoteLine("P-1", "风扇电机", 1, 180m)], 60m, "更换风扇电机", "拆机可能需要2小时") { ChargeReason = "人为损坏" },
        TicketCommandKind.ApproveQuote => new AnswerQuote(true, null, null),
        TicketCommandKind.RefuseQuote => new AnswerQuote(false, null, null),
        TicketCommandKind.Escalate => new Escalate(new Sla.Escalation("normal-response", Sla.SlaKind.Response, 1, Sla.EscalationLevel.Warning, Now, Now.AddHours(1), "role:supervisor", null)),
        TicketCommandKind.RemindCustomer => new RemindCustomer(new Sla.CustomerReminder("customer-confirmation", 1, Now, Now.AddHours(12))),
        TicketCommandKind.ScheduleFollowUp => new ScheduleFollowUp(FollowUps.FollowUpReason.Repair, Now.AddDays(3)),
        TicketCommandKind.StartFollowUp => new StartFollowUp(null),
        TicketCommandKind.RecordCall => new RecordCall(FollowUps.CallOutcome.NoAnswer),
        TicketCommandKind.RecordSurvey => new RecordSurvey(new FollowUps.SurveyAnswer { Attitude = 9, Skill = 9, Efficiency = 8, Overall = 9 }),
        _ => (TicketCommand)new SimpleCommand(kind),
    }) with { Note = "because" };
}
