using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

public sealed class TicketLifecycleApiTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    // Monday 23 November 2026, 10:00 in Shanghai.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, time: _time);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task FullLifecycle_FromIntakeToClose_EveryStepInTheHistory_ClocksStopped()
    {
        var number = await NewTicketAsync("空调不制冷", urgency: null);
        var supervisor = App.ClientAs(Roles.Supervisor);
        var engineer = App.ClientAs(Roles.Engineer);
        var agent = App.ClientAs(Roles.Agent);
        var followUp = App.ClientAs(Roles.FollowUp);

        await Step(supervisor, number, "assign", new { engineer = "test-engineer", reason = "空调组" }, "assigned");
        await Step(engineer, number, "accept", null, "accepted");
        await Step(engineer, number, "start", null, "inService");
        await Step(engineer, number, "pause", new { waitingFor = "parts", reason = "等压缩机" }, "waitingForParts");
        _time.Advance(TimeSpan.FromHours(24));
        await Step(engineer, number, "resume", null, "inService");
        await Step(engineer, number, "resolve", new { summary = "更换压缩机" }, "resolved");
        await Step(agent, number, "report-result", new { summary = "已电话告知" }, "awaitingConfirmation");
        await Step(agent, number, "confirm", new { rating = "satisfied" }, "confirmed");
        await Step(followUp, number, "start-follow-up", null, "followUp");
        var closed = await Step(followUp, number, "close", null, "closed");

        Assert.All(closed["clocks"]!.AsArray(), c => Assert.NotNull(c!["stoppedAt"]));
        var history = (await agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/history"))!;
        Assert.Equal(
            ["TicketReceived", "TicketClassified", "TicketQueued", "TicketAssigned", "AssignmentAccepted", "ServiceStarted", "ServicePaused", "ServiceResumed",
             "TicketResolved", "ResultReported", "TicketConfirmed", "FollowUpScheduled", "FollowUpStarted", "TicketClosed"],
            history.Select(e => e!["type"]!.ToString()).ToArray());
        Assert.Equal(Enumerable.Range(1, 14), history.Select(e => e!["sequence"]!.GetValue<int>()));
        Assert.Equal("等压缩机", history[6]!["data"]!["note"]!.ToString());
        Assert.Equal("test-engineer", history[6]!["actor"]!["name"]!.ToString());
        Assert.Contains(history[7]!["data"]!["clocks"]!.AsArray(), c => c!["change"]!.ToString() == "resumed");
    }

    [Fact]
    public async Task Get_ShowsLiveClocks_PausedWhileWaiting_DeadlineMovedAfterResume()
    {
        var number = await NewTicketAsync("空调不制冷", urgency: null);
        var supervisor = App.ClientAs(Roles.Supervisor);
        var engineer = App.ClientAs(Roles.Engineer);
        await Step(supervisor, number, "assign", new { engineer = "test-engineer", reason = "按技能指派" }, "assigned");
        await Step(engineer, number, "accept", null, "accepted");
        await Step(engineer, number, "start", null, "inService");

        var before = Clock(await GetAsync(number), "normal-resolution");
        Assert.Equal("running", before["state"]!.ToString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:00:00+08:00"), before["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(24 * 60, before["budgetMinutes"]!.GetValue<double>());

        await Step(engineer, number, "pause", new { waitingFor = "customer" }, "waitingForCustomer");
        _time.Advance(TimeSpan.FromHours(3)); // paused 10:20 → resumed 13:25: 100 + 25 business minutes (lunch does not count)
        var paused = Clock(await GetAsync(number), "normal-resolution");
        Assert.Equal("paused", paused["state"]!.ToString());
        Assert.Null(paused["dueAt"]);
        Assert.NotNull(paused["pausedSince"]);

        await Step(engineer, number, "resume", null, "inService");
        var resumed = Clock(await GetAsync(number), "normal-resolution");
        Assert.Equal("running", resumed["state"]!.ToString());
        Assert.Equal(125, resumed["pausedMinutes"]!.GetValue<double>());
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T13:05:00+08:00"), resumed["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("repair", (await GetAsync(number))["computedClassification"]!["type"]!.ToString());
    }

    [Fact]
    public async Task Command_NotAllowedInStatus_Returns409WithStatusAndAllowedCommands_AndWritesNothing()
    {
        var number = await NewTicketAsync();
        var engineer = App.ClientAs(Roles.Engineer);

        var response = await engineer.CommandAsync(number, "resolve", new { summary = "done" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("classified", problem["currentStatus"]!.ToString());
        Assert.Equal(["classify", "assign", "cancel"], problem["allowedCommands"]!.AsArray().Select(c => c!.ToString()).ToArray());
        Assert.Equal(3, (await HistoryAsync(number)).Count);
    }

    [Fact]
    public async Task Command_RoleNotInTheRow_Returns403NamingTheRoles()
    {
        var number = await NewTicketAsync();

        var response = await App.ClientAs(Roles.Agent).CommandAsync(number, "assign", new { engineer = "x", reason = "按技能指派" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("supervisor", (await response.JsonAsync())["allowedRoles"]!.AsArray().Select(r => r!.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await App.ClientAs(Roles.Integration).CommandAsync(number, "cancel", new { kind = "withdrawn" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.ClientAs(null).CommandAsync(number, "cancel", new { kind = "withdrawn" })).StatusCode);
    }

    [Fact]
    public async Task Command_ByAnEngineerWhoIsNotTheAssignee_Returns403()
    {
        var number = await NewTicketAsync();
        await Step(App.ClientAs(Roles.Supervisor), number, "assign", new { engineer = "someone-else", reason = "按技能指派" }, "assigned");

        var response = await App.ClientAs(Roles.Engineer).CommandAsync(number, "accept");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("someone-else", (await response.JsonAsync())["detail"]!.ToString());
    }

    [Theory]
    [InlineData("pause", "{\"waitingFor\":\"coffee\"}", "waitingFor")]
    [InlineData("classify", "{\"type\":\"repair\"}", "urgency")]
    [InlineData("cancel", "{\"kind\":\"duplicate\",\"duplicateOf\":\"nope\"}", "duplicateOf")]
    [InlineData("cancel", "{\"kind\":\"duplicate\"}", "duplicateOf")]
    [InlineData("classify", "{\"type\":\"repair\",\"urgency\":\"urgent\"}", "reason")]
    [InlineData("assign", "{}", "engineer")]
    [InlineData("assign", "{not json", "body")]
    public async Task Command_BadInput_Returns400NamingTheField_AndWritesNothing(string command, string body, string field)
    {
        var number = await NewTicketAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/{command}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await App.ClientAs(Roles.Supervisor).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        Assert.Equal(3, (await HistoryAsync(number)).Count);
    }

    [Fact]
    public async Task Command_WithStaleIfMatch_Returns412_AndWritesNothing_FreshIfMatchSucceeds()
    {
        var number = await NewTicketAsync();
        var supervisor = App.ClientAs(Roles.Supervisor);
        var read = await supervisor.GetAsync($"/api/tickets/{number}");
        var etag = read.Headers.ETag!.ToString();
        await Step(supervisor, number, "assign", new { engineer = "test-engineer", reason = "按技能指派" }, "assigned");

        var stale = await supervisor.CommandAsync(number, "assign", new { engineer = "other", reason = "load" }, ifMatch: etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(4, (await HistoryAsync(number)).Count);
        var fresh = (await supervisor.GetAsync($"/api/tickets/{number}")).Headers.ETag!.ToString();
        var ok = await supervisor.CommandAsync(number, "assign", new { engineer = "other", reason = "load" }, ifMatch: fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(fresh, ok.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ConflictingCommandsAtOnce_ExactlyOneWins_NoEventLost()
    {
        var number = await NewTicketAsync();
        var supervisor = App.ClientAs(Roles.Supervisor);
        var agent = App.ClientAs(Roles.Agent);

        // Cancel and assign race from Classified: whichever lands first, the other is decided again on the
        // fresh state — assign after cancel is not allowed (409), cancel after assign is still allowed.
        // Several cancels race each other: only one can move Classified/Assigned to Cancelled.
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(() => i % 2 == 0
            ? agent.CommandAsync(number, "cancel", new { kind = "withdrawn", reason = $"race {i}" })
            : supervisor.CommandAsync(number, "assign", new { engineer = $"eng-{i}", reason = "按技能指派" })));
        var responses = await Task.WhenAll(tasks);

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.All(codes, c => Assert.Contains(c, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, (await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.JsonAsync())))
            .Count(t => t["status"]!.ToString() == "cancelled"));
        var history = await HistoryAsync(number);
        var successes = codes.Count(c => c == HttpStatusCode.OK);
        Assert.Equal(3 + successes, history.Count);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e!["sequence"]!.GetValue<int>()));
        Assert.Equal("TicketCancelled", history[^1]!["type"]!.ToString());
        var ticket = await GetAsync(number);
        Assert.Equal(history.Count, ticket["version"]!.GetValue<int>());

        var table = new TableClient(azurite.ConnectionString, $"{App.Prefix}Tickets");
        var rows = await table.QueryAsync<TableEntity>($"PartitionKey eq '{ticket["id"]}'").ToListAsync();
        Assert.Equal(history.Count + 1, rows.Count(r => !r.RowKey.StartsWith("sms-", StringComparison.Ordinal)));
        Assert.Single(rows, r => r.RowKey.StartsWith("sms-", StringComparison.Ordinal)); // request received; a cancel tells the customer nothing
    }

    [Fact]
    public async Task Reclassify_BySupervisorWithReason_KeepsTheComputedOne_AndAuditsTheOverride()
    {
        var number = await NewTicketAsync("空调不制冷", urgency: null);

        var body = await Step(App.ClientAs(Roles.Supervisor), number, "classify",
            new { type = "complaint", tag = "服务投诉", urgency = "normal", reason = "客户第三次来电，按投诉处理" }, "classified");

        Assert.Equal("complaint", body["classification"]!["type"]!.ToString());
        Assert.Equal("staff", body["classification"]!["source"]!.ToString());
        Assert.Equal("repair", body["computedClassification"]!["type"]!.ToString());
        Assert.Equal("repair-hardware", body["computedClassification"]!["typeRule"]!.ToString());
        Assert.Contains(body["clocks"]!.AsArray(), c => c!["target"]!.ToString() == "complaint-resolution");
        var last = (await HistoryAsync(number))[^1]!;
        Assert.Equal("test-supervisor", last["actor"]!["name"]!.ToString());
        Assert.Equal("客户第三次来电，按投诉处理", last["data"]!["note"]!.ToString());
    }

    [Fact]
    public async Task Intake_StatedUrgencyIsKeptBesideTheComputedOne()
    {
        var request = TicketRequests.Valid("设备冒烟");
        request["urgency"] = "routine";

        var created = await (await App.ClientAs(Roles.Agent).PostTicketAsync(request)).JsonAsync();

        Assert.Equal("routine", created["statedUrgency"]!.ToString());
        Assert.Equal("urgent", created["classification"]!["urgency"]!.ToString());
        Assert.Equal("urgent-safety-or-down", created["classification"]!["urgencyRule"]!.ToString());
        Assert.Contains(created["clocks"]!.AsArray(), c => c!["target"]!.ToString() == "urgent-response");
    }

    private async Task<string> NewTicketAsync(string symptom = "空调无法开机", string? urgency = "urgent")
    {
        var request = TicketRequests.Valid(symptom);
        request["urgency"] = urgency;
        var response = await App.ClientAs(Roles.Agent).PostTicketAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await TeamRequests.EnsureEngineersAsync(App.ClientAs(Roles.Supervisor), ["test-engineer", "someone-else", "other", .. Enumerable.Range(0, 12).Select(i => $"eng-{i}")]);
        return (await response.JsonAsync())["number"]!.ToString();
    }

    private async Task<JsonObject> Step(HttpClient client, string number, string command, object? body, string expectedStatus)
    {
        _time.Advance(TimeSpan.FromMinutes(5));
        var response = await client.CommandAsync(number, command, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {json.ToJsonString()}");
        Assert.Equal(expectedStatus, json["status"]!.ToString());
        Assert.NotNull(response.Headers.ETag);
        return json;
    }

    private async Task<JsonObject> GetAsync(string number) => (await App.ClientAs(Roles.Supervisor).GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;

    private async Task<JsonArray> HistoryAsync(string number) => (await App.ClientAs(Roles.Supervisor).GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/history"))!;

    private static JsonObject Clock(JsonObject ticket, string target) =>
        ticket["clocks"]!.AsArray().Last(c => c!["target"]!.ToString() == target)!.AsObject();
}
