using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application;
using AfterSales.Application.Notifications;
using AfterSales.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// A whole service flow with a mainland provider: every notification reaches the fake Alibaba or Tencent service as a
/// correctly signed request for its approved template, the customer acts on the service codes it received, and staff
/// never see a usable code.
/// </summary>
public sealed class ChinaSmsFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));

    private static string TemplateOf(NotificationKind kind) => $"SMS_46{(int)kind:D4}";

    private static void UseAliyun(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder, FakeAliyunSms aliyun)
    {
        builder.UseSetting("Sms:Provider", "aliyun");
        builder.UseSetting("Sms:Aliyun:Endpoint", aliyun.Endpoint.ToString());
        builder.UseSetting("Sms:Aliyun:AccessKeyId", aliyun.AccessKeyId);
        builder.UseSetting("Sms:Aliyun:AccessKeySecret", aliyun.AccessKeySecret);
        builder.UseSetting("Sms:Aliyun:SignName", "售后服务");
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            builder.UseSetting($"Sms:Aliyun:Templates:{EnumNames.Name(kind)}:Code", TemplateOf(kind));
        }
    }

    [Fact]
    public async Task Aliyun_ASendWhoseAnswerWasLost_IsFoundInTheServicesRecords_NotSentAgain()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseAliyun(builder, aliyun));
        aliyun.Faults.Enqueue(new AliyunFault.SlowAnswer(TimeSpan.FromSeconds(6))); // sent, but the answer comes after Sms:RequestTimeout (3 s)

        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        var waiting = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("pending", waiting["status"]!.ToString());
        Assert.Single(aliyun.Transmissions);

        await sms.SweepEveryAsync(TimeSpan.FromMinutes(2), 1);

        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("sent", message["status"]!.ToString());
        Assert.Contains(message["steps"]!.AsArray(), step => step!["detail"]?.ToString().Contains("Alibaba's records", StringComparison.Ordinal) == true);
        Assert.Single(aliyun.Transmissions); // the customer got it once
        Assert.Contains(aliyun.Requests, r => r.Action == "QuerySendDetails" && r.Problem is null);
    }

    [Fact]
    public async Task Aliyun_Receipts_MarkMessagesDeliveredOrFailed_OnlyWithTheKey_AndAPushRepeatedChangesNothing()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseAliyun(builder, aliyun));
        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        var sent = Assert.Single(aliyun.Transmissions);
        var anonymous = sms.App.CreateClient();

        var refused = await anonymous.PostAsJsonAsync("/api/events/sms/aliyun", FakeAliyunSms.Receipt(sent));
        var pushed = await anonymous.PostAsJsonAsync($"/api/events/sms/aliyun?key={SmsTestApp.EventKey}", FakeAliyunSms.Receipt(sent));
        var again = await anonymous.PostAsJsonAsync($"/api/events/sms/aliyun?key={SmsTestApp.EventKey}", FakeAliyunSms.Receipt(sent, success: false, "MK:0001", "空号"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal(0, (await pushed.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("delivered", message["status"]!.ToString());
        Assert.Equal(sent.BizId, message["providerMessageId"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync($"/api/events/sms/aliyun?key={SmsTestApp.EventKey}", new StringContent("{\"not\":\"an array\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // An operator that could not deliver: the message failed, and supervisors read why, in Chinese, with the operator's code.
        var second = await sms.RegisterAsync();
        await sms.SettleAsync();
        var undelivered = aliyun.Transmissions.Last();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/events/sms/aliyun?key={SmsTestApp.EventKey}", FakeAliyunSms.Receipt(undelivered, success: false, "UNDELIV", "用户无法接收"))).StatusCode);
        var failed = Assert.Single(await sms.MessagesAsync(second))!;
        Assert.Equal("failed", failed["status"]!.ToString());
        Assert.Equal("smsUndeliverable", failed["failure"]!["code"]!.ToString());
        Assert.Equal(["UNDELIV"], failed["failure"]!["arguments"]!.AsArray().Select(a => a!.ToString()));
    }

    [Fact]
    public async Task Aliyun_SendsEveryNotificationAsItsTemplate_AndTheCustomerActsOnTheCodes()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseAliyun(builder, aliyun));
        var flow = new ServiceFlow(sms.App, _time)
        {
            Received = tag => "https://service.example.cn/c/" + aliyun.Transmissions.Last(t => t.OutId == tag).TemplateParam["code"]!.GetValue<string>(),
        };

        var sent = await ConfirmWithTheCodesAsync(sms, flow);

        Assert.All(aliyun.Requests, r => Assert.Null(r.Problem));
        Assert.True(sent.Count == aliyun.Transmissions.Count, await SentAndStoredAsync(sms, flow.Number, aliyun.Transmissions.Select(t => $"{t.OutId} {t.TemplateCode}")));
        foreach (var message in sent)
        {
            var kind = Enum.Parse<NotificationKind>(message["kind"]!.ToString(), ignoreCase: true);
            var transmission = Assert.Single(aliyun.Transmissions, t => t.OutId == $"{message["ticket"]}/{message["key"]}");
            Assert.Equal(TemplateOf(kind), transmission.TemplateCode);
            Assert.Equal("售后服务", transmission.SignName);
            Assert.Equal(kind == NotificationKind.JobOffered ? EngineerPhone : TicketRequests.Phone, transmission.PhoneNumbers);
            var expected = SmsVariables.For(kind, SmsTemplates.Defaults.Single(t => t.Kind == kind)).Select(v => v.Name).ToList();
            Assert.Equal(expected, transmission.TemplateParam.Select(p => p.Key).ToList());
            Assert.All(transmission.TemplateParam, p => Assert.InRange(p.Value!.GetValue<string>().Length, 1, 35));
            Assert.Equal(flow.Number, transmission.TemplateParam["number"]!.GetValue<string>());
            Assert.True(message["provider"]?.ToString() == "aliyun", message.ToJsonString());
        }
    }

    [Fact]
    public async Task Tencent_ASendWhoseAnswerWasLost_IsNotMadeAgainWhileTencentsRecordsMayStillLagBehindIt()
    {
        await using var tencent = await FakeTencentSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseTencent(builder, tencent));
        tencent.Faults.Enqueue(new TencentFault.SlowAnswer(TimeSpan.FromSeconds(6))); // sent; the answer comes after Sms:RequestTimeout
        tencent.RecordsShown = false; // and no operator's receipt yet, so Tencent's records do not show it

        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        Assert.Single(tencent.Transmissions);

        // Two minutes on, the retry looks it up and does not find it: it waits for the records, it does not send again.
        await sms.SweepEveryAsync(TimeSpan.FromMinutes(2), 1);
        var waiting = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("pending", waiting["status"]!.ToString());
        Assert.Contains("can lag behind", waiting["steps"]!.AsArray()[^1]!["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Single(tencent.Transmissions);

        // The receipt came; after Sms:Tencent:RecordsLag the lookup finds the send: recorded as sent, sent once.
        tencent.RecordsShown = true;
        await sms.SweepEveryAsync(TimeSpan.FromMinutes(4), 1);
        Assert.Equal("sent", Assert.Single(await sms.MessagesAsync(number))!["status"]!.ToString());
        Assert.Single(tencent.Transmissions);
    }

    [Fact]
    public async Task OurOwnDailyLimitPerNumber_HoldsTheNextMessageUntilTomorrowMorning_SoTheProvidersLimitIsNeverHit()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder =>
        {
            UseAliyun(builder, aliyun);
            builder.UseSetting("Sms:PerNumberDailyLimit", "2");
        });

        // Three requests of one customer on Monday: two messages go, the third waits.
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await sms.RegisterAsync());
            await sms.SettleAsync();
        }

        Assert.Equal(2, aliyun.Transmissions.Count);
        var held = Assert.Single(await sms.MessagesAsync(numbers[2]))!;
        Assert.Equal("pending", held["status"]!.ToString());
        Assert.Equal(0, held["attempts"]!.GetValue<int>());
        Assert.Contains("Sms:PerNumberDailyLimit", held["steps"]!.AsArray()[^1]!["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)), held["nextAttemptAt"]!.GetValue<DateTimeOffset>());

        // Still Monday night: nothing. Tuesday 08:00, after the quiet hours: it goes, counted on Tuesday.
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(8)));
        await sms.SweepAsync();
        Assert.Equal(2, aliyun.Transmissions.Count);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 30, TimeSpan.FromHours(8)));
        await sms.SweepAsync();
        Assert.Equal(3, aliyun.Transmissions.Count);
        Assert.Equal("sent", Assert.Single(await sms.MessagesAsync(numbers[2]))!["status"]!.ToString());
    }

    [Fact]
    public async Task Aliyun_TheEngineerAJobIsOfferedTo_GetsItsTemplate_WithNoneOfTheCustomersDetails()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseAliyun(builder, aliyun));
        await TeamRequests.EnsureEngineersAsync(sms.App.ClientAs(AfterSales.Application.Access.Roles.Supervisor), ["test-engineer"]);

        var number = await sms.RegisterAsync(); // urgent, dispatched at intake: ten minutes to accept
        await sms.SettleAsync();

        var offer = Assert.Single(aliyun.Transmissions, t => t.TemplateCode == TemplateOf(NotificationKind.JobOffered));
        Assert.Equal(EngineerPhone, offer.PhoneNumbers);
        Assert.Equal(
            ["urgency:紧急", "district:浦东新区", "minutes:10", $"number:{number}"],
            offer.TemplateParam.Select(p => $"{p.Key}:{p.Value!.GetValue<string>()}"));
        Assert.Equal("sent", (await sms.MessagesAsync(number)).Single(m => m!["kind"]!.ToString() == "jobOffered")!["status"]!.ToString());
    }

    /// <summary>The phone of the engineers the service flow adds.</summary>
    private const string EngineerPhone = "13900001111";

    private static void UseTencent(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder, FakeTencentSms tencent)
    {
        builder.UseSetting("Sms:Provider", "tencent");
        builder.UseSetting("Sms:Tencent:Endpoint", tencent.Endpoint.ToString());
        builder.UseSetting("Sms:Tencent:SecretId", tencent.SecretId);
        builder.UseSetting("Sms:Tencent:SecretKey", tencent.SecretKey);
        builder.UseSetting("Sms:Tencent:SdkAppId", tencent.SdkAppId);
        builder.UseSetting("Sms:Tencent:SignName", "售后服务");
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            builder.UseSetting($"Sms:Tencent:Templates:{EnumNames.Name(kind)}:Id", TemplateOf(kind));
            builder.UseSetting($"Sms:Tencent:Templates:{EnumNames.Name(kind)}:MaxParamLength", "20");
        }
    }

    [Fact]
    public async Task Tencent_Receipts_FindTheirMessageBySid_AndOneThatCameBeforeTheSendWasRecorded_IsHeldUntilItIs()
    {
        await using var tencent = await FakeTencentSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseTencent(builder, tencent));
        var anonymous = sms.App.CreateClient();
        var key = $"?key={SmsTestApp.EventKey}";

        // The first send goes out, but its answer comes after Sms:RequestTimeout; its receipt comes before the app knows the send.
        tencent.Faults.Enqueue(new TencentFault.SlowAnswer(TimeSpan.FromSeconds(6)));
        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        var early = Assert.Single(tencent.Transmissions);
        var held = await anonymous.PostAsJsonAsync("/api/events/sms/tencent" + key, FakeTencentSms.Receipt(early));
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(0, (await held.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<int>());
        Assert.Equal("pending", Assert.Single(await sms.MessagesAsync(number))!["status"]!.ToString());

        // The retry finds the send in Tencent's records, records it, and the held receipt is applied then.
        await sms.SweepEveryAsync(TimeSpan.FromMinutes(2), 1);
        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("delivered", message["status"]!.ToString());
        Assert.Equal(early.SerialNo, message["providerMessageId"]!.ToString());
        Assert.Single(tencent.Transmissions);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/events/sms/tencent", FakeTencentSms.Receipt(early))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/events/sms/tencent" + key, FakeTencentSms.Receipt(early, success: false))).StatusCode);
        Assert.Equal("delivered", Assert.Single(await sms.MessagesAsync(number))!["status"]!.ToString()); // a later push changes nothing
    }

    [Fact]
    public async Task Tencent_SendsEveryNotificationAsItsTemplate_WithTheValuesInOrder_AndTheCustomerActsOnTheCodes()
    {
        await using var tencent = await FakeTencentSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseTencent(builder, tencent));
        var flow = new ServiceFlow(sms.App, _time)
        {
            Received = tag =>
            {
                var transmission = tencent.Transmissions.Last(t => t.SessionContext == tag);
                return "https://service.example.cn/c/" + transmission.Parameters[^1];
            },
        };

        var sent = await ConfirmWithTheCodesAsync(sms, flow);

        Assert.All(tencent.Requests, r => Assert.Null(r.Problem));
        Assert.True(sent.Count == tencent.Transmissions.Count, await SentAndStoredAsync(sms, flow.Number, tencent.Transmissions.Select(t => $"{t.SessionContext} {t.TemplateId}")));
        foreach (var message in sent)
        {
            var kind = Enum.Parse<NotificationKind>(message["kind"]!.ToString(), ignoreCase: true);
            var transmission = Assert.Single(tencent.Transmissions, t => t.SessionContext == $"{message["ticket"]}/{message["key"]}");
            Assert.Equal(TemplateOf(kind), transmission.TemplateId);
            Assert.Equal("+86" + (kind == NotificationKind.JobOffered ? EngineerPhone : TicketRequests.Phone), transmission.PhoneNumber);
            var variables = SmsVariables.For(kind, SmsTemplates.Defaults.Single(t => t.Kind == kind)).Select(v => v.Name).ToList();
            Assert.Equal(variables.Count, transmission.Parameters.Count);
            Assert.Equal(flow.Number, transmission.Parameters[variables.IndexOf("number")]);
            Assert.All(transmission.Parameters, p => Assert.InRange(p.Length, 1, 20));
        }
    }

    [Fact]
    public async Task TheTemplatesPage_ShowsManagersWhatToSubmitAndWhatIsConfigured_NeverAKey()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        using var sms = new SmsTestApp(azurite, _time, connectionString: null, builder => UseAliyun(builder, aliyun));

        var answer = await sms.App.ClientAs(AfterSales.Application.Access.Roles.Manager).GetAsync("/api/admin/sms/templates");
        var agent = await sms.Agent.GetAsync("/api/admin/sms/templates");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.DoesNotContain(aliyun.AccessKeySecret, body, StringComparison.Ordinal);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("aliyun", json["provider"]!.ToString());
        var templates = json["templates"]!.AsArray();
        Assert.Equal(Enum.GetValues<NotificationKind>().Length, templates.Count);
        var quote = templates.Single(t => t!["notification"]!.ToString() == "quoteApproval")!;
        Assert.Equal("工单${number}维修报价待您确认：https://service.example.cn/c/${code}", quote["text"]!.ToString());
        Assert.Equal(["number", "code"], quote["variables"]!.AsArray().Select(v => v!["name"]!.ToString()));
        Assert.Equal(TemplateOf(NotificationKind.QuoteApproval), quote["aliyunCode"]!.ToString());
    }

    [Fact]
    public void AProviderWithoutATemplateForANotification_StopsTheAppNamingIt()
    {
        var sms = new SmsTestApp(azurite, _time, connectionString: null, builder =>
        {
            builder.UseSetting("Sms:Provider", "aliyun");
            builder.UseSetting("Sms:Aliyun:AccessKeyId", "id");
            builder.UseSetting("Sms:Aliyun:AccessKeySecret", "secret");
            builder.UseSetting("Sms:Aliyun:SignName", "售后服务");
            foreach (var kind in Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.SurveyInvitation))
            {
                builder.UseSetting($"Sms:Aliyun:Templates:{EnumNames.Name(kind)}:Code", TemplateOf(kind));
            }
        });

        var failure = Assert.ThrowsAny<Exception>(() => sms.App.CreateClient());
        try
        {
            sms.Dispose();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException)
        {
            // The host never started: stopping it meets the same refusal again.
        }

        Assert.Contains("Sms:Aliyun:Templates:surveyInvitation:Code is missing", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Registered, quoted, approved on the quote page opened with the code from the SMS, finished, confirmed and signed
    /// on the page of the confirmation's code; returns the ticket's messages as the agent sees them.
    /// </summary>
    /// <summary>What reached the fake provider beside what the outbox holds: the story behind a count that does not match.</summary>
    private static async Task<string> SentAndStoredAsync(SmsTestApp sms, string number, IEnumerable<string> transmissions) =>
        string.Join("\n", transmissions) + "\n--\n" + string.Join("\n", (await sms.MessagesAsync(number)).Select(m => $"{m!["key"]} {m["status"]}"));

    private static async Task<List<JsonObject>> ConfirmWithTheCodesAsync(SmsTestApp sms, ServiceFlow flow)
    {
        var customer = sms.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = await flow.ReadyToConfirmAsync(customer);
        Assert.Matches("^/c/[2-9A-HJ-NP-Z]{10}$", link);
        var confirmed = await customer.PostAsJsonAsync($"{link}/confirm", new { rating = "satisfied", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await sms.SettleAsync();

        // A week later the follow-up opens; the customer answers the survey with the code its invitation carried.
        sms.Time.Advance(TimeSpan.FromDays(7));
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<AfterSales.Application.Timers.ITimerFunction>(sms.App.Services)
            .Single(t => t.Name == AfterSales.Application.FollowUps.FollowUpSweep.FunctionName).RunAsync(sms.Time.GetUtcNow(), CancellationToken.None);
        var survey = ServiceFlow.PathOf(await flow.SmsLinkAsync("surveyInvitation"));
        Assert.Matches("^/c/[2-9A-HJ-NP-Z]{10}$", survey);
        var answered = await customer.PostAsync($"{survey}/survey", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["attitude"] = "10", ["skill"] = "9", ["efficiency"] = "9", ["overall"] = "9", ["recommend"] = "10", ["productWorking"] = "yes", ["buyAgain"] = "yes",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode);
        Assert.Equal("closed", (await flow.TicketAsync())["status"]!.ToString());
        Assert.Contains((await flow.HistoryAsync()).Select(e => e!["type"]!.ToString()), t => t == "SurveyRecorded");

        var messages = (await sms.MessagesAsync(flow.Number)).Select(m => m!.AsObject()).ToList();
        Assert.Contains(messages, m => m["kind"]!.ToString() == "quoteApproval");
        Assert.Contains(messages, m => m["kind"]!.ToString() == "resultConfirmation");
        var sent = messages.Where(m => m["status"]!.ToString() == "sent").ToList();
        // Sent, or still waiting for its time (a visit reminder) or no longer needed (cancelled): none failed.
        Assert.All(messages, m => Assert.True(m["status"]!.ToString() is "sent" or "pending" or "cancelled", m.ToJsonString()));
        // What staff read never carries a code the customer could be impersonated with.
        Assert.All(messages, m => Assert.DoesNotMatch(@"/c/[2-9A-HJ-NP-Z]{10}", m.ToJsonString()));
        return sent;
    }
}
