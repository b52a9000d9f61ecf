using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Calendars;
using static AfterSales.Domain.Tests.Workflows;

namespace AfterSales.Domain.Tests;

public sealed class SlaClockTests
{
    private static readonly DateTimeOffset Monday10 = At("2026-11-23T10:00:00+08:00");

    [Fact]
    public void Register_UrgentRepair_StartsTheUrgentClocks()
    {
        var (ticket, events) = Register(Monday10, Intake("设备冒烟，已停机"));

        Assert.Equal(TicketStatus.Classified, ticket.Status);
        Assert.Equal(ClockOutcome.Met, Clock(ticket, "registration").Outcome);
        Assert.Equal(At("2026-11-23T10:30:00+08:00"), Clock(ticket, "assignment").DueAt);
        Assert.Equal(At("2026-11-23T12:00:00+08:00"), Clock(ticket, "urgent-response").DueAt);
        Assert.Equal(At("2026-11-24T10:00:00+08:00"), Clock(ticket, "urgent-resolution").DueAt);
        Assert.Equal(["TicketReceived", "TicketClassified"], events.Select(e => e.Type).ToArray());
        Assert.Contains(events[0].Data.Clocks!, c => c is { Target: "urgent-resolution", Change: ClockChangeKind.Started });
    }

    [Fact]
    public void PauseForParts_StopsTheBusinessClock_AndResumeMovesTheDeadlineByThePausedBusinessTime()
    {
        var ticket = Accepted(Register(Monday10).Ticket, Monday10.AddMinutes(20));
        Assert.Equal(At("2026-11-26T10:00:00+08:00"), Clock(ticket, "normal-resolution").DueAt);
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Start), StaffRoles.Engineer, At("2026-11-23T11:00:00+08:00"));

        ticket = Decided(ticket, new PauseService(PauseReason.Parts), StaffRoles.Engineer, At("2026-11-24T10:00:00+08:00"));
        var whilePaused = Workflow.Clocks.Read(Clock(ticket, "normal-resolution"), At("2026-11-24T15:00:00+08:00"));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Resume), StaffRoles.Engineer, At("2026-11-25T10:00:00+08:00"));

        Assert.Equal(ClockState.Paused, whilePaused.State);
        Assert.Equal(TimeSpan.FromHours(16), whilePaused.Remaining);
        Assert.Null(whilePaused.Clock.DueAt);
        var resumed = Clock(ticket, "normal-resolution");
        Assert.Equal(At("2026-11-27T10:00:00+08:00"), resumed.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), Workflow.Clocks.Read(resumed, At("2026-11-25T10:00:00+08:00")).Paused);
    }

    [Fact]
    public void PauseOverAWeekend_CountsOnlyTheBusinessHoursOfThePause()
    {
        var friday = At("2026-11-27T10:00:00+08:00");
        var ticket = Accepted(Register(friday).Ticket, friday.AddMinutes(20));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Start), StaffRoles.Engineer, friday.AddHours(1));
        Assert.Equal(At("2026-12-02T10:00:00+08:00"), Clock(ticket, "normal-resolution").DueAt);

        ticket = Decided(ticket, new PauseService(PauseReason.Customer), StaffRoles.Agent, At("2026-11-27T17:00:00+08:00"));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Resume), StaffRoles.Agent, At("2026-11-30T10:00:00+08:00"));

        // Two business hours paused (Fri 17-18, Mon 9-10): due Wed 10:00 + 2 h = 12:00, a closing time, which is the deadline.
        Assert.Equal(At("2026-12-02T12:00:00+08:00"), Clock(ticket, "normal-resolution").DueAt);
    }

    [Fact]
    public void PauseOfAnElapsedClock_MovesItsDeadlineByTheWallClockPause()
    {
        var ticket = Accepted(Register(Monday10, Intake("设备冒烟")).Ticket, Monday10.AddMinutes(10));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Start), StaffRoles.Engineer, Monday10.AddMinutes(20));

        ticket = Decided(ticket, new PauseService(PauseReason.Customer), StaffRoles.Engineer, Monday10.AddHours(1));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Resume), StaffRoles.Engineer, Monday10.AddHours(5));

        Assert.Equal(At("2026-11-24T14:00:00+08:00"), Clock(ticket, "urgent-resolution").DueAt);
    }

    [Theory]
    [InlineData("2026-11-23T11:00:00+08:00", ClockOutcome.Met)]
    [InlineData("2026-11-24T10:00:00+08:00", ClockOutcome.Met)]
    [InlineData("2026-11-24T10:00:01+08:00", ClockOutcome.Breached)]
    public void Accept_StopsTheResponseClock_MetUpToAndIncludingTheDeadline(string acceptedAt, ClockOutcome expected)
    {
        var ticket = Accepted(Register(Monday10).Ticket, At(acceptedAt));

        var response = Clock(ticket, "normal-response");
        Assert.Equal(expected, response.Outcome);
        Assert.Equal(At(acceptedAt), response.StoppedAt);
    }

    [Theory]
    [InlineData("2026-11-23T09:30:00+08:00", "2026-11-23T10:00:00+08:00", ClockOutcome.Breached)]
    [InlineData("2026-11-22T20:00:00+08:00", "2026-11-23T09:05:00+08:00", ClockOutcome.Met)]
    [InlineData("2026-11-23T09:50:00+08:00", "2026-11-23T10:00:00+08:00", ClockOutcome.Met)]
    public void Registration_CountsBusinessMinutesFromTheCustomersContact(string contacted, string registered, ClockOutcome expected)
    {
        var (ticket, _) = Register(At(registered), Intake(contactedAt: At(contacted)));

        Assert.Equal(expected, Clock(ticket, "registration").Outcome);
    }

    [Fact]
    public void Reclassify_NormalToUrgent_ReplansTheRunningClocksFromTheirStart()
    {
        var (ticket, _) = Register(Monday10);

        var outcome = Workflow.Decide(ticket, new ClassifyTicket(TicketType.Repair, "硬件故障", Urgency.Urgent) { Note = "生产线停机" },
            new Actor("sup", StaffRoles.Supervisor), Monday10.AddMinutes(30));

        var accepted = Assert.IsType<CommandOutcome.Accepted>(outcome);
        var replanned = accepted.Ticket;
        Assert.Equal(At("2026-11-24T10:00:00+08:00"), Clock(replanned, "urgent-resolution").DueAt);
        Assert.Equal(At("2026-11-23T12:00:00+08:00"), Clock(replanned, "urgent-response").DueAt);
        Assert.DoesNotContain(replanned.Clocks, c => c.Target.StartsWith("normal-", StringComparison.Ordinal));
        Assert.Contains(accepted.Events[0].Data.Clocks!, c => c is { Target: "urgent-resolution", Change: ClockChangeKind.Replanned });
    }

    [Fact]
    public void Classify_RoutineWithoutType_ThenRepair_StartsTheResolutionClockFromRegistration()
    {
        var (ticket, _) = Register(Monday10, Intake("空调保养"));
        Assert.Equal(TicketStatus.Received, ticket.Status);
        Assert.DoesNotContain(ticket.Clocks, c => c.Kind == SlaKind.Resolution);
        Assert.Equal(At("2026-11-26T10:00:00+08:00"), Clock(ticket, "routine-response").DueAt);

        ticket = Decided(ticket, new ClassifyTicket(TicketType.Repair, "硬件故障", Urgency.Normal), StaffRoles.Supervisor, Monday10.AddHours(1));

        Assert.Equal(TicketStatus.Classified, ticket.Status);
        Assert.Equal(Monday10, Clock(ticket, "normal-resolution").StartedAt);
        Assert.Equal(At("2026-11-26T10:00:00+08:00"), Clock(ticket, "normal-resolution").DueAt);
        Assert.Equal(At("2026-11-24T10:00:00+08:00"), Clock(ticket, "normal-response").DueAt);
    }

    [Fact]
    public void Complaint_RunsTheComplaintTargets()
    {
        var (ticket, _) = Register(Monday10, Intake("我要投诉上门服务态度"));

        Assert.Equal(TicketType.Complaint, ticket.Classification!.Type);
        Assert.Equal(At("2026-11-24T10:00:00+08:00"), Clock(ticket, "complaint-first-feedback").DueAt);
        Assert.Equal(At("2026-11-30T10:00:00+08:00"), Clock(ticket, "complaint-resolution").DueAt);
    }

    [Fact]
    public void ResolveReportConfirm_RunTheFeedbackAndConfirmationLimits()
    {
        var ticket = Accepted(Register(Monday10).Ticket, Monday10.AddMinutes(20));
        ticket = Decided(ticket, new RecordResult(TicketCommandKind.Resolve, "更换压缩机电容"), StaffRoles.Engineer, At("2026-11-24T17:30:00+08:00"));
        Assert.Equal(ClockOutcome.Met, Clock(ticket, "normal-resolution").Outcome);
        Assert.Equal(At("2026-11-25T10:30:00+08:00"), Clock(ticket, "result-feedback").DueAt);

        ticket = Decided(ticket, new RecordResult(TicketCommandKind.ReportResult, "已电话告知客户"), StaffRoles.Agent, At("2026-11-25T10:00:00+08:00"));
        Assert.Equal(ClockOutcome.Met, Clock(ticket, "result-feedback").Outcome);
        Assert.Equal(At("2026-11-26T10:00:00+08:00"), Clock(ticket, "customer-confirmation").DueAt);

        ticket = Decided(ticket, new ConfirmResult(ConfirmationRating.BasicallySatisfied), StaffRoles.Agent, At("2026-11-26T11:00:00+08:00"));
        Assert.Equal(ClockOutcome.Breached, Clock(ticket, "customer-confirmation").Outcome);
        Assert.All(ticket.Clocks, c => Assert.False(c.IsActive));
    }

    [Fact]
    public void Cancel_StopsEveryRunningClockWithoutCounting()
    {
        var (ticket, _) = Register(Monday10);

        ticket = Decided(ticket, new CancelTicket(CancelReason.Withdrawn, null), StaffRoles.Agent, Monday10.AddMinutes(5));

        Assert.All(ticket.Clocks.Where(c => c.Kind != SlaKind.Registration), c => Assert.Equal(ClockOutcome.Cancelled, c.Outcome));
        Assert.All(Workflow.ReadClocks(ticket, Monday10.AddDays(9)).Where(r => r.Clock.Kind != SlaKind.Registration), r => Assert.Equal(ClockState.NotCounted, r.State));
    }

    [Theory]
    [InlineData(95, ClockState.Running)]
    [InlineData(96, ClockState.AtRisk)]
    [InlineData(120, ClockState.AtRisk)]
    [InlineData(121, ClockState.Breached)]
    public void Read_IsAtRiskFromTheWarningShare_AndBreachedPastTheDeadline(int minutesLater, ClockState expected)
    {
        var (ticket, _) = Register(Monday10, Intake("设备冒烟"));

        var reading = Workflow.Clocks.Read(Clock(ticket, "urgent-response"), Monday10.AddMinutes(minutesLater));

        Assert.Equal(expected, reading.State);
        Assert.Equal(TimeSpan.FromMinutes(120 - minutesLater), reading.Remaining);
        Assert.Equal(At("2026-11-23T11:36:00+08:00"), reading.Clock.WarningAt);
    }

    private static Ticket Accepted(Ticket ticket, DateTimeOffset at)
    {
        ticket = Decided(ticket, new AssignTicket(Engineer) { Note = "空调组" }, StaffRoles.Supervisor, at.AddMinutes(-5));
        return Decided(ticket, new SimpleCommand(TicketCommandKind.Accept), StaffRoles.Engineer, at);
    }
}
