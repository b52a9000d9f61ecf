using AfterSales.Application.Access;
using System.Net;
using System.Text.Json.Nodes;
using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

public sealed class TicketListApiTests(AzuriteFixture azurite, SharedApp shared) : IClassFixture<AzuriteFixture>, IClassFixture<SharedApp>
{
    // The list tests count what they stored, so each has an app of its own; the checks of single answers share one.
    private readonly AppFactory _app = shared.App;

    [Fact]
    public async Task List_FollowsNextLinks_ThroughEveryMatchingTicket_OldestFirst()
    {
        await using var app = new AppFactory(azurite);
        var client = app.ClientAs(Roles.Supervisor);
        var phoneIds = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var created = await (await client.PostTicketAsync(TicketRequests.Valid($"问题 {i}", i % 3 == 0 ? "web" : "phone"))).JsonAsync();
            if (i % 3 != 0)
            {
                phoneIds.Add(created["id"]!.ToString());
            }
        }

        var seen = new List<string>();
        string? next = "/api/tickets?channel=phone&status=classified&pageSize=2";
        var pages = 0;
        while (next is not null)
        {
            var page = (await (await client.GetAsync(next)).JsonAsync());
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 0, 2);
            seen.AddRange(items.Select(t => t!["id"]!.ToString()));
            next = page["next"]?.ToString();
            Assert.True(++pages < 10);
        }

        Assert.Equal(phoneIds, seen);
    }

    [Fact]
    public async Task List_ReceivedDateRange_IsInBusinessDates()
    {
        await using var app = new AppFactory(azurite);
        var client = app.ClientAs(Roles.Agent);
        var created = await (await client.PostTicketAsync(TicketRequests.Valid())).JsonAsync();
        var day = created["receivedOn"]!.ToString();
        var nextDay = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var sameDay = await (await client.GetAsync($"/api/tickets?receivedFrom={day}&receivedTo={day}")).JsonAsync();
        var later = await (await client.GetAsync($"/api/tickets?receivedFrom={nextDay}")).JsonAsync();

        Assert.Single(sameDay["items"]!.AsArray());
        Assert.Empty(later["items"]!.AsArray());
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("channel=fax", "channel")]
    [InlineData("receivedFrom=23-11-2026", "receivedFrom")]
    [InlineData("receivedFrom=2026-11-23&receivedTo=2026-11-01", "receivedTo")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("continuationToken=%%%", "continuationToken")]
    public async Task List_InvalidParameter_Returns400NamingIt(string query, string field)
    {
        var response = await _app.ClientAs(Roles.Agent).GetAsync($"/api/tickets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Theory]
    [InlineData(Roles.Agent, false)]
    [InlineData(Roles.Supervisor, false)]
    [InlineData(Roles.Engineer, false)]
    [InlineData(Roles.FollowUp, false)]
    [InlineData(Roles.Manager, true)]
    [InlineData(Roles.Integration, true)]
    public async Task ContactDetails_AreMaskedForRolesThatDoNotCallOrVisit(string role, bool masked)
    {
        var created = await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync();

        var asRole = _app.ClientAs(role);
        var single = await (await asRole.GetAsync($"/api/tickets/{created["id"]}")).JsonAsync();
        var listed = (await (await asRole.GetAsync("/api/tickets")).JsonAsync())["items"]![0]!.AsObject();

        foreach (var ticket in new JsonObject[] { single, listed })
        {
            Assert.Equal(masked, ticket["contactMasked"]!.GetValue<bool>());
            var phone = ticket["customer"]!["phone"]!.ToString();
            var address = ticket["customer"]!["address"]!.ToString();
            Assert.Equal(masked ? "+86 138****5678" : "+8613812345678", phone);
            Assert.Equal(masked, !address.Contains("世纪大道", StringComparison.Ordinal));
        }
    }
}
