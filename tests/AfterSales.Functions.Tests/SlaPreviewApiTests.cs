using AfterSales.Application.Access;
using System.Net;
using System.Text;

namespace AfterSales.Functions.Tests;

public sealed class SlaPreviewApiTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private const string Week = """{"mon":[["09:00","12:00"],["13:00","18:00"]],"tue":[["09:00","12:00"],["13:00","18:00"]],"wed":[["09:00","12:00"],["13:00","18:00"]],"thu":[["09:00","12:00"],["13:00","18:00"]],"fri":[["09:00","12:00"],["13:00","18:00"]]}""";
    private const string Calendar = $$"""{"timeZone":"Asia/Shanghai","week":{{Week}},"holidays":["2026-10-01","2026-10-02","2026-10-05","2026-10-06","2026-10-07"],"workdays":["2026-10-10"]}""";

    private readonly AppFactory _app = shared.App;

    [Theory]
    [InlineData("the issue's example: 90 minutes end exactly at closing", "2026-09-30T16:30:00+08:00", """{"minutes":90}""", "2026-09-30T18:00:00+08:00")]
    [InlineData("past closing, over the holidays", "2026-09-30T16:30:00+08:00", """{"hours":2}""", "2026-10-08T09:30:00+08:00")]
    [InlineData("working days onto a 调休 Saturday", "2026-10-09T10:00:00+08:00", """{"workingDays":1}""", "2026-10-10T10:00:00+08:00")]
    [InlineData("working days to end of day", "2026-09-30T10:00:00+08:00", """{"workingDays":1,"endOfDay":true}""", "2026-10-08T18:00:00+08:00")]
    [InlineData("start in UTC, answer in the calendar's offset", "2026-11-23T01:00:00Z", """{"minutes":30}""", "2026-11-23T09:30:00+08:00")]
    [InlineData("3 working days before a visit, back over the holidays", "2026-10-09T10:00:00+08:00", """{"workingDays":-3}""", "2026-09-29T10:00:00+08:00")]
    [InlineData("2 hours before, back over the holidays", "2026-10-08T10:00:00+08:00", """{"hours":-2}""", "2026-09-30T17:00:00+08:00")]
    [InlineData("90 minutes back end exactly at an opening", "2026-09-30T10:30:00+08:00", """{"minutes":-90}""", "2026-09-30T09:00:00+08:00")]
    public async Task Preview_WithCalendar_ReturnsTheDeadline(string exercises, string start, string add, string expected)
    {
        var response = await PostAsync($$"""{"calendar":{{Calendar}},"start":"{{start}}","add":{{add}}}""");

        Assert.True(response.StatusCode == HttpStatusCode.OK, exercises);
        var body = await response.JsonAsync();
        Assert.Equal(expected, body["deadline"]!.ToString());
        Assert.Single(body);
    }

    [Fact]
    public async Task Preview_WithoutCalendar_UsesTheConfiguredDefault_WithChinasOfficialHolidays()
    {
        // 2026 National Day: 1-7 October closed, Saturday 10 October worked.
        var response = await PostAsync("""{"start":"2026-09-30T17:00:00+08:00","add":{"hours":2}}""");

        Assert.Equal("2026-10-08T10:00:00+08:00", (await response.JsonAsync())["deadline"]!.ToString());
    }

    [Fact]
    public async Task Preview_EuropeBerlin_AnswersWithTheOffsetInForceAfterTheChange()
    {
        var response = await PostAsync("""{"calendar":{"timeZone":"Europe/Berlin","week":""" + Week + """},"start":"2026-03-27T17:00:00+01:00","add":{"minutes":120}}""");

        Assert.Equal("2026-03-30T10:00:00+02:00", (await response.JsonAsync())["deadline"]!.ToString());
    }

    [Fact]
    public async Task Preview_24_00_MeansEndOfDay_AndMissingWeekdaysAreClosed()
    {
        var response = await PostAsync("""{"calendar":{"timeZone":"Asia/Shanghai","week":{"sat":[["20:00","24:00"]]}},"start":"2026-11-23T00:00:00+08:00","add":{"hours":4}}""");

        Assert.Equal("2026-11-29T00:00:00+08:00", (await response.JsonAsync())["deadline"]!.ToString());
    }

    [Theory]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00"}""", "add")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"minutes":1,"hours":1}}""", "add")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"weeks":1}}""", "add")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"minutes":-1000001}}""", "add.minutes")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"workingDays":-2001}}""", "add.workingDays")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"workingDays":-3,"endOfDay":true}}""", "add.endOfDay")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"hours":"2"}}""", "add.hours")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"workingDays":1.5}}""", "add.workingDays")]
    [InlineData("""{"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5,"endOfDay":true}}""", "add.endOfDay")]
    [InlineData("""{"start":"2026-09-30 16:30","add":{"minutes":5}}""", "start")]
    [InlineData("""{"start":"2026-09-30T16:30:00","add":{"minutes":5}}""", "start")]
    [InlineData("""{"add":{"minutes":5}}""", "start")]
    [InlineData("""{"calendar":{"timeZone":"Mars/Olympus"},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.timeZone")]
    [InlineData("""{"calendar":{"week":{"mon":[["09:00","25:00"]]}},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.week.mon[0]")]
    [InlineData("""{"calendar":{"week":{"mon":[["12:00","09:00"]]}},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.week.mon[0]")]
    [InlineData("""{"calendar":{"week":{"mon":[["09:00","12:00"],["11:00","18:00"]]}},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.week.mon")]
    [InlineData("""{"calendar":{"week":{"monday":[["09:00","12:00"]]}},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.week.monday")]
    [InlineData("""{"calendar":{"week":{}},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.week")]
    [InlineData("""{"calendar":{"holidays":["2026-13-01"]},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.holidays[0]")]
    [InlineData("""{"calendar":{"workdays":["2026-10-08"]},"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""", "calendar.workdays")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{nope""", "body")]
    public async Task Preview_BadInput_Returns400NamingTheField(string body, string field)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for {field}, got {errors.ToJsonString()}");
    }

    [Fact]
    public async Task Preview_NeedsSupervisorOrManager()
    {
        var body = """{"start":"2026-09-30T16:30:00+08:00","add":{"minutes":5}}""";
        foreach (var (role, expected) in new[] { (Roles.Manager, HttpStatusCode.OK), (Roles.Supervisor, HttpStatusCode.OK), (Roles.Agent, HttpStatusCode.Forbidden) })
        {
            var response = await _app.ClientAs(role).PostAsync("/api/sla/preview", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(expected, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ClientAs(null).PostAsync("/api/sla/preview", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _app.ClientAs(Roles.Manager).PostAsync("/api/sla/preview", new StringContent(body, Encoding.UTF8, "application/json"));
}
