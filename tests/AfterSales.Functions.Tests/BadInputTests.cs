using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Inputs that once reached a handler half-read and failed on the server: each must now be a 4xx ProblemDetails
/// naming the field and saying what to do, with nothing stored — in Development as in Production.
/// </summary>
public sealed class BadInputTests(AzuriteFixture azurite, SharedApp shared) : IClassFixture<AzuriteFixture>, IClassFixture<SharedApp>
{
    private readonly AppFactory _app = shared.App;

    [Theory]
    [InlineData("skills", "[null]", "skills[0]")]
    [InlineData("regions", "[null]", "regions[0]")]
    [InlineData("leave", "[null]", "leave[0]")]
    [InlineData("certifications", "[null]", "certifications[0]")]
    [InlineData("duty", "{\"mon\":[null]}", "duty.mon[0]")]
    [InlineData("duty", "{\"mon\":null}", "duty")]
    public async Task Engineer_NullInsideAList_Is400NamingTheItem(string field, string value, string named)
    {
        var body = TeamRequests.Engineer("null-engineer");
        body[field] = JsonNode.Parse(value);

        var response = await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", body);

        await AssertFieldAsync(response, named);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientAs(Roles.Supervisor).GetAsync("/api/engineers/null-engineer")).StatusCode);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("li\u202Egnog")]
    [InlineData("li/gong")]
    [InlineData("li gong")]
    public async Task Engineer_IdOutsideTheSignInCharacterSet_Is400NamingId_AndNothingJoinsThePool(string id)
    {
        var body = TeamRequests.Engineer("placeholder");
        body["id"] = id;

        var response = await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", body);

        var problem = await AssertFieldAsync(response, "id");
        Assert.Contains("letters A-Z", problem["errors"]!["id"]![0]!.ToString(), StringComparison.Ordinal);
        var pool = await _app.ClientAs(Roles.Supervisor).GetStringAsync("/api/engineers");
        Assert.DoesNotContain("placeholder", pool, StringComparison.Ordinal);
        Assert.DoesNotContain("gnog", pool, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AS-99991231-00001")]
    [InlineData("AS-00010101-00001")]
    [InlineData("AS-19700101-00001")]
    public async Task ATicketNumberNoTicketCanHave_Is404_OnTheApiAndTheConsole(string number)
    {
        foreach (var path in new[] { "", "/history", "/sms", "/workflow", "/confirmations", "/candidates" })
        {
            var response = await _app.ClientAs(Roles.Manager).GetAsync($"/api/tickets/{number}{path}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var command = await _app.ClientAs(Roles.Manager).PostAsJsonAsync($"/api/tickets/{number}/close", new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, command.StatusCode);
    }

    [Fact]
    public async Task ANonCanonicalNumber_FindsNoTicket()
    {
        var number = await NewTicketAsync();
        var parts = number.Split('-');

        var padded = await _app.ClientAs(Roles.Agent).GetAsync($"/api/tickets/{parts[0]}-{parts[1]}-0{parts[2]}");

        Assert.Equal(HttpStatusCode.NotFound, padded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientAs(Roles.Agent).GetAsync($"/api/tickets/{number}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/tickets?pageSize=abc", "pageSize")]
    [InlineData("/api/tickets?pageSize=1e9", "pageSize")]
    [InlineData("/api/tickets?pageSize=%00", "pageSize")]
    [InlineData("/api/tickets?pageSize=-1", "pageSize")]
    [InlineData("/api/sms?pageSize=%D9%A1", "pageSize")] // an Arabic-Indic digit one
    [InlineData("/api/admin/workflows?pageSize=abc", "pageSize")]
    public async Task AQueryParameterThatIsNotANumber_Is400NamingIt(string url, string field)
    {
        var response = await _app.ClientAs(Roles.Manager).GetAsync(url);

        await AssertFieldAsync(response, field);
        Assert.DoesNotContain(_app.Logs, l => l.Contains('\0', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_NullCompensation_Is400NamingTheItem()
    {
        var number = await NewTicketAsync();

        var response = await _app.ClientAs(Roles.Engineer).SendAsync(Json(HttpMethod.Post, $"/api/tickets/{number}/resolve", "{\"outcome\":\"complaintResolved\",\"solution\":\"x\",\"compensation\":[null]}"));

        await AssertFieldAsync(response, "compensation[0]");
    }

    [Theory]
    [InlineData("{\"start\":\"9999-12-31T23:59:59+00:00\",\"add\":{\"minutes\":90}}", "start")]
    [InlineData("{\"start\":\"0001-01-01T00:00:00+00:00\",\"add\":{\"workingDays\":1}}", "start")]
    public async Task SlaPreview_InstantOutsideTheSupportedYears_Is400(string body, string field)
    {
        var response = await _app.ClientAs(Roles.Manager).SendAsync(Json(HttpMethod.Post, "/api/sla/preview", body));

        var problem = await AssertFieldAsync(response, field);
        Assert.Contains("2000-2099", problem["errors"]![field]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appointment_InTheYear9999_Is400()
    {
        var number = await NewTicketAsync();

        var response = await _app.ClientAs(Roles.Engineer).PostAsJsonAsync($"/api/tickets/{number}/appointment", new { from = "9999-12-31T10:00:00+08:00", to = "9999-12-31T12:00:00+08:00", mode = "onSite" });

        await AssertFieldAsync(response, "from");
    }

    [Fact]
    public async Task TicketList_DateOutsideTheSupportedYears_Is400()
    {
        var response = await _app.ClientAs(Roles.Manager).GetAsync("/api/tickets?receivedTo=9999-12-31");

        await AssertFieldAsync(response, "receivedTo");
    }

    [Theory]
    [InlineData("/api/tickets")]
    [InlineData("/api/engineers")]
    [InlineData("/api/purchases")]
    [InlineData("/api/sla/preview")]
    public async Task InvalidUtf8InAString_Is400NamingTheField(string path)
    {
        byte[] body = [.. "{\"customer\":{\"name\":\"张"u8, 0xFF, 0xFE, .. "\"}}"u8];
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _app.ClientAs(Roles.Manager).SendAsync(request);

        var problem = await AssertFieldAsync(response, "customer.name");
        Assert.Contains("UTF-8", problem["errors"]!["customer.name"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task TypeMismatchInvalidJsonAndEmptyBody_Are400_InEveryEnvironment(string environment)
    {
        using var app = new AppFactory(azurite, builder => builder.UseEnvironment(environment));
        var supervisor = app.ClientAs(Roles.Supervisor);
        foreach (var path in new[] { "/api/engineers", "/api/purchases" })
        {
            await AssertFieldAsync(await supervisor.SendAsync(Json(HttpMethod.Post, path, "{\"maxConcurrent\":\"many\",\"customer\":\"张\"}")), path.EndsWith("engineers", StringComparison.Ordinal) ? "maxConcurrent" : "customer");
            await AssertFieldAsync(await supervisor.SendAsync(Json(HttpMethod.Post, path, "{\"name\":")), "body");
            await AssertFieldAsync(await supervisor.SendAsync(Json(HttpMethod.Post, path, string.Empty)), "body");
        }
    }

    [Fact]
    public async Task WrongType_SaysWhatWasExpected_NotThatTheJsonIsInvalid()
    {
        var body = TicketRequests.Valid();
        body["customer"] = "张";

        var response = await _app.ClientAs(Roles.Agent).PostTicketAsync(body);

        var problem = await AssertFieldAsync(response, "customer");
        var message = problem["errors"]!["customer"]![0]!.ToString();
        Assert.Contains("an object", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not valid JSON", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingContentType_Is415SayingWhichHeaderToSend()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(TicketRequests.Valid().ToJsonString())) };

        var response = await _app.ClientAs(Roles.Agent).SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Content-Type: application/json", (await response.JsonAsync())["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePurchaseAgain_WithCorrectedDetails_Is409NamingThem_NotARetryableFault()
    {
        var agent = _app.ClientAs(Roles.Agent);
        var purchase = new JsonObject
        {
            ["customer"] = new JsonObject { ["name"] = "王芳", ["title"] = "ms", ["phone"] = "13700007777", ["address"] = "上海市静安区南京西路1号" },
            ["product"] = new JsonObject { ["model"] = "KFR-35GW", ["serialNumber"] = "SN-0001", ["purchaseDate"] = "2026-11-24", ["warrantyStatus"] = "inWarranty" },
            ["channel"] = "walkIn",
            ["store"] = "南京西路店",
        };
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/purchases", purchase)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync("/api/purchases", purchase)).StatusCode);

        purchase["customer"]!["name"] = "王芳芳";
        purchase["customer"]!["address"] = "上海市静安区南京西路2号";
        var corrected = await agent.PostAsJsonAsync("/api/purchases", purchase);

        Assert.Equal(HttpStatusCode.Conflict, corrected.StatusCode);
        var problem = await corrected.JsonAsync();
        Assert.Equal(["customer.name", "customer.address"], problem["fields"]!.AsArray().Select(f => f!.ToString()));
        Assert.DoesNotContain("Retry", problem["detail"]!.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> NewTicketAsync() =>
        (await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static async Task<JsonObject> AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.True(problem["errors"]?[field] is not null, $"no error for {field}: {text}");
        return problem;
    }
}
