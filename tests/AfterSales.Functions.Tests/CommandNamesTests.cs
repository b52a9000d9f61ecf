using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Domain.Lifecycle;
using AfterSales.Functions.Api;
using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>One name per command — the one in its URL — wherever a command is named; and "allowed" means allowed.</summary>
public sealed class CommandNamesTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly AppFactory _app = new(azurite);

    public void Dispose() => _app.Dispose();

    [Fact]
    public void EveryCommandStaffMayGive_IsNamedAsItsUrl()
    {
        var staffCommands = TicketLifecycle.Table
            .Where(t => t.Roles.Any(r => r is not (StaffRoles.System or StaffRoles.Customer)))
            .Select(t => TicketLifecycle.Name(t.Command))
            .ToHashSet();

        Assert.Empty(staffCommands.Except(TicketCommandsApi.Routes));
        Assert.All(Enum.GetValues<TicketCommandKind>(), k => Assert.Matches("^[a-z]+(-[a-z]+)*$", TicketLifecycle.Name(k)));
    }

    [Fact]
    public void TheLifecycleDoc_UsesTheUrlNames()
    {
        var doc = File.ReadAllText(Path.Combine(FunctionCatalogTests.RepositoryRoot(), "docs", "lifecycle.md"));

        foreach (var old in new[] { "approveQuote", "proposeQuote", "recordVisit", ": appoint ", "pauseForCustomer", "startFollowUp", "reportResult" })
        {
            Assert.DoesNotContain(old, doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownCommand_Is404ListingTheCommands()
    {
        var number = await NewTicketAsync();

        var response = await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync($"/api/tickets/{number}/approveQuote", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Contains("approve-quote", problem["commands"]!.AsArray().Select(c => c!.ToString()));
        Assert.Contains("approve-quote", problem["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowedCommands_AreUrlNames_AndNoneIsRefusedByTheTicketsState()
    {
        var number = await NewTicketAsync();
        var ticket = await _app.ClientAs(Roles.Agent).GetFromJsonAsync<JsonObject>($"/api/tickets/{number}");

        var allowed = ticket!["allowedCommands"]!.AsArray().Select(c => c!.ToString()).ToList();

        Assert.Equal(["classify", "assign", "cancel"], allowed);
        Assert.All(allowed, c => Assert.Contains(c, TicketCommandsApi.Routes));
        var refused = await _app.ClientAs(Roles.FollowUp).CommandAsync(number, "start-follow-up");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // a repair is served before it is followed up: not listed, and refused
        Assert.NotNull((await refused.JsonAsync())["errors"]!["type"]);
    }

    [Fact]
    public async Task AStatedFollowUpType_WinsOverKeywords_AndTheRulesSuggestionIsKeptBeside()
    {
        var request = TicketRequests.Valid("投诉：空调无法开机");
        request["type"] = "followUp";
        request["tag"] = "回访";

        var created = await (await _app.ClientAs(Roles.Agent).PostTicketAsync(request)).JsonAsync();

        Assert.Equal("followUp", created["classification"]!["type"]!.ToString());
        Assert.Equal("requested", created["classification"]!["typeRule"]!.ToString());
        Assert.NotEqual("followUp", created["computedClassification"]!["type"]!.ToString());
        Assert.Equal("followUp", created["status"]!.ToString()); // a follow-up visit goes straight to the follow-up queue
        Assert.Contains("survey", created["allowedCommands"]!.AsArray().Select(c => c!.ToString()));
    }

    [Fact]
    public async Task AVisitBeforeTheRequestArrived_Is400()
    {
        var flow = new ServiceFlow(_app, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        await flow.RegisterAsync();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");

        var response = await flow.Engineer.CommandAsync(flow.Number, "visits", new
        {
            startedAt = "2020-01-01T09:00:00+08:00", endedAt = "2020-01-01T10:00:00+08:00", mode = "onSite", findings = "x", measures = "y",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["startedAt"]);
    }

    private async Task<string> NewTicketAsync() =>
        (await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
}
