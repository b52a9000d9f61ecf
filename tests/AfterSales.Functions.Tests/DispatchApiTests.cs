using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

public sealed class DispatchApiTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    // Monday 23 November 2026, 10:00 in Shanghai.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, time: _time);

    private HttpClient Supervisor => App.ClientAs(Roles.Supervisor);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task Intake_DispatchesToTheBestEngineer_AndTheHistorySaysWhy()
    {
        await AddAsync(TeamRequests.Engineer("test-engineer", level: 5, district: "浦东新区"));
        await AddAsync(TeamRequests.Engineer("junior", level: 2));
        await AddAsync(TeamRequests.Engineer("hangzhou", level: 5, city: "杭州市"));
        var away = TeamRequests.Engineer("away", level: 5);
        away["leave"] = new JsonArray(new JsonObject { ["from"] = "2026-11-20T00:00:00+08:00", ["to"] = "2026-11-30T00:00:00+08:00", ["reason"] = "年假" });
        await AddAsync(away);

        var number = await NewTicketAsync();

        var assigned = (await HistoryAsync(number)).Single(e => e!["type"]!.ToString() == "TicketAssigned")!["data"]!;
        Assert.Equal("test-engineer", assigned["engineer"]!.ToString());
        Assert.True(assigned["automatic"]!.GetValue<bool>());
        Assert.Equal(["test-engineer", "junior"], assigned["candidates"]!.AsArray().Select(c => c!["engineer"]!.ToString()));
        // Urgent weights 60/25/15: level 5, own district, free = 100; level 2 (24), whole city (15), free (15) = 54.
        Assert.Equal(100, assigned["candidates"]![0]!["score"]!.GetValue<double>());
        Assert.Equal(54, assigned["candidates"]![1]!["score"]!.GetValue<double>());
        var ruledOut = assigned["ineligible"]!.AsArray().ToDictionary(i => i!["engineer"]!.ToString(), i => i!["reasons"]!.AsArray().Select(Said).ToList());
        Assert.Contains("ruledOutLeave", ruledOut["away"]);
        Assert.Contains("ruledOutRegion 上海市浦东新区", ruledOut["hangzhou"]);
        // Urgent: ten minutes to accept.
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), assigned["acceptBy"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task AnOfferedEngineer_IsToldBySmsAtOnce_WithoutTheCustomersDetails_AndAnOfferAnsweredFirstCancelsIt()
    {
        await AddAsync(TeamRequests.Engineer("test-engineer", level: 5, district: "浦东新区"));

        // Urgent, at 10:00: the engineer's phone gets the job with the minutes left to accept and the console link.
        var relay = App.Services.GetRequiredService<WorkflowRelay>();
        var sms = App.Services.GetRequiredService<AfterSales.Application.Notifications.SmsDispatcher>();
        async Task SettleAsync()
        {
            await relay.WhenIdleAsync();
            await sms.WhenIdleAsync();
        }

        var urgent = await NewTicketAsync();
        await SettleAsync();
        var messages = await SmsAsync(urgent);
        var offer = Assert.Single(messages, m => m!["kind"]!.ToString() == "jobOffered")!;
        var received = Assert.Single(messages, m => m!["kind"]!.ToString() == "requestReceived")!;
        Assert.Equal("local", offer["status"]!.ToString());
        Assert.NotEqual(received["to"]!.ToString(), offer["to"]!.ToString());
        var text = offer["text"]!.ToString();
        Assert.Equal($"【售后服务】新工单待接：紧急，浦东新区，请在10分钟内接单：/console/tickets/{urgent}", text); // without CustomerLinks:BaseUrl, the path alone
        Assert.DoesNotContain("世纪大道", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TicketRequests.Phone[^4..], text, StringComparison.Ordinal);

        // Normal, at 22:00: the offer waits for the end of quiet hours; accepted before then, it is never sent.
        _time.Advance(TimeSpan.FromHours(12));
        var body = TicketRequests.Valid(symptom: "空调不制冷");
        body["urgency"] = "normal";
        var response = await App.ClientAs(Roles.Agent).PostTicketAsync(body);
        var normal = (await response.JsonAsync())["number"]!.ToString();
        await SettleAsync();
        var deferred = Assert.Single(await SmsAsync(normal), m => m!["kind"]!.ToString() == "jobOffered")!;
        Assert.Equal("pending", deferred["status"]!.ToString());
        Assert.Contains("一般", deferred["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await App.ClientAs(Roles.Engineer).CommandAsync(normal, "accept", new { })).StatusCode);
        await SettleAsync();
        var cancelled = Assert.Single(await SmsAsync(normal), m => m!["kind"]!.ToString() == "jobOffered")!;
        Assert.Equal("cancelled", cancelled["status"]!.ToString());
        Assert.Contains("answered or withdrawn", cancelled["steps"]!.AsArray()[^1]!["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_HandsTheTicketToTheNextCandidate_InTheSameWrite()
    {
        await AddAsync(TeamRequests.Engineer("test-engineer", level: 5, district: "浦东新区"));
        await AddAsync(TeamRequests.Engineer("junior", level: 2));
        var number = await NewTicketAsync();

        var declined = await App.ClientAs(Roles.Engineer).CommandAsync(number, "decline", new { reason = "今天在外地" });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var ticket = await declined.JsonAsync();
        Assert.Equal("assigned", ticket["status"]!.ToString());
        Assert.Equal("junior", ticket["assignedTo"]!.ToString());
        Assert.Equal(["test-engineer"], ticket["dispatch"]!["passedOver"]!.AsArray().Select(p => p!.ToString()));
        var types = (await HistoryAsync(number)).Select(e => e!["type"]!.ToString()).ToList();
        Assert.Equal(["AssignmentDeclined", "TicketAssigned"], types[^2..]);
    }

    [Fact]
    public async Task SilentEngineers_OffersLapseOncePerDeadline_ThenTheTicketWaitsInTheSupervisorQueue()
    {
        await AddAsync(TeamRequests.Engineer("first", level: 5, district: "浦东新区"));
        await AddAsync(TeamRequests.Engineer("second", level: 2));
        _time.Advance(TimeSpan.FromTicks(1_234_567)); // a deadline with sub-millisecond digits, as real clocks give
        var number = await NewTicketAsync();
        var id = (await GetAsync(number))["id"]!.ToString();
        var instance = $"{TicketLifecycleContract.InstancePrefix}{id}";
        var engine = App.Services.GetRequiredService<IWorkflowEngine>();
        var relay = App.Services.GetRequiredService<WorkflowRelay>();

        // The ticket's orchestration waits for the offer's deadline (a durable timer on the engine's real clock, so the
        // test's clock is moved and the orchestration woken as a change of the ticket would wake it). Not yet due: nothing.
        _time.Advance(TimeSpan.FromMinutes(9));
        await WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance);
        Assert.Equal("first", (await GetAsync(number))["assignedTo"]!.ToString());

        // Due: the offer lapses to the next candidate, once, even when woken twice at once.
        _time.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance), WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance));
        Assert.Equal("second", (await GetAsync(number))["assignedTo"]!.ToString());
        Assert.Single(await HistoryAsync(number), e => e!["type"]!.ToString() == "OfferLapsed");

        // The second engineer is silent too: the ticket goes to the supervisor's queue.
        _time.Advance(TimeSpan.FromMinutes(11));
        await WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance);
        var ticket = await GetAsync(number);
        Assert.Equal("classified", ticket["status"]!.ToString());
        Assert.Equal("repair", ticket["dispatch"]!["queue"]!.ToString());
        var history = await HistoryAsync(number);
        Assert.Equal(2, history.Count(e => e!["type"]!.ToString() == "OfferLapsed"));
        Assert.Equal("TicketQueued", history[^1]!["type"]!.ToString());

        var queue = (await Supervisor.GetFromJsonAsync<JsonObject>("/api/tickets?queue=repair"))!;
        Assert.Equal([number], queue["items"]!.AsArray().Select(t => t!["number"]!.ToString()));
        var workflow = (await Supervisor.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}/workflow"))!;
        Assert.Equal("dispatch", workflow["step"]!.ToString());
    }

    [Fact]
    public async Task NoEligibleEngineer_Queues_ThenTheSupervisorAssignsByHand_WithAReason_AndTheObjectionsRecorded()
    {
        await AddAsync(TeamRequests.Engineer("hangzhou", city: "杭州市"));
        var number = await NewTicketAsync();
        Assert.Equal("repair", (await GetAsync(number))["dispatch"]!["queue"]!.ToString());

        var noReason = await Supervisor.CommandAsync(number, "assign", new { engineer = "hangzhou" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);
        var unknown = await Supervisor.CommandAsync(number, "assign", new { engineer = "nobody", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("/api/engineers", (await unknown.JsonAsync())["errors"]!["engineer"]![0]!.ToString());

        var assigned = await Supervisor.CommandAsync(number, "assign", new { engineer = "hangzhou", reason = "客户点名要杭州的师傅" });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var data = (await HistoryAsync(number))[^1]!["data"]!;
        Assert.False(data["automatic"]!.GetValue<bool>());
        Assert.Equal("客户点名要杭州的师傅", data["note"]!.ToString());
        Assert.Contains("ruledOutRegion 上海市浦东新区", data["warnings"]!.AsArray().Select(Said));
        Assert.Empty((await Supervisor.GetFromJsonAsync<JsonObject>("/api/tickets?queue=repair"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task AutomaticDispatchOff_QueuesEveryTicket_UntilDispatchIsAskedFor()
    {
        await AddAsync(TeamRequests.Engineer("test-engineer"));
        var off = await Supervisor.PutAsJsonAsync("/api/departments/repair", new { supervisors = new[] { "test-supervisor" }, autoDispatch = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        var number = await NewTicketAsync();

        Assert.Equal("classified", (await GetAsync(number))["status"]!.ToString());
        Assert.Contains("off", (await HistoryAsync(number))[^1]!["data"]!["note"]!.ToString());
        var preview = (await Supervisor.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}/candidates"))!;
        Assert.Equal("test-engineer", preview["candidates"]![0]!["engineer"]!.ToString());
        var dispatched = await Supervisor.PostAsync($"/api/tickets/{number}/dispatch", null);
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.Equal("test-engineer", (await dispatched.JsonAsync())["assignedTo"]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await Supervisor.PostAsync($"/api/tickets/{number}/dispatch", null)).StatusCode);
    }

    [Fact]
    public async Task DepartmentSettings_CarryAnETag_AndAChangeOverAnOlderVersionIsRefused()
    {
        var before = await Supervisor.GetAsync("/api/departments/complaints");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Null(before.Headers.ETag); // never saved: the defaults, nothing to match yet
        Assert.True((await before.JsonAsync())["autoDispatch"]!.GetValue<bool>());

        var saved = await Supervisor.PutAsJsonAsync("/api/departments/complaints", new { supervisors = new[] { "test-supervisor" }, autoDispatch = false });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var etag = saved.Headers.ETag!.ToString();
        var read = await Supervisor.GetAsync("/api/departments/complaints");
        Assert.Equal(etag, read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await PutDepartmentAsync(etag, autoDispatch: true)).StatusCode);
        var stale = await PutDepartmentAsync(etag, autoDispatch: false);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("GET /api/departments/complaints", (await stale.JsonAsync())["detail"]!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutDepartmentAsync("not an etag", autoDispatch: false)).StatusCode);
        Assert.True((await Supervisor.GetFromJsonAsync<JsonObject>("/api/departments/complaints"))!["autoDispatch"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await Supervisor.GetAsync("/api/departments/sales")).StatusCode);
        var invalid = await Supervisor.PutAsJsonAsync("/api/departments/complaints", new { supervisors = new[] { " " } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["autoDispatch", "supervisors"], (await invalid.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    private Task<HttpResponseMessage> PutDepartmentAsync(string ifMatch, bool autoDispatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/departments/complaints")
        {
            Content = JsonContent.Create(new { supervisors = Array.Empty<string>(), autoDispatch }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Supervisor.SendAsync(request);
    }

    [Fact]
    public async Task Load_CountsHeldTickets_AndAFullEngineerIsPassedOver()
    {
        await AddAsync(TeamRequests.Engineer("test-engineer", level: 5, maxConcurrent: 1));
        await AddAsync(TeamRequests.Engineer("junior", level: 1));

        var first = await NewTicketAsync();
        var second = await NewTicketAsync();

        Assert.Equal("test-engineer", (await GetAsync(first))["assignedTo"]!.ToString());
        Assert.Equal("junior", (await GetAsync(second))["assignedTo"]!.ToString());
        var engineer = (await Supervisor.GetFromJsonAsync<JsonObject>("/api/engineers/test-engineer"))!;
        Assert.Equal(1, engineer["openTickets"]!.GetValue<int>());
    }

    [Fact]
    public async Task ManyTicketsAtOnce_NeverOverloadAnEngineer_TheRestWaitInTheQueue()
    {
        await AddAsync(TeamRequests.Engineer("a", level: 5, maxConcurrent: 3));
        await AddAsync(TeamRequests.Engineer("b", level: 4, maxConcurrent: 2));

        var numbers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(NewTicketAsync)));

        var tickets = await Task.WhenAll(numbers.Select(GetAsync));
        var byEngineer = tickets.GroupBy(t => t["assignedTo"]?.ToString() ?? "queue").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, byEngineer["a"]);
        Assert.Equal(2, byEngineer["b"]);
        Assert.Equal(5, byEngineer["queue"]);
        Assert.Equal(3, (await Supervisor.GetFromJsonAsync<JsonObject>("/api/engineers/a"))!["openTickets"]!.GetValue<int>());

        // When a ticket leaves its engineer, the place is free again.
        var heldByB = tickets.First(t => t["assignedTo"]?.ToString() == "b")["number"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await App.ClientAs(Roles.Agent).CommandAsync(heldByB, "cancel", new { kind = "withdrawn" })).StatusCode);
        Assert.Equal(1, (await Supervisor.GetFromJsonAsync<JsonObject>("/api/engineers/b"))!["openTickets"]!.GetValue<int>());
    }

    [Fact]
    public async Task Housekeeping_FreesPlacesNoTicketBacks_OnceTheyAreOldEnoughNotToBeInFlight()
    {
        await AddAsync(TeamRequests.Engineer("a", maxConcurrent: 1));
        var index = App.Services.GetRequiredService<IAssignmentIndex>();
        var ghost = AfterSales.Domain.Tickets.TicketId.Create(_time.GetUtcNow(), new byte[10]);
        Assert.True(await index.TryAddAsync("a", ghost, _time.GetUtcNow(), 1, CancellationToken.None)); // a write that never landed
        var housekeeping = App.Services.GetServices<ITimerFunction>().Single(t => t.Name == "HousekeepingSweep");

        await housekeeping.RunAsync(_time.GetUtcNow().AddMinutes(1), CancellationToken.None);
        Assert.Single(await index.ListAsync("a", CancellationToken.None));
        await housekeeping.RunAsync(_time.GetUtcNow().Add(Dispatching.StaleAfter).AddSeconds(1), CancellationToken.None);

        Assert.Empty(await index.ListAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Engineers_BadInputNamesTheFields_DuplicatesConflict_StaleWritesAreRefused_PhonesMasked()
    {
        var bad = await Supervisor.PostAsJsonAsync("/api/engineers", new
        {
            id = "a/b", phone = "12", department = "kitchen", skills = new[] { new { productLine = "空调", tag = "*", level = 9 } },
            duty = new Dictionary<string, string[]> { ["monday"] = ["9-5"] },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Superset(new HashSet<string> { "id", "name", "phone", "department", "skills[0]", "duty" }, errors.ToHashSet());
        Assert.Equal(HttpStatusCode.Forbidden, (await App.ClientAs(Roles.Agent).PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("x"))).StatusCode);

        await AddAsync(TeamRequests.Engineer("li"));
        Assert.Equal(HttpStatusCode.Conflict, (await Supervisor.PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("li"))).StatusCode);

        var read = await Supervisor.GetAsync("/api/engineers/li");
        var etag = read.Headers.ETag!.ToString();
        var changed = TeamRequests.Engineer("li", level: 4);
        Assert.Equal(HttpStatusCode.OK, (await Supervisor.PutAsJsonAsync("/api/engineers/li", changed)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/engineers/li") { Content = JsonContent.Create(changed) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Supervisor.SendAsync(stale)).StatusCode);

        Assert.Equal("+8613900001111", (await read.JsonAsync())["phone"]!.ToString());
        var asManager = (await App.ClientAs(Roles.Manager).GetFromJsonAsync<JsonObject>("/api/engineers/li"))!;
        Assert.DoesNotContain("13900001111", asManager["phone"]!.ToString());
        Assert.Equal(4, asManager["skills"]![0]!["level"]!.GetValue<int>());
    }

    private async Task AddAsync(JsonObject engineer)
    {
        var response = await Supervisor.PostAsJsonAsync("/api/engineers", engineer);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> NewTicketAsync()
    {
        var response = await App.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["number"]!.ToString();
    }

    private async Task<JsonArray> SmsAsync(string number) => (await Supervisor.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/sms"))!;

    private async Task<JsonObject> GetAsync(string number) => (await Supervisor.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;

    private async Task<JsonArray> HistoryAsync(string number) => (await Supervisor.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/history"))!;

    /// <summary>An explanation as the API writes it (<c>{"code": …, "arguments": […]}</c>): its code and arguments.</summary>
    private static string Said(JsonNode? explanation) =>
        string.Join(' ', [explanation!["code"]!.ToString(), .. explanation["arguments"]!.AsArray().Select(a => a!.ToString())]);
}
