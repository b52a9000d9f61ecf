using AfterSales.Domain.Classification;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests;

/// <summary>A workflow on the 2026 China test calendar with the default SLA policy, and ticket builders.</summary>
internal static class Workflows
{
    public const string Engineer = "eng-1";

    public static readonly ClassificationRule[] Rules =
    [
        new("urgent-down", ["停机", "冒烟", "smoke"], Urgency: Urgency.Urgent),
        new("routine-care", ["保养"], Urgency: Urgency.Routine),
        new("complaint", ["投诉", "complaint"], Type: TicketType.Complaint, Tag: "服务投诉"),
        new("repair-hardware", ["冒烟", "不制冷", "停机"], Type: TicketType.Repair, Tag: "硬件故障"),
        new("web-consultation", [], Type: TicketType.Consultation, Tag: "使用咨询", Channels: [Channel.Web]),
    ];

    public static TicketWorkflow Workflow { get; } = new(new SlaClocks(SlaPolicy.Default, Calendars.China2026), new Classifier(Rules));

    public static TicketIntake Intake(string symptom = "空调不制冷", Urgency? stated = null, Channel channel = Channel.Phone, DateTimeOffset? contactedAt = null, TicketType? requested = null) => new(
        new Customer("王", CustomerTitle.Ms, PhoneNumber.FromE164("+8613900001111"), "杭州市西湖区"),
        new Product("AC-9", null, new DateOnly(2025, 5, 1), WarrantyStatus.InWarranty),
        channel,
        requested,
        null,
        new ProblemDescription(symptom, null, null),
        stated,
        null,
        contactedAt);

    public static (Ticket Ticket, IReadOnlyList<TicketEvent> Events) Register(DateTimeOffset at, TicketIntake? intake = null)
    {
        var id = TicketId.Create(at, new byte[10]);
        var number = TicketNumber.Create("AS", Calendars.China2026.LocalDate(at), 1);
        return Workflow.Register(id, number, intake ?? Intake(), new Actor("agent-1", StaffRoles.Agent), at);
    }

    public static Ticket Decided(Ticket ticket, TicketCommand command, string role, DateTimeOffset at, string? name = null)
    {
        var outcome = Workflow.Decide(ticket, command, new Actor(name ?? (role == StaffRoles.Engineer ? Engineer : role + "-1"), role), at);
        return Assert.IsType<CommandOutcome.Accepted>(outcome).Ticket;
    }

    public static SlaClock Clock(Ticket ticket, string target) => ticket.Clocks.Last(c => c.Target == target);
}
