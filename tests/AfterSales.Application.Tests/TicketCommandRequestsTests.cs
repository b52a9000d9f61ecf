using AfterSales.Application.Lifecycle;
using AfterSales.Domain.Lifecycle;

namespace AfterSales.Application.Tests;

/// <summary>Commands are read from requests in Application, so every front end names the same fields the same way.</summary>
public sealed class TicketCommandRequestsTests
{
    private static (TicketCommand? Command, string? Reason, Dictionary<string, string[]> Errors) Read(string route, CommandRequest request)
    {
        var errors = new FieldErrors();
        var (command, reason) = TicketCommandRequests.Read(request, TicketCommandRequests.Find(route)!, errors);
        return (command, reason, errors.InEnglish());
    }

    [Fact]
    public void RouteNames_AreUniqueAndLowerKebabCase()
    {
        var routes = TicketCommandRequests.All.Select(c => c.Route).ToList();
        Assert.Equal(routes.Count, routes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(routes, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r));
    }

    [Fact]
    public void AValidAppointment_BecomesTheCommand_WithTheReasonKept()
    {
        var (command, reason, errors) = Read("appointment", new AppointmentRequest
        {
            From = "2026-11-24T09:00:00+08:00", To = "2026-11-24T11:00:00+08:00", Mode = " OnSite ", Reason = "客户上午在家",
        });

        Assert.Empty(errors);
        Assert.Equal("客户上午在家", reason);
        var appointment = Assert.IsType<AgreeAppointment>(command).Appointment;
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), appointment.From);
    }

    [Theory]
    [InlineData("classify", "type")]
    [InlineData("classify", "urgency")]
    [InlineData("appointment", "from")]
    [InlineData("appointment", "mode")]
    [InlineData("quote", "plan")]
    [InlineData("confirm", "rating")]
    [InlineData("cancel", "kind")]
    [InlineData("pause", "waitingFor")]
    public void AMissingField_IsNamed_AndNoCommandIsMade(string route, string field)
    {
        var (command, _, errors) = Read(route, TicketCommandRequests.Find(route)!.Empty());

        Assert.Null(command);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void AWrongPartLine_IsNamedByItsPath()
    {
        var (command, _, errors) = Read("quote", new QuoteRequest
        {
            Plan = "更换压缩机", Risks = "无",
            Parts = [new PartRequest { PartNumber = "P-1", Name = "压缩机", Quantity = 1, UnitPrice = 100 }, new PartRequest { PartNumber = "P-2", Name = "电容", Quantity = 0, UnitPrice = 10 }],
        });

        Assert.Null(command);
        Assert.Contains(errors.Keys, k => k.StartsWith("parts[1].", StringComparison.Ordinal));
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("parts[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownEnumValue_SaysWhatIsAllowed()
    {
        var (_, _, errors) = Read("pause", new PauseRequest { WaitingFor = "weather" });

        Assert.Equal(["'weather' is not allowed; use one of: customer, parts."], errors["waitingFor"]);
    }

    [Theory]
    [InlineData("accept", "reason")]
    [InlineData("close", "reason")]
    [InlineData("assign", "engineer,reason")]
    [InlineData("pause", "reason,waitingFor")]
    [InlineData("report-result", "reason,summary")]
    [InlineData("cancel", "duplicateOf,kind,reason")]
    [InlineData("survey", "reason,survey")]
    public void EachCommand_ReadsARecordWithExactlyItsFields(string route, string fields)
    {
        var type = TicketCommandRequests.Find(route)!.RequestType;
        var names = type.GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(fields.Split(','), names);
    }

    [Fact]
    public void EveryCommandsRecord_IsACommandRequest_AndAnotherCommandsRecordIsRefused()
    {
        Assert.All(TicketCommandRequests.All, c => Assert.True(typeof(CommandRequest).IsAssignableFrom(c.RequestType), c.Route));
        Assert.IsType(TicketCommandRequests.Find("visits")!.RequestType, TicketCommandRequests.Find("visits")!.Empty());

        Assert.Throws<ArgumentException>(() => Read("quote", new PauseRequest { WaitingFor = "parts" }));
    }
}
