using AfterSales.Application.Access;
using System.Net;

namespace AfterSales.Functions.Tests;

public sealed class AuthTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly AppFactory _app = shared.App;

    [Theory]
    [InlineData("GET", "/api/tickets")]
    [InlineData("GET", "/api/tickets/AS-20261123-00001")]
    [InlineData("GET", "/api/tickets/AS-20261123-00001/history")]
    [InlineData("POST", "/api/tickets")]
    public async Task StaffEndpoints_WithoutCredentials_Return401Problem(string method, string path)
    {
        var response = await _app.ClientAs(null).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("x-api-key", (await response.JsonAsync())["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApiKey_Returns401()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", "not-a-key-of-this-app");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Agent, HttpStatusCode.Created)]
    [InlineData(Roles.Supervisor, HttpStatusCode.Created)]
    [InlineData(Roles.Manager, HttpStatusCode.Created)]
    [InlineData(Roles.Integration, HttpStatusCode.Created)]
    [InlineData(Roles.Engineer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.FollowUp, HttpStatusCode.Forbidden)]
    public async Task Intake_IsForRolesThatRegisterRequests(string role, HttpStatusCode expected)
    {
        var response = await _app.ClientAs(role).PostTicketAsync(TicketRequests.Valid());

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Reading_IsOpenToEveryStaffRole(string role)
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientAs(role).GetAsync("/api/tickets")).StatusCode);
    }

    public static TheoryData<string> AllRoles() => new(Roles.All);

    [Fact]
    public async Task HealthAndOpenApi_AreAnonymous()
    {
        var client = _app.ClientAs(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        var openApi = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await openApi.JsonAsync();
        Assert.NotNull(document["paths"]!["/api/tickets"]);
        Assert.NotNull(document["components"]!["securitySchemes"]!["ApiKey"]);
    }
}
