using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>Drives a repair ticket through the API the way staff would, step by step, on a fake clock.</summary>
internal sealed class ServiceFlow(AppFactory app, FakeTimeProvider time)
{
    public HttpClient Agent { get; } = app.ClientAs(Roles.Agent);
    public HttpClient Supervisor { get; } = app.ClientAs(Roles.Supervisor);
    public HttpClient Engineer { get; } = app.ClientAs(Roles.Engineer);

    public string Number { get; set; } = string.Empty;

    /// <summary>
    /// The customer's phone when the app sends through a provider: links are read from what it received, since staff
    /// never see a link that went to a provider. Without one, the local outbox is the phone.
    /// </summary>
    public FakeAcsServer? Phone { get; init; }

    /// <summary>
    /// For a templated provider (Alibaba, Tencent): what the customer's phone shows for the message with this tag (the
    /// provider's <c>OutId</c>), e.g. the link made of the template's fixed part and the service code it received.
    /// </summary>
    public Func<string, string>? Received { get; init; }

    /// <summary>Registers the engineer (signing in as the test engineer key's name) and a repair ticket in 上海市浦东新区; dispatch gives it to the engineer.</summary>
    public async Task<JsonObject> RegisterAsync()
    {
        var engineer = TeamRequests.Engineer("test-engineer", level: 4, district: "浦东新区");
        engineer["name"] = "李工";
        Assert.Equal(HttpStatusCode.Created, (await Supervisor.PostAsJsonAsync("/api/engineers", engineer)).StatusCode);
        var ticket = TicketRequests.Valid("空调不制冷，外机异响");
        ticket["urgency"] = "normal";
        ticket["product"]!["warrantyStatus"] = "outOfWarranty";
        ticket["product"]!["line"] = "空调";
        var created = await Agent.PostTicketAsync(ticket);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Number = body["number"]!.ToString();
        Assert.Equal("assigned", body["status"]!.ToString());
        return body;
    }

    /// <summary>Accept, agree the visit, start, and send a quote; returns the quote link the customer got by SMS.</summary>
    public async Task<string> QuoteAsync()
    {
        await StepAsync(Engineer, "accept", null, "accepted");
        await StepAsync(Engineer, "appointment", new { from = "2026-11-23T14:00:00+08:00", to = "2026-11-23T16:00:00+08:00", mode = "onSite", reason = "客户下午在家" }, "accepted");
        time.Advance(TimeSpan.FromHours(4));
        await StepAsync(Engineer, "start", null, "inService");
        var quoted = await StepAsync(Engineer, "quote", new
        {
            parts = new[] { new { partNumber = "CAP-35", name = "启动电容", quantity = 1, unitPrice = 85m }, new { partNumber = "FAN-M2", name = "外机风扇电机", quantity = 1, unitPrice = 260m } },
            labourAmount = 120m,
            plan = "启动电容老化、外机风扇电机轴承磨损，更换两件",
            risks = "拆装外机约需1小时",
        }, "waitingForApproval");
        Assert.Null(quoted["customerLink"]); // staff never get the customer's own link
        return await SmsLinkAsync("quoteApproval");
    }

    /// <summary>Record the visit with the parts, resolve, report the result; returns the confirmation link the customer got by SMS.</summary>
    public async Task<string> FinishAsync()
    {
        var now = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        await StepAsync(Engineer, "visits", new
        {
            startedAt = now.AddMinutes(-50).ToString("O"),
            endedAt = now.ToString("O"),
            mode = "onSite",
            findings = "启动电容鼓包，外机风扇电机轴承异响",
            measures = "更换启动电容和外机风扇电机，试机制冷正常",
            parts = new[]
            {
                new { partNumber = "CAP-35", name = "启动电容", quantity = 1, unitPrice = 85m, genuine = true, oldPartShown = true },
                new { partNumber = "FAN-M2", name = "外机风扇电机", quantity = 1, unitPrice = 260m, genuine = true, oldPartShown = true },
            },
            labour = new { hours = 1m, amount = 120m },
        }, "inService");
        await StepAsync(Engineer, "resolve", new
        {
            outcome = "repaired",
            cause = "启动电容老化失效，风扇电机轴承磨损",
            solution = "更换启动电容、外机风扇电机",
            advice = "每年换季前清洗滤网",
            warrantyMonths = 6,
        }, "resolved");
        var reported = await StepAsync(Agent, "report-result", new { summary = "已电话告知维修结果" }, "awaitingConfirmation");
        Assert.Null(reported["customerLink"]);
        return await SmsLinkAsync("resultConfirmation");
    }

    /// <summary>Registered → quoted → approved by the customer on the quote page → finished; returns the confirmation link's path.</summary>
    public async Task<string> ReadyToConfirmAsync(HttpClient customer)
    {
        await RegisterAsync();
        var quote = PathOf(await QuoteAsync());
        var approved = await customer.PostAsync($"{quote}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        return PathOf(await FinishAsync());
    }

    /// <summary>Accept, start, resolve as repaired, report, and record the customer's satisfied answer by phone; returns the confirmed ticket.</summary>
    public async Task<JsonObject> RepairedAndConfirmedAsync()
    {
        await StepAsync(Engineer, "accept", null, "accepted");
        await StepAsync(Engineer, "start", null, "inService");
        await StepAsync(Engineer, "resolve", new { outcome = "repaired", cause = "冷媒不足", solution = "补充冷媒，试机正常" }, "resolved");
        await StepAsync(Agent, "report-result", new { summary = "已电话告知维修结果" }, "awaitingConfirmation");
        return await StepAsync(Agent, "confirm", new { rating = "satisfied", reason = "客户电话确认满意" }, "confirmed");
    }

    public async Task<JsonObject> StepAsync(HttpClient client, string command, object? body, string expectedStatus)
    {
        // No SMS attempt is in flight when the clock jumps: one would outlive its lease (in the app's time) and be taken
        // over while the provider is still answering it, which real time never does.
        await app.Services.GetRequiredService<Application.Notifications.SmsDispatcher>().WhenIdleAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        var response = await client.CommandAsync(Number, command, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {json}");
        Assert.Equal(expectedStatus, json["status"]!.ToString());
        return json;
    }

    public async Task<JsonArray> HistoryAsync() => (await Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{Number}/history"))!;

    public async Task<JsonObject> TicketAsync() => (await Agent.GetFromJsonAsync<JsonObject>($"/api/tickets/{Number}"))!;

    /// <summary>The link in the newest SMS of <paramref name="kind"/> sent to the customer (as an address on the test server).</summary>
    public async Task<string> SmsLinkAsync(string kind)
    {
        // The message goes out (or, without a provider, into the local outbox) right after the commit.
        await app.Services.GetRequiredService<Application.Notifications.SmsDispatcher>().WhenIdleAsync();

        var sms = (await Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{Number}/sms"))!;
        var newest = sms.Last(m => m!["kind"]!.ToString() == kind)!;
        var tag = $"{newest["ticket"]}/{newest["key"]}";
        var text = Received is { } received ? received(tag)
            : Phone is null ? newest["text"]!.ToString()
            : Phone.Transmissions.Last(t => t.Tag == tag).Message;
        var link = System.Text.RegularExpressions.Regex.Match(text, @"(https?://\S+?)?/c/(v1\.[A-Za-z0-9._\-]+|[2-9A-HJ-NP-Z]{10})(\?lang=en)?").Value;
        Assert.False(string.IsNullOrEmpty(link), text);
        return link.StartsWith("http", StringComparison.Ordinal) ? link : "http://localhost" + link;
    }

    /// <summary>The path and query of a link (the test server answers relative addresses).</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;
}
