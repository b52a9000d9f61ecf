using AfterSales.Application.Access;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Timers;
using AfterSales.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The real app on real Azurite, driven through days and weeks on a fake clock: escalations, apologies,
/// follow-ups across holidays, surveys and second handling. Sweeps are run the way the scheduler runs them.
/// </summary>
public sealed class TimeTravelTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task ABreachedResponse_EscalatesOncePerLevel_AndApologisesOnce_EvenWithTwoInstancesSweepingAtOnce()
    {
        // Tuesday 24 Nov 2026, 10:00 in Shanghai; nobody can take the ticket, so it waits and its clocks run out.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Shanghai));
        using var first = App(time);
        using var second = App(time, first.Prefix);
        var agent = first.ClientAs(Roles.Agent);
        var body = TicketRequests.Valid("空调不制冷，外机异响");
        body["urgency"] = "normal";
        var created = await (await agent.PostTicketAsync(body)).JsonAsync();
        var number = created["number"]!.ToString();

        // 40 hours in 10-minute steps; at every step both instances sweep at the same moment.
        for (var i = 0; i < 40 * 6; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            await Task.WhenAll(SweepAsync(first, EscalationSweep.FunctionName, time), SweepAsync(second, EscalationSweep.FunctionName, time));
        }

        var history = await agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/history");
        var escalations = history!.Where(e => e!["type"]!.ToString() == "SlaEscalated").Select(e => e!["data"]!["escalation"]!).ToList();
        var keys = escalations.Select(e => $"{e["target"]}/{e["level"]}").ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Equal(["warning", "supervisor", "manager"], escalations.Where(e => e["target"]!.ToString() == "normal-response").Select(e => e["level"]!.ToString()));
        // The 30-minute assignment limit warns at 24 minutes; the 10:20 sweep was too early and the 10:30 one already late,
        // so the warning was skipped for the breach itself.
        Assert.Equal(["supervisor", "manager"], escalations.Where(e => e["target"]!.ToString() == "assignment").Select(e => e["level"]!.ToString()));

        var breach = escalations.Single(e => e["target"]!.ToString() == "normal-response" && e["level"]!.ToString() == "supervisor");
        var dueAt = DateTimeOffset.Parse(breach["dueAt"]!.ToString(), CultureInfo.InvariantCulture);
        var at = DateTimeOffset.Parse(breach["at"]!.ToString(), CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, Shanghai), dueAt);
        Assert.InRange(at - dueAt, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Assert.Equal("role:supervisor", breach["recipient"]!.ToString());
        var promise = DateTimeOffset.Parse(breach["newPromise"]!.ToString(), CultureInfo.InvariantCulture);
        Assert.Equal(at.AddHours(12), promise);

        // One apology, telling the new expected time; the assignment breach is internal and apologises for nothing.
        var sms = (await agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/sms"))!;
        var apology = Assert.Single(sms, m => m!["kind"]!.ToString() == "breachApology")!;
        Assert.Contains($"我们将于{promise.ToOffset(Shanghai):M月d日 HH:mm}前处理完毕", apology["text"]!.ToString(), StringComparison.Ordinal);

        // The supervisor's and manager's inboxes show what is theirs; an engineer's answer clears the response items.
        var supervisorInbox = await first.ClientAs(Roles.Supervisor).GetFromJsonAsync<JsonObject>("/api/inbox");
        Assert.Contains(supervisorInbox!["items"]!.AsArray(), i => i!["ticketNumber"]!.ToString() == number && i["level"]!.ToString() == "supervisor" && i["title"]!.ToString().StartsWith("normal-response", StringComparison.Ordinal));
        var managerInbox = await first.ClientAs(Roles.Manager).GetFromJsonAsync<JsonObject>("/api/inbox");
        Assert.Equal(2, managerInbox!["items"]!.AsArray().Count(i => i!["ticketNumber"]!.ToString() == number && i["level"]!.ToString() == "manager"));

        var supervisor = first.ClientAs(Roles.Supervisor);
        await TeamRequests.EnsureEngineersAsync(supervisor, ["test-engineer"]);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.CommandAsync(number, "assign", new { engineer = "test-engineer", reason = "超时升级后主管指派" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.ClientAs(Roles.Engineer).CommandAsync(number, "accept")).StatusCode);
        managerInbox = await first.ClientAs(Roles.Manager).GetFromJsonAsync<JsonObject>("/api/inbox");
        Assert.DoesNotContain(managerInbox!["items"]!.AsArray(), i => i!["ticketNumber"]!.ToString() == number);
    }

    [Fact]
    public async Task ARepair_IsFollowedUpOnTheThirdWorkingDay_AcrossTheNationalDayHoliday_AndAScoreOf6ReopensIt()
    {
        // Wednesday 30 Sep 2026 09:00; 1-7 Oct is the National Day holiday and Saturday 10 Oct a working day (调休).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 9, 0, 0, Shanghai));
        using var app = App(time, agents: ["test-followup"]);
        var flow = new ServiceFlow(app, time);
        await flow.RegisterAsync();
        var confirmed = await flow.RepairedAndConfirmedAsync();
        var confirmedAt = DateTimeOffset.Parse(confirmed["updatedAt"]!.ToString(), CultureInfo.InvariantCulture).ToOffset(Shanghai);
        var planned = confirmed["followUps"]![0]!;
        Assert.Equal("scheduled", planned["status"]!.ToString());
        var expected = new DateTimeOffset(2026, 10, 10, confirmedAt.Hour, confirmedAt.Minute, confirmedAt.Second, Shanghai);
        Assert.Equal(expected, DateTimeOffset.Parse(planned["dueFrom"]!.ToString(), CultureInfo.InvariantCulture));

        // Hourly sweeps through the holiday: nothing opens before Saturday 10 Oct, then it opens within the hour.
        DateTimeOffset? openedAt = null;
        while (openedAt is null && time.GetUtcNow() < expected.AddDays(1))
        {
            time.Advance(TimeSpan.FromHours(1));
            await SweepAsync(app, FollowUpSweep.FunctionName, time);
            if ((await flow.TicketAsync())["status"]!.ToString() == "followUp")
            {
                openedAt = time.GetUtcNow();
            }
        }

        Assert.NotNull(openedAt);
        Assert.InRange(openedAt.Value - expected, TimeSpan.Zero, TimeSpan.FromHours(1));
        var ticket = await flow.TicketAsync();
        Assert.Equal("test-followup", ticket["followUps"]![0]!["agent"]!.ToString());
        Assert.Contains(ticket["clocks"]!.AsArray(), c => c!["kind"]!.ToString() == "followUp" && c["state"]!.ToString() == "running");
        var invitation = Assert.Single((await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!, m => m!["kind"]!.ToString() == "surveyInvitation");
        Assert.Matches(@"/c/[2-9A-HJ-NP-Z]{10}$", invitation!["text"]!.ToString());

        // The follow-up agent sees the call, makes it twice, and records the survey.
        var followUp = app.ClientAs(Roles.FollowUp);
        var inbox = await followUp.GetFromJsonAsync<JsonObject>("/api/inbox");
        Assert.Contains(inbox!["items"]!.AsArray(), i => i!["ticketNumber"]!.ToString() == flow.Number && i["kind"]!.ToString() == "followUp");
        var noAnswer = await flow.StepAsync(followUp, "calls", new { outcome = "noAnswer", reason = "无人接听" }, "followUp");
        Assert.NotNull(noAnswer["followUps"]![0]!["nextCallAt"]);
        await flow.StepAsync(followUp, "calls", new { outcome = "reached" }, "followUp");
        var reopened = await flow.StepAsync(followUp, "survey", new
        {
            survey = new { attitude = 9, skill = 6, efficiency = 8, overall = 7, recommend = 8, productWorking = false, newProblems = "制冷效果又变差", buyAgain = "maybe" },
        }, "assigned");

        // Skill 6 < 7: reopened as round 2, dispatched again, SLA clocks running again, the supervisor told.
        Assert.Equal(2, reopened["round"]!.GetValue<int>());
        Assert.Equal("done", reopened["followUps"]![0]!["status"]!.ToString());
        Assert.Contains(reopened["clocks"]!.AsArray(), c => c!["kind"]!.ToString() == "response" && c["round"]!.GetValue<int>() == 2 && c["state"]!.ToString() == "running");
        var history = await flow.HistoryAsync();
        var survey = Assert.Single(history, e => e!["type"]!.ToString() == "SurveyRecorded")!;
        Assert.Equal(["skill"], survey["data"]!["below"]!.AsArray().Select(b => b!.ToString()));
        Assert.Single(history, e => e!["type"]!.ToString() == "TicketReopened");
        var supervisorInbox = await flow.Supervisor.GetFromJsonAsync<JsonObject>("/api/inbox");
        Assert.Contains(supervisorInbox!["items"]!.AsArray(), i => i!["ticketNumber"]!.ToString() == flow.Number && i["kind"]!.ToString() == "secondHandling");
        Assert.Empty((await followUp.GetFromJsonAsync<JsonObject>("/api/inbox"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task TheCustomer_AnswersTheSurveyByLink_AndAGoodScoreClosesTheTicket_UnansweredCallsEndUnreachable()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, Shanghai));
        using var app = App(time);
        var flow = new ServiceFlow(app, time);
        var link = await ConfirmedAndDueAsync(flow, time, app);
        var customer = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await customer.GetStringAsync(link);
        Assert.Contains("满意度", page, StringComparison.Ordinal);
        var bad = await customer.PostAsync($"{link}/survey", new FormUrlEncodedContent(new Dictionary<string, string> { ["attitude"] = "9" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        // On a phone the reload starts at the top: the message is the first thing there, and again at the field; the
        // browser itself refuses a submission without the overall score (required), even without JavaScript.
        var again = await bad.Content.ReadAsStringAsync();
        Assert.True(again.IndexOf("请为“总体满意度”打分", StringComparison.Ordinal) < again.IndexOf("<h1>", StringComparison.Ordinal));
        Assert.Contains("<fieldset id=\"overall\" class=\"invalid\" aria-invalid=\"true\">", again, StringComparison.Ordinal);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(again, "name=\"overall\" value=\"\\d+\" required").Count);
        Assert.DoesNotMatch("name=\"attitude\" value=\"\\d+\" required", again);
        Assert.Equal("followUp", (await flow.TicketAsync())["status"]!.ToString());

        var scores = new Dictionary<string, string>
        {
            ["attitude"] = "10", ["skill"] = "9", ["efficiency"] = "9", ["overall"] = "9", ["recommend"] = "10", ["productWorking"] = "yes", ["buyAgain"] = "yes", ["suggestions"] = "师傅很\0专业",
        };
        var unreadable = await customer.PostAsync($"{link}/survey", new FormUrlEncodedContent(scores));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode); // a NUL no form can carry: the page again, with what to do
        Assert.Equal("text/html", unreadable.Content.Headers.ContentType!.MediaType);
        Assert.Contains("无法识别的字符", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("followUp", (await flow.TicketAsync())["status"]!.ToString());

        scores["suggestions"] = "师傅很专业";
        var answered = await customer.PostAsync($"{link}/survey", new FormUrlEncodedContent(scores));
        Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode);
        var closed = await flow.TicketAsync();
        Assert.Equal("closed", closed["status"]!.ToString());
        Assert.Equal("link", closed["followUps"]![0]!["survey"]!["channel"]!.ToString());
        Assert.Contains(closed["clocks"]!.AsArray(), c => c!["kind"]!.ToString() == "followUp" && c["state"]!.ToString() == "met");
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsync($"{link}/survey", new FormUrlEncodedContent(new Dictionary<string, string> { ["overall"] = "2" }))).StatusCode);

        // A second customer never answers: three unanswered calls close the ticket as unreachable.
        var other = new ServiceFlow(app, time);
        await ConfirmedAndDueAsync(other, time, app, registerEngineer: false);
        var followUp = app.ClientAs(Roles.FollowUp);
        await other.StepAsync(followUp, "calls", new { outcome = "noAnswer" }, "followUp");
        await other.StepAsync(followUp, "calls", new { outcome = "noAnswer" }, "followUp");
        var last = await other.StepAsync(followUp, "calls", new { outcome = "noAnswer" }, "closed");
        Assert.Equal("unreachable", last["followUps"]![0]!["status"]!.ToString());
        Assert.Equal(3, last["followUps"]![0]!["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task ANewCustomersPurchase_IsFollowedUpAMonthLater_ARepeatIsNotASecondTicket_AReturningCustomerGetsNone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 30, 0, Shanghai));
        using var app = App(time);
        var agent = app.ClientAs(Roles.Agent);
        var purchase = new JsonObject
        {
            ["customer"] = new JsonObject { ["name"] = "王芳", ["title"] = "ms", ["phone"] = "13700007777" },
            ["product"] = new JsonObject { ["model"] = "KFR-35GW", ["serialNumber"] = "SN-0001", ["purchaseDate"] = "2026-11-24", ["warrantyStatus"] = "inWarranty" },
            ["channel"] = "walkIn",
            ["store"] = "南京西路店",
        };

        var created = await agent.PostAsJsonAsync("/api/purchases", purchase);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.JsonAsync();
        Assert.True(body["newCustomer"]!.GetValue<bool>());
        var number = body["followUp"]!["number"]!.ToString();
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 15, 30, 0, Shanghai), DateTimeOffset.Parse(body["followUp"]!["dueFrom"]!.ToString(), CultureInfo.InvariantCulture));

        var again = await agent.PostAsJsonAsync("/api/purchases", purchase);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(number, (await again.JsonAsync())["followUp"]!["number"]!.ToString());

        purchase["product"]!["serialNumber"] = "SN-0002";
        var secondPurchase = await (await agent.PostAsJsonAsync("/api/purchases", purchase)).JsonAsync();
        Assert.False(secondPurchase["newCustomer"]!.GetValue<bool>());
        Assert.Null(secondPurchase["followUp"]);

        var invalid = await agent.PostAsJsonAsync("/api/purchases", new JsonObject { ["customer"] = new JsonObject { ["name"] = "王芳", ["phone"] = "123" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("customer.phone", (await invalid.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ticket = await agent.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}");
        Assert.Equal("followUp", ticket!["classification"]!["type"]!.ToString());
        Assert.DoesNotContain(ticket["clocks"]!.AsArray(), c => c!["kind"]!.ToString() is "assignment" or "response");

        time.Advance(TimeSpan.FromDays(29));
        await SweepAsync(app, FollowUpSweep.FunctionName, time);
        Assert.Equal("classified", (await agent.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["status"]!.ToString());
        time.Advance(TimeSpan.FromDays(1));
        await SweepAsync(app, FollowUpSweep.FunctionName, time);
        ticket = await agent.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}");
        Assert.Equal("followUp", ticket!["status"]!.ToString());
        Assert.Equal("purchase", ticket["followUps"]![0]!["reason"]!.ToString());
    }

    [Fact]
    public async Task TheSurveyInvitation_WaitsForQuietHoursToEnd_EvenForAnUrgentTicket_AndIsCancelledOnceTheSurveyIsAnswered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 21, 30, 0, Shanghai));
        using var app = App(time);
        var flow = new ServiceFlow(app, time);
        await TeamRequests.EnsureEngineersAsync(flow.Supervisor, ["test-engineer"]);
        var ticket = TicketRequests.Valid("空调无法开机");
        ticket["urgency"] = "urgent";
        flow.Number = (await (await flow.Agent.PostTicketAsync(ticket)).JsonAsync())["number"]!.ToString();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "电源板故障", solution = "更换电源板" }, "resolved");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已电话告知" }, "awaitingConfirmation");
        await flow.StepAsync(flow.Agent, "confirm", new { rating = "satisfied", reason = "电话确认" }, "confirmed");
        await flow.StepAsync(app.ClientAs(Roles.FollowUp), "start-follow-up", null, "followUp");

        var sms = (await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!;
        Assert.Equal("local", sms.Single(m => m!["kind"]!.ToString() == "requestReceived")!["status"]!.ToString());
        var invitation = sms.Single(m => m!["kind"]!.ToString() == "surveyInvitation")!;
        Assert.Equal("pending", invitation["status"]!.ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, Shanghai), DateTimeOffset.Parse(invitation["nextAttemptAt"]!.ToString(), CultureInfo.InvariantCulture));

        // The customer answers on the evening call instead: the waiting invitation is cancelled now, not sent at 08:00.
        await flow.StepAsync(app.ClientAs(Roles.FollowUp), "survey", new { survey = new { attitude = 9, skill = 9, efficiency = 9, overall = 9, recommend = 9 } }, "closed");
        string? status = null;
        for (var i = 0; i < 100 && status != "cancelled"; i++)
        {
            await Task.Delay(50);
            status = (await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!
                .Single(m => m!["kind"]!.ToString() == "surveyInvitation")!["status"]!.ToString();
        }

        Assert.Equal("cancelled", status);
    }

    [Fact]
    public async Task Operators_RunATimerOnDemand_AndSeeItsLastRun()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Shanghai));
        using var app = App(time);
        var manager = app.ClientAs(Roles.Manager);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.Supervisor).PostAsync("/api/admin/timers/EscalationSweep/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientAs(null).GetAsync("/api/admin/timers")).StatusCode);
        var unknown = await manager.PostAsync("/api/admin/timers/NoSuchSweep/run", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("EscalationSweep", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var run = await manager.PostAsync("/api/admin/timers/EscalationSweep/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.StartsWith("0 due entries", (await run.JsonAsync())["logs"]![0]!.ToString(), StringComparison.Ordinal);

        var timers = (await manager.GetFromJsonAsync<JsonObject>("/api/admin/timers"))!["timers"]!.AsArray();
        Assert.Equal(["HousekeepingSweep", "SmsRetrySweep", "EscalationSweep", "FollowUpSweep", "MonthlyReport", "WorkflowReconciliation", "WorkflowStartSweep"], timers.Select(t => t!["name"]!.ToString()));
        var last = timers.Single(t => t!["name"]!.ToString() == "EscalationSweep")!["lastRun"]!;
        Assert.Equal("manual", last["trigger"]!.ToString());
        Assert.Equal("test-manager", last["runBy"]!.ToString());
        Assert.True(last["succeeded"]!.GetValue<bool>());
        Assert.Null(timers.Single(t => t!["name"]!.ToString() == "FollowUpSweep")!["lastRun"]);
    }

    /// <summary>A repair served, confirmed and followed up: its follow-up opens three working days later. Returns the survey link's path.</summary>
    private static async Task<string> ConfirmedAndDueAsync(ServiceFlow flow, FakeTimeProvider time, AppFactory app, bool registerEngineer = true)
    {
        if (registerEngineer)
        {
            await flow.RegisterAsync();
        }
        else
        {
            var ticket = TicketRequests.Valid("空调不制冷，外机异响");
            ticket["urgency"] = "normal";
            ticket["product"]!["line"] = "空调";
            var created = await (await flow.Agent.PostTicketAsync(ticket)).JsonAsync();
            flow.Number = created["number"]!.ToString();
        }

        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "冷媒不足", solution = "补充冷媒，试机正常" }, "resolved");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已电话告知维修结果" }, "awaitingConfirmation");
        await flow.StepAsync(flow.Agent, "confirm", new { rating = "satisfied", reason = "客户电话确认满意" }, "confirmed");
        time.Advance(TimeSpan.FromDays(7));
        await SweepAsync(app, FollowUpSweep.FunctionName, time);
        Assert.Equal("followUp", (await flow.TicketAsync())["status"]!.ToString());
        return ServiceFlow.PathOf(await flow.SmsLinkAsync("surveyInvitation"));
    }

    private AppFactory App(FakeTimeProvider time, string? prefix = null, string[]? agents = null) => new(azurite, builder =>
    {
        builder.UseSetting("CustomerLinks:BaseUrl", "https://service.example.cn");
        for (var i = 0; i < (agents?.Length ?? 0); i++)
        {
            builder.UseSetting($"FollowUp:Agents:{i}", agents![i]);
        }
    }, time, prefix);

    private static Task<TimerRunResult> SweepAsync(AppFactory app, string name, FakeTimeProvider time) =>
        app.Services.GetServices<ITimerFunction>().Single(t => t.Name == name).RunAsync(time.GetUtcNow(), CancellationToken.None);
}
