using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Calendars;
using static AfterSales.Domain.Tests.Workflows;

namespace AfterSales.Domain.Tests;

/// <summary>Dispatch state, quotes, visits, results and confirmations as the workflow decides them.</summary>
public sealed class ServiceWorkflowTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23T10:00:00+08:00");
    private static readonly QuoteLine Capacitor = new("CAP-35", "启动电容", 1, 85m);

    /// <summary>A ticket in service for a product out of warranty: charges need a quote, not a reason.</summary>
    private static Ticket InService()
    {
        var (ticket, _) = Register(Now, Intake() with { Product = Intake().Product with { Warranty = WarrantyStatus.OutOfWarranty } });
        ticket = Decided(ticket, new AssignTicket(Engineer) { Note = "空调组", AcceptBy = Now.AddMinutes(30) }, StaffRoles.Supervisor, Now);
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Accept), StaffRoles.Engineer, Now.AddMinutes(5));
        return Decided(ticket, new SimpleCommand(TicketCommandKind.Start), StaffRoles.Engineer, Now.AddHours(1));
    }

    [Fact]
    public void Charges_ForAProductUnderWarranty_NeedAReason()
    {
        var (registered, _) = Register(Now);
        var ticket = Decided(registered, new AssignTicket(Engineer) { Note = "空调组", AcceptBy = Now.AddMinutes(30) }, StaffRoles.Supervisor, Now);
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Accept), StaffRoles.Engineer, Now.AddMinutes(5));
        ticket = Decided(ticket, new SimpleCommand(TicketCommandKind.Start), StaffRoles.Engineer, Now.AddHours(1));

        Assert.Equal("chargeReason", Invalid(ticket, new ProposeQuote([Capacitor], 40m, "更换电容", "无")).Field);
        var quoted = Decided(ticket, new ProposeQuote([Capacitor], 40m, "更换电容", "无") { ChargeReason = "人为损坏" }, StaffRoles.Engineer, Now.AddHours(2));
        Assert.Equal("人为损坏", quoted.Quotes[^1].ChargeReason);
        Assert.IsType<CommandOutcome.Accepted>(Workflow.Decide(ticket, Visit(0), new Actor(Engineer, StaffRoles.Engineer), Now.AddHours(3)));
    }

    private static RecordVisit Visit(decimal unitPrice, decimal labour = 0) =>
        new(Now.AddHours(1), Now.AddHours(2), ServiceMode.OnSite, "电容坏", "更换", [new PartUsed("CAP-35", "启动电容", 1, unitPrice, true, true)], new Labour(1, labour), null);

    private static CommandOutcome.Invalid Invalid(Ticket ticket, TicketCommand command, string role = StaffRoles.Engineer) =>
        Assert.IsType<CommandOutcome.Invalid>(Workflow.Decide(ticket, command, new Actor(role == StaffRoles.Engineer ? Engineer : role, role), Now.AddHours(3)));

    [Theory]
    [InlineData(0, 0, true)]      // under warranty: nothing to approve
    [InlineData(85, 0, false)]    // a chargeable part without a quote
    [InlineData(0, 50, false)]    // chargeable labour without a quote
    public void RecordVisit_ChargesNeedAnApprovedQuote(decimal unitPrice, decimal labour, bool allowed)
    {
        var outcome = Workflow.Decide(InService(), Visit(unitPrice, labour), new Actor(Engineer, StaffRoles.Engineer), Now.AddHours(3));

        Assert.Equal(allowed, outcome is CommandOutcome.Accepted);
        if (!allowed)
        {
            Assert.Equal("parts", Assert.IsType<CommandOutcome.Invalid>(outcome).Field);
        }
    }

    [Fact]
    public void Quote_Approved_CoversChargesUpToItsTotal_AndNotBeyond()
    {
        var ticket = Decided(InService(), new ProposeQuote([Capacitor], 40m, "更换电容", "无"), StaffRoles.Engineer, Now.AddHours(2));
        Assert.Equal(TicketStatus.WaitingForApproval, ticket.Status);
        ticket = Decided(ticket, new AnswerQuote(true, 1, "同意"), StaffRoles.Customer, Now.AddHours(2), "customer");
        Assert.Equal((TicketStatus.InService, QuoteStatus.Approved, 125m), (ticket.Status, ticket.Quotes[0].Status, ticket.Quotes[0].Total));

        ticket = Decided(ticket, Visit(85m, 40m), StaffRoles.Engineer, Now.AddHours(3));

        Assert.Equal(125m, ticket.Visits.Single().Charge);
        Assert.Equal("parts", Invalid(ticket, Visit(1m)).Field);
    }

    [Fact]
    public void Quote_WithoutAPrice_PlanOrRisks_IsInvalid()
    {
        Assert.Equal("parts", Invalid(InService(), new ProposeQuote([Capacitor with { UnitPrice = 0 }], 0, "x", "y")).Field);
        Assert.Equal("plan", Invalid(InService(), new ProposeQuote([Capacitor], 0, " ", "y")).Field);
        Assert.Equal("risks", Invalid(InService(), new ProposeQuote([Capacitor], 0, "x", "")).Field);
    }

    [Fact]
    public void AnswerQuote_ForAnOlderQuote_IsInvalid()
    {
        var ticket = Decided(InService(), new ProposeQuote([Capacitor], 0, "x", "y"), StaffRoles.Engineer, Now.AddHours(2));

        Assert.Equal("quote", Invalid(ticket, new AnswerQuote(true, 7, null), StaffRoles.Customer).Field);
    }

    public static TheoryData<string, ServiceResult, bool, string?> Results => new()
    {
        { "repaired after refusal", Result(ServiceOutcome.Repaired), true, "outcome" },
        { "not repaired after refusal", Result(ServiceOutcome.NotRepairedQuoteRefused), true, null },
        { "not repaired, nothing refused", Result(ServiceOutcome.NotRepairedQuoteRefused), false, "outcome" },
        { "repair without cause", Result(ServiceOutcome.Repaired) with { Cause = null }, false, "cause" },
        { "without solution", Result(ServiceOutcome.Repaired) with { Solution = " " }, false, "solution" },
        { "repaired", Result(ServiceOutcome.Repaired), false, null },
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void Resolve_TheResultMustFitTheTicket(string why, ServiceResult result, bool refusedQuote, string? invalidField)
    {
        var ticket = InService();
        if (refusedQuote)
        {
            ticket = Decided(ticket, new ProposeQuote([Capacitor], 0, "x", "y"), StaffRoles.Engineer, Now.AddHours(2));
            ticket = Decided(ticket, new AnswerQuote(false, 1, "太贵"), StaffRoles.Customer, Now.AddHours(2), "customer");
        }

        var outcome = Workflow.Decide(ticket, new RecordResult(TicketCommandKind.Resolve, "x") { Result = result }, new Actor(Engineer, StaffRoles.Engineer), Now.AddHours(3));

        Assert.Equal(invalidField, (outcome as CommandOutcome.Invalid)?.Field);
        Assert.NotNull(why);
    }

    [Fact]
    public void Resolve_AComplaint_NeedsItsResolution()
    {
        var ticket = Decided(InService(), new ClassifyTicket(TicketType.Complaint, "服务投诉", Urgency.Normal) { Note = "客户投诉态度" }, StaffRoles.Supervisor, Now.AddHours(2));

        Assert.Equal("complaintResolution", Invalid(ticket, new RecordResult(TicketCommandKind.Resolve, "x") { Result = Result(ServiceOutcome.ComplaintResolved) }).Field);
    }

    [Fact]
    public void DeclineAndLapse_PassTheEngineerOver_LapseOnlyAfterTheDeadline()
    {
        var (registered, _) = Register(Now);
        var offered = Decided(registered, new AssignTicket(Engineer) { Automatic = true, AcceptBy = Now.AddMinutes(10) }, StaffRoles.System, Now);
        var early = Workflow.Decide(offered, new LapseOffer(), Actor.System, Now.AddMinutes(9));
        Assert.Equal("acceptBy", Assert.IsType<CommandOutcome.Invalid>(early).Field);

        var lapsed = Decided(offered, new LapseOffer(), StaffRoles.System, Now.AddMinutes(10));
        Assert.Equal((TicketStatus.Classified, null), (lapsed.Status, lapsed.AssignedTo));
        Assert.Equal([Engineer], lapsed.Dispatch.PassedOver);

        var declined = Decided(offered, new SimpleCommand(TicketCommandKind.Decline) { Note = "在外地" }, StaffRoles.Engineer, Now.AddMinutes(1));
        Assert.Equal([Engineer], declined.Dispatch.PassedOver);
        var queued = Decided(declined, new QueueTicket(Dispatch.Department.Repair, []), StaffRoles.System, Now.AddMinutes(1));
        Assert.Equal(Dispatch.Department.Repair, queued.Dispatch.Queue);
        var assigned = Decided(queued, new AssignTicket("eng-2") { Note = "主管指派" }, StaffRoles.Supervisor, Now.AddMinutes(2));
        Assert.Null(assigned.Dispatch.Queue);
    }

    [Fact]
    public void ConfirmThenReopen_AsOneChain_KeepsTheSignedConfirmationOfRoundOne()
    {
        var ticket = Decided(InService(), new RecordResult(TicketCommandKind.Resolve, "x") { Result = Result(ServiceOutcome.Repaired) }, StaffRoles.Engineer, Now.AddHours(3));
        ticket = Decided(ticket, new RecordResult(TicketCommandKind.ReportResult, "已告知"), StaffRoles.Agent, Now.AddHours(3));
        var signature = new SignatureRef("t/round-1/abc.png", "abc", 1234);

        var outcome = Workflow.DecideAll(ticket,
            [
                (new ConfirmResult(ConfirmationRating.NotSatisfied) { Signature = signature, Round = 1 }, new Actor("customer", StaffRoles.Customer)),
                (new SimpleCommand(TicketCommandKind.Reopen) { Note = "客户不满意" }, Actor.System),
            ],
            Now.AddHours(4));

        var accepted = Assert.IsType<CommandOutcome.Accepted>(outcome);
        Assert.Equal(["TicketConfirmed", "TicketReopened"], accepted.Events.Select(e => e.Type));
        Assert.Equal([ticket.Version + 1, ticket.Version + 2], accepted.Events.Select(e => e.Sequence));
        Assert.Equal((TicketStatus.Reopened, 2, null), (accepted.Ticket.Status, accepted.Ticket.Round, accepted.Ticket.AssignedTo));
        Assert.Equal(signature, accepted.Ticket.Confirmations.Single().Signature);
        Assert.Equal("round", Assert.IsType<CommandOutcome.Invalid>(Workflow.Decide(ticket, new ConfirmResult(ConfirmationRating.Satisfied) { Round = 2 }, new Actor("customer", StaffRoles.Customer), Now)).Field);
    }

    [Theory]
    [InlineData(ConfirmationRating.NotSatisfied, true)]
    [InlineData(ConfirmationRating.BasicallySatisfied, false)]
    [InlineData(ConfirmationRating.Satisfied, false)]
    public void SystemSteps_AfterAConfirmationRecordedByStaff_ReopenOnlyWhenNotSatisfied(ConfirmationRating rating, bool reopens)
    {
        var ticket = Decided(InService(), new RecordResult(TicketCommandKind.Resolve, "x") { Result = Result(ServiceOutcome.Repaired) }, StaffRoles.Engineer, Now.AddHours(3));
        ticket = Decided(ticket, new RecordResult(TicketCommandKind.ReportResult, "已告知"), StaffRoles.Agent, Now.AddHours(3));
        var confirmed = Decided(ticket, new ConfirmResult(rating) { Note = "纸质确认表" }, StaffRoles.Agent, Now.AddHours(4));

        var steps = Workflow.SystemSteps(confirmed, Now.AddHours(4));

        Assert.Equal(reopens, steps.Any(s => s.Command is SimpleCommand { Kind: TicketCommandKind.Reopen } && s.Actor == Actor.System));
        if (reopens)
        {
            var reopened = Assert.IsType<CommandOutcome.Accepted>(Workflow.DecideAll(confirmed, steps, Now.AddHours(4)));
            Assert.Equal((TicketStatus.Reopened, 2), (reopened.Ticket.Status, reopened.Ticket.Round));
        }
    }

    private static ServiceResult Result(ServiceOutcome outcome) => new(outcome, "电容老化", "更换电容", "定期清洗", null, [], 6);
}
