using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests;

public class TicketReceiveTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 30, 0, TimeSpan.Zero); // 10:30 in Shanghai
    private static readonly Actor Agent = new("li.na", "agent");

    private static TicketIntake Intake() => new(
        new Customer("王", CustomerTitle.Ms, PhoneNumber.FromE164("+8613812345678"), "北京市朝阳区建国路1号"),
        new Product("WM-800", null, new DateOnly(2025, 1, 5), WarrantyStatus.InWarranty),
        Channel.Wechat,
        TicketType.Repair,
        "硬件故障",
        new ProblemDescription("洗衣机不脱水", "每次", null),
        Urgency.Normal,
        null);

    [Fact]
    public void Receive_CreatesReceivedTicketAtVersionOne_WithItsFirstEvent()
    {
        var id = TicketId.Create(Now, new byte[10]);
        var number = TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 7);

        var (ticket, received) = Ticket.Receive(id, number, Intake(), Agent, Now, Shanghai);

        Assert.Equal(TicketStatus.Received, ticket.Status);
        Assert.Equal(1, ticket.Version);
        Assert.Equal(Now, ticket.ReceivedAt);
        Assert.Equal(Agent, ticket.ReceivedBy);
        Assert.Equal(1, received.Sequence);
        Assert.Equal(Now, received.OccurredAt);
        var data = Assert.IsType<TicketReceived>(received.Data);
        Assert.Equal("AS-20261123-00007", data.Number);
        Assert.Equal(Channel.Wechat, data.Channel);
        Assert.Equal("硬件故障", data.RequestedTag);
    }

    [Fact]
    public void Receive_EventCarriesNoContactDetails()
    {
        var (_, received) = Ticket.Receive(
            TicketId.Create(Now, new byte[10]), TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 1), Intake(), Agent, Now, Shanghai);

        var text = received.Data.ToString();
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("建国路", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_NumberOfAnotherBusinessDay_Throws()
    {
        // 2026-11-23T17:00Z is already the 24th in Shanghai.
        var late = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
        Assert.Throws<ArgumentException>(() => Ticket.Receive(
            TicketId.Create(late, new byte[10]), TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 1), Intake(), Agent, late, Shanghai));
    }

    [Fact]
    public void Receive_IdOfAnotherInstant_Throws()
    {
        Assert.Throws<ArgumentException>(() => Ticket.Receive(
            TicketId.Create(Now.AddSeconds(-5), new byte[10]), TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 1), Intake(), Agent, Now, Shanghai));
    }

    [Theory]
    [InlineData(CustomerTitle.Mr, "王先生")]
    [InlineData(CustomerTitle.Ms, "王女士")]
    [InlineData(null, "王")]
    public void Salutation_FollowsTitle(CustomerTitle? title, string expected)
    {
        Assert.Equal(expected, new Customer("王", title, PhoneNumber.FromE164("+8613812345678"), null).Salutation);
    }
}
