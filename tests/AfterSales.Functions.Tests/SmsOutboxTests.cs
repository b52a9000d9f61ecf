using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Customer SMS end to end: the outbox row written with the ticket change, sent through a fake Azure
/// Communication Services that checks every signature, under every fault it can inject. Each test counts
/// what reached the "handset" — never more than one per message.
/// </summary>
public sealed class SmsOutboxTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    // Monday 2026-11-23 10:00 in Shanghai.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private FakeAcsServer _acs = null!;

    public async Task InitializeAsync() => _acs = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await _acs.DisposeAsync();

    [Fact]
    public async Task Intake_SendsOneSignedSms_RightAfterTheCommit_AndADeliveryReportMarksItDelivered()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString);

        var number = await sms.RegisterAsync();
        await sms.SettleAsync();

        var sent = Assert.Single(_acs.Transmissions);
        Assert.All(_acs.Requests, r => Assert.True(r.SignatureValid, r.Problem));
        Assert.Equal("+86" + TicketRequests.Phone, sent.To);
        Assert.StartsWith("【售后服务】您的服务请求已受理，工单号" + number, sent.Message, StringComparison.Ordinal);
        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("sent", message["status"]!.ToString());
        Assert.Equal("requestReceived", message["kind"]!.ToString());
        Assert.Equal(sent.MessageId, message["providerMessageId"]!.ToString());
        Assert.Equal(1, message["attempts"]!.GetValue<int>());

        var report = await sms.App.CreateClient().PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", FakeAcsServer.DeliveryReport(sent));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(1, (await report.JsonAsync())["delivered"]!.GetValue<int>());
        var again = await sms.App.CreateClient().PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", FakeAcsServer.DeliveryReport(sent));
        Assert.Equal(1, (await again.JsonAsync())["alreadyKnown"]!.GetValue<int>());

        message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("delivered", message["status"]!.ToString());
        var history = (await sms.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/history"))!;
        var onHistory = Assert.Single(history[0]!["sms"]!.AsArray())!;
        Assert.Equal("delivered", onHistory["status"]!.ToString());
        Assert.DoesNotContain(TicketRequests.Phone[3..], history.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TicketRequests.Phone, string.Concat(sms.App.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFault_IsRetried_UntilSentExactlyOnce_HonouringRetryAfter()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString);
        _acs.Faults.Enqueue(new AcsFault.ServerError());
        _acs.Faults.Enqueue(new AcsFault.Throttled(TimeSpan.FromMinutes(10)));
        _acs.Faults.Enqueue(new AcsFault.Dropped());
        _acs.Faults.Enqueue(new AcsFault.RecipientRefused(503, "Carrier busy"));
        _acs.Faults.Enqueue(new AcsFault.SlowAnswer(TimeSpan.FromSeconds(8))); // sent, but the answer comes after the 3 s timeout

        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        var afterFirst = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("pending", afterFirst["status"]!.ToString());
        Assert.Contains("500", afterFirst["error"]!.ToString(), StringComparison.Ordinal);

        // Sweep every minute for an hour and a half: the faults pass, the message goes out once.
        var attemptsAt = new List<DateTimeOffset>();
        for (var minute = 0; minute < 90 && Assert.Single(await sms.MessagesAsync(number))!["status"]!.ToString() != "sent"; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await sms.SweepAsync();
        }

        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("sent", message["status"]!.ToString());
        Assert.Equal(6, message["attempts"]!.GetValue<int>());
        Assert.Single(_acs.Transmissions);
        Assert.Empty(_acs.UnstableRepeats);
        var requests = _acs.Requests.ToList();
        Assert.Equal(6, requests.Count);
        Assert.Single(requests.Select(r => r.RepeatabilityRequestId).Distinct());
        Assert.Single(requests.Select(r => r.RepeatabilityFirstSent).Distinct());
        Assert.All(requests, r => Assert.True(r.SignatureValid, r.Problem));
        // The attempt after the 429 waited the 10 minutes asked for, not the 1-2 minutes of backoff.
        var steps = message["steps"]!.AsArray().Where(s => s!["what"]!.ToString() == "attempt").Select(s => s!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.True(steps[2] - steps[1] >= TimeSpan.FromMinutes(10), $"{steps[1]:O} → {steps[2]:O}");
    }

    [Fact]
    public async Task RefusedRecipient_FailsAtOnce_AndOutOfAttempts_Fails_BothVisibleToTheSupervisor()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString, b => b.UseSetting("Sms:MaxAttempts", "3"));
        _acs.Faults.Enqueue(new AcsFault.RecipientRefused(400, "Invalid phone number"));
        var refused = await sms.RegisterAsync();
        await sms.SettleAsync();
        _acs.Faults.Enqueue(new AcsFault.ServerError());
        _acs.Faults.Enqueue(new AcsFault.ServerError());
        _acs.Faults.Enqueue(new AcsFault.ServerError());
        var exhausted = await sms.RegisterAsync();
        await sms.SettleAsync();

        await sms.SweepEveryAsync(TimeSpan.FromMinutes(1), 10);

        Assert.Empty(_acs.Transmissions);
        Assert.Contains("Invalid phone number", Assert.Single(await sms.MessagesAsync(refused))!["error"]!.ToString(), StringComparison.Ordinal);
        var gaveUp = Assert.Single(await sms.MessagesAsync(exhausted))!;
        Assert.Equal("failed", gaveUp["status"]!.ToString());
        Assert.StartsWith("Gave up after 3 attempts", gaveUp["error"]!.ToString(), StringComparison.Ordinal);
        var failed = (await sms.App.ClientAs("supervisor").GetFromJsonAsync<JsonObject>("/api/sms?status=failed"))!["items"]!.AsArray();
        Assert.Equal([refused, exhausted], failed.Select(f => f!["ticketNumber"]!.ToString()).Order());
        Assert.Equal(4, _acs.Requests.Count);
    }

    [Fact]
    public async Task RefusedConnections_AreRetried_UntilTheProviderIsBack()
    {
        var port = FakeAcsServer.FreePort();
        await using var later = await FakeAcsServer.StartAsync(port);
        await later.DisposeAsync(); // the port now refuses connections
        using var sms = new SmsTestApp(azurite, _time, $"endpoint=http://127.0.0.1:{port}/;accesskey={later.AccessKey}");

        var number = await sms.RegisterAsync();
        await sms.SettleAsync();
        var waiting = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("pending", waiting["status"]!.ToString());
        Assert.Contains("No connection", waiting["error"]!.ToString(), StringComparison.Ordinal);

        await using var back = await FakeAcsServer.StartAsync(port, later.AccessKey);
        await sms.SweepEveryAsync(TimeSpan.FromMinutes(1), 5);

        Assert.Equal("sent", Assert.Single(await sms.MessagesAsync(number))!["status"]!.ToString());
        Assert.Single(back.Transmissions);
    }

    [Fact]
    public async Task ACrashBetweenCommitAndSend_IsRecoveredByTheRetrySweep_ExactlyOnce()
    {
        string number;
        string prefix;
        using (var crashing = new SmsTestApp(azurite, _time, _acs.ConnectionString,
                   b => b.ConfigureTestServices(s => s.AddSingleton<ITicketStore>(sp => new CrashAfterCommit(ActivatorUtilities.CreateInstance<Infrastructure.Tickets.TableTicketStore>(sp))))))
        {
            prefix = crashing.App.Prefix;
            var response = await crashing.Agent.PostTicketAsync(TicketRequests.Valid());
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode); // the process "died" right after the write
            await crashing.SettleAsync();
            var stored = await crashing.App.ClientAs("agent").GetFromJsonAsync<JsonObject>("/api/tickets");
            number = stored!["items"]![0]!["number"]!.ToString();
            Assert.Equal("pending", Assert.Single(await crashing.MessagesAsync(number))!["status"]!.ToString());
        }

        Assert.Empty(_acs.Requests);
        using var restarted = new SmsTestApp(azurite, _time, _acs.ConnectionString, prefix: prefix);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(restarted.SweepAsync(), restarted.SweepAsync()); // two instances at once
        await restarted.SweepEveryAsync(TimeSpan.FromMinutes(1), 3);

        Assert.Single(_acs.Transmissions);
        Assert.Single(_acs.Requests);
        Assert.Equal("sent", Assert.Single(await restarted.MessagesAsync(number))!["status"]!.ToString());
    }

    [Fact]
    public async Task AnAttemptLostMidway_IsMadeAgainAfterItsLease_WithTheSameRepeatabilityId_AndNotSentTwice()
    {
        // The provider takes the message but the process stops before recording the answer: after the lease the
        // sweep of the restarted app asks again with the same id, and the provider answers without sending again.
        string number;
        string prefix;
        using (var dying = new SmsTestApp(azurite, _time, _acs.ConnectionString, b => b.ConfigureTestServices(services =>
               {
                   var real = services.Last(d => d.ServiceType == typeof(ISmsSender));
                   services.AddSingleton<ISmsSender>(sp => new DiesAfterSending((ISmsSender)real.ImplementationFactory!(sp)));
               })))
        {
            prefix = dying.App.Prefix;
            number = await dying.RegisterAsync();
            await dying.SettleAsync();
            Assert.Equal("sending", Assert.Single(await dying.MessagesAsync(number))!["status"]!.ToString());
        }

        using var restarted = new SmsTestApp(azurite, _time, _acs.ConnectionString, prefix: prefix);
        await restarted.SweepAsync(); // still within the lease: left alone
        Assert.Single(_acs.Requests);
        await restarted.SweepEveryAsync(TimeSpan.FromMinutes(1), 2);

        var message = Assert.Single(await restarted.MessagesAsync(number))!;
        Assert.Equal("sent", message["status"]!.ToString());
        Assert.Equal(2, message["attempts"]!.GetValue<int>());
        Assert.Equal(2, _acs.Requests.Count);
        Assert.Equal(_acs.Transmissions.Single().MessageId, message["providerMessageId"]!.ToString());
        Assert.Empty(_acs.UnstableRepeats);
    }

    [Fact]
    public async Task WithoutAProvider_MessagesGoToTheLocalOutbox_ReadableByStaff_MaskedForManagers()
    {
        using var sms = new SmsTestApp(azurite, _time, connectionString: null);
        var flow = new ServiceFlow(sms.App, _time);
        await flow.RegisterAsync();
        await flow.QuoteAsync();
        await sms.SettleAsync();

        var agent = (await sms.Agent.GetFromJsonAsync<JsonObject>("/api/sms?status=local"))!["items"]!.AsArray();
        var kinds = agent.Select(m => m!["kind"]!.ToString()).ToList();
        // The customer's; the engineer's job offer is kept too, unless the engineer accepted before it went (cancelled).
        Assert.Equal(["requestReceived", "engineerAssigned", "quoteApproval"], kinds.Where(k => k != "jobOffered"));
        var quote = agent.Single(m => m!["kind"]!.ToString() == "quoteApproval")!;
        Assert.Matches("https://service.example.cn/c/[2-9A-HJ-NP-Z]{10}$", quote["text"]!.ToString());
        Assert.Equal("+86" + TicketRequests.Phone, quote["to"]!.ToString());
        Assert.Equal("local", quote["provider"]!.ToString());

        var manager = (await sms.App.ClientAs("manager").GetFromJsonAsync<JsonObject>("/api/sms"))!["items"]!.AsArray();
        Assert.DoesNotContain(TicketRequests.Phone[3..], manager.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"/c/(v1\.|[2-9A-HJ-NP-Z]{10}\b)", manager.ToJsonString());
        var first = (await sms.Agent.GetFromJsonAsync<JsonObject>("/api/sms?status=local&pageSize=2"))!;
        var second = (await sms.Agent.GetFromJsonAsync<JsonObject>(first["next"]!.ToString()))!;
        Assert.Equal(kinds, first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(m => m!["kind"]!.ToString()));
        Assert.Null(second["next"]);
        var bad = await sms.Agent.GetAsync("/api/sms?status=lost&from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("status") && errors.ContainsKey("from"), errors.ToJsonString());
    }

    [Fact]
    public async Task TheWholeService_SendsOneSmsPerStepTheCustomerShouldHearAbout()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString, b => b.UseEnvironment("Development")); // the console's sign-in per role
        var flow = new ServiceFlow(sms.App, _time) { Phone = _acs };
        var customer = sms.App.CreateClient(new() { AllowAutoRedirect = false });
        await flow.RegisterAsync();
        var quote = ServiceFlow.PathOf(await flow.QuoteAsync());
        await sms.SettleAsync();
        var quoteSms = _acs.Transmissions.Single(t => t.Message.Contains("报价", StringComparison.Ordinal));
        Assert.Contains(quote, quoteSms.Message.Replace("https://service.example.cn", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var approved = await customer.PostAsync($"{quote}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var confirm = ServiceFlow.PathOf(await flow.FinishAsync());
        var confirmed = await customer.PostAsJsonAsync($"{confirm}/confirm", new { rating = "notSatisfied", comment = "还是有异响", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await sms.SettleAsync();
        await sms.SweepEveryAsync(TimeSpan.FromMinutes(1), 3);

        var messages = await sms.MessagesAsync(flow.Number);
        var byKind = messages.GroupBy(m => m!["kind"]!.ToString()).ToDictionary(g => g.Key, g => g.Select(m => m!["status"]!.ToString()).ToList());
        Assert.Equal(["sent"], byKind["requestReceived"]);
        Assert.Equal(["sent"], byKind["engineerAssigned"]);
        Assert.Equal(["cancelled"], byKind["visitReminder"]); // no sweep ran before the visit began; a reminder after that is pointless
        Assert.Equal(["sent"], byKind["quoteApproval"]);
        Assert.Equal(["sent"], byKind["resultConfirmation"]);
        Assert.Equal(["sent"], byKind["ticketReopened"]);
        // To the engineer, once per offer: sent, or cancelled when the engineer accepted before it went.
        Assert.Contains("sent", byKind["jobOffered"]);
        Assert.All(byKind["jobOffered"], status => Assert.Contains(status, new[] { "sent", "cancelled" }));
        Assert.Equal(5 + byKind["jobOffered"].Count(s => s == "sent"), _acs.Transmissions.Count);
        Assert.Equal(_acs.Transmissions.Count, _acs.Transmissions.Select(t => t.RepeatabilityRequestId).Distinct().Count());
        Assert.Contains("李工", _acs.Transmissions.Single(t => t.Message.Contains("安排", StringComparison.Ordinal) && !t.Message.Contains("第2次", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("第2次", _acs.Transmissions.Last(t => !t.Message.Contains("新工单待接", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

        // Every link went out to the provider: no staff role reads a usable one anywhere, history included.
        var links = _acs.Transmissions.Select(t => System.Text.RegularExpressions.Regex.Match(t.Message, @"/c/(v1\.[A-Za-z0-9._\-]+|[2-9A-HJ-NP-Z]{10})").Value).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, links.Count); // the quote and the confirmation
        foreach (var role in new[] { Roles.Agent, Roles.Supervisor, Roles.Engineer, Roles.FollowUp, Roles.Manager })
        {
            var client = sms.App.ClientAs(role);
            var console = await ConsoleSession.SignedInAsync(sms.App, role);
            var views = new List<(string Where, string Body)>();
            foreach (var path in new[] { $"/api/tickets/{flow.Number}/sms", "/api/sms?status=sent", "/api/sms", $"/api/tickets/{flow.Number}/history", $"/api/tickets/{flow.Number}" })
            {
                var answer = await client.GetAsync(path);
                Assert.True(answer.IsSuccessStatusCode, $"{role} {path}: {(int)answer.StatusCode}");
                views.Add(($"{role} {path}", await answer.Content.ReadAsStringAsync()));
            }

            views.Add(($"{role} console ticket page", await console.GetStringAsync($"/console/tickets/{flow.Number}")));
            Assert.Contains(views, v => v.Body.Contains("service.example.cn/c/", StringComparison.Ordinal)); // the link's place, masked
            foreach (var (where, body) in views)
            {
                Assert.DoesNotMatch(@"/c/(v1\.|[2-9A-HJ-NP-Z]{10}\b)", body);
                Assert.All(links, link => Assert.DoesNotContain(link[3..], body, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task QuietHours_HoldTheVisitReminderUntilMorning_ButNotAnUrgentTicketsOrAnAnswerToTheCustomer()
    {
        // Sunday 22:30 in Shanghai.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 14, 30, 0, TimeSpan.Zero));
        using var sms = new SmsTestApp(azurite, time, _acs.ConnectionString);
        var normal = TicketRequests.Valid("空调不制冷，外机异响");
        normal["urgency"] = "normal";
        var numbers = new[] { await sms.RegisterAsync(normal), await sms.RegisterAsync() };
        await sms.SettleAsync();
        Assert.Equal(2, _acs.Transmissions.Count); // "request received" answers the customer at once, even at night

        await TeamRequests.EnsureEngineersAsync(sms.App.ClientAs("supervisor"), ["test-engineer"]);
        foreach (var number in numbers)
        {
            await sms.App.ClientAs("supervisor").CommandAsync(number, "assign", new { engineer = "test-engineer", reason = "值班" });
            await sms.App.ClientAs("engineer").CommandAsync(number, "accept");
            // Visit tomorrow 09:00: the reminder is due 07:00, inside quiet hours.
            var agreed = await sms.App.ClientAs("engineer").CommandAsync(number, "appointment", new { from = "2026-11-23T09:00:00+08:00", to = "2026-11-23T11:00:00+08:00", mode = "onSite", reason = "客户确认" });
            Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        }

        await sms.SettleAsync();
        // Engineer assigned: an answer, not proactive. The urgent job's offer reached the engineer at night; the normal
        // one's waited for the morning and was never sent, as the engineer accepted first.
        Assert.Equal(5, _acs.Transmissions.Count);
        Assert.Equal("cancelled", (await sms.MessagesAsync(numbers[0])).Single(m => m!["kind"]!.ToString() == "jobOffered")!["status"]!.ToString());
        Assert.Equal("sent", (await sms.MessagesAsync(numbers[1])).Single(m => m!["kind"]!.ToString() == "jobOffered")!["status"]!.ToString());
        time.SetUtcNow(new DateTimeOffset(2026, 11, 22, 23, 0, 30, TimeSpan.Zero)); // 07:00:30
        await sms.SweepAsync();
        Assert.Equal(6, _acs.Transmissions.Count);
        Assert.Contains(numbers[1], _acs.Transmissions.Last().Message, StringComparison.Ordinal); // the urgent ticket's reminder
        time.SetUtcNow(new DateTimeOffset(2026, 11, 22, 23, 59, 30, TimeSpan.Zero)); // 07:59:30
        await sms.SweepAsync();
        Assert.Equal(6, _acs.Transmissions.Count);
        time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 0, 0, 30, TimeSpan.Zero)); // 08:00:30
        await sms.SweepAsync();
        Assert.Equal(7, _acs.Transmissions.Count);
        var reminder = (await sms.MessagesAsync(numbers[0])).Single(m => m!["kind"]!.ToString() == "visitReminder")!;
        Assert.Equal("sent", reminder["status"]!.ToString());
        Assert.Contains(reminder["steps"]!.AsArray(), s => s!["what"]!.ToString() == "deferred");
    }

    [Fact]
    public async Task AComplaint_IsAcknowledgedWithItsFeedbackTime_AndAnEnglishSpeakingCustomer_GetsEnglish()
    {
        using var sms = new SmsTestApp(azurite, _time, connectionString: null);
        var complaint = TicketRequests.Valid("上门安装的师傅态度恶劣");
        complaint["type"] = "complaint";
        complaint["tag"] = "服务态度";
        complaint["urgency"] = "normal";
        var english = TicketRequests.Valid();
        english["customer"]!["language"] = "en";
        english["customer"]!["name"] = "Smith";

        var complained = await sms.RegisterAsync(complaint);
        var asked = await sms.RegisterAsync(english);
        await sms.SettleAsync();

        var acknowledged = Assert.Single(await sms.MessagesAsync(complained))!;
        Assert.Equal("complaintAcknowledged", acknowledged["kind"]!.ToString());
        Assert.Equal($"【售后服务】您的投诉已收到（工单{complained}），主管将于11月24日 10:00前联系您。", acknowledged["text"]!.ToString());
        var received = Assert.Single(await sms.MessagesAsync(asked))!;
        Assert.Equal($"[AfterSales] Request received, ticket {asked}. We will contact you by 23 Nov 12:00.", received["text"]!.ToString());
        Assert.Equal("en", received["language"]!.ToString());
        Assert.Equal(1, received["segments"]!.GetValue<int>());
        var bad = TicketRequests.Valid();
        bad["customer"]!["language"] = "fr";
        var refused = await sms.Agent.PostTicketAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("zh", (await refused.JsonAsync())["errors"]!["customer.language"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryReports_NeedTheKey_AndTheValidationHandshakeAnswers()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString);
        var client = sms.App.CreateClient();
        var validation = new JsonArray(new JsonObject
        {
            ["id"] = "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
            ["topic"] = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Communication/CommunicationServices/acs",
            ["subject"] = "",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["data"] = new JsonObject { ["validationCode"] = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" },
            ["eventTime"] = "2026-11-23T02:00:00Z",
            ["dataVersion"] = "1",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/events/sms", validation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/events/sms?key=wrong", validation)).StatusCode);
        var answered = await client.PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", validation);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await answered.JsonAsync())["validationResponse"]!.ToString());

        var options = new HttpRequestMessage(HttpMethod.Options, "/api/events/sms");
        options.Headers.Add(Api.SmsApi.EventKeyHeader, SmsTestApp.EventKey);
        options.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        var handshake = await client.SendAsync(options);
        Assert.Equal(HttpStatusCode.OK, handshake.StatusCode);
        Assert.Equal("eventgrid.azure.net", handshake.Headers.GetValues("WebHook-Allowed-Origin").Single());

        var unknown = FakeAcsServer.DeliveryReport(new AcsTransmission("+8613800000000", "x", Guid.NewGuid().ToString(), "Outgoing_x", "nothing/sms-000001-requestReceived"), "Failed");
        Assert.Equal(1, (await (await client.PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", unknown)).JsonAsync())["unknown"]!.GetValue<int>());

        // The same report in the CloudEvents 1.0 schema (a subscription may deliver that instead) is read the same way.
        var report = unknown[0]!.AsObject();
        var cloud = new JsonArray(new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = report["id"]!.ToString(),
            ["source"] = report["topic"]!.ToString(),
            ["subject"] = report["subject"]!.ToString(),
            ["type"] = report["eventType"]!.ToString(),
            ["time"] = report["eventTime"]!.ToString(),
            ["data"] = report["data"]!.DeepClone(),
        });
        Assert.Equal(1, (await (await client.PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", cloud)).JsonAsync())["unknown"]!.GetValue<int>());

        // An event without its type is no Event Grid event: 400, naming the body.
        var untyped = new JsonArray(new JsonObject { ["id"] = "1", ["subject"] = "", ["dataVersion"] = "1", ["eventTime"] = "2026-11-23T02:00:00Z", ["data"] = new JsonObject() });
        var refused = await client.PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", untyped);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync())["errors"]!.AsObject().ContainsKey("body"));
    }

    [Fact]
    public async Task AnUndeliveredReport_MarksTheMessageFailed()
    {
        using var sms = new SmsTestApp(azurite, _time, _acs.ConnectionString);
        var number = await sms.RegisterAsync();
        await sms.SettleAsync();

        var report = FakeAcsServer.DeliveryReport(Assert.Single(_acs.Transmissions), "Failed", "Handset unreachable");
        await sms.App.CreateClient().PostAsJsonAsync($"/api/events/sms?key={SmsTestApp.EventKey}", report);

        var message = Assert.Single(await sms.MessagesAsync(number))!;
        Assert.Equal("failed", message["status"]!.ToString());
        Assert.Contains("Handset unreachable", message["error"]!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A sender whose process "dies" right after the provider took the message.</summary>
    private sealed class DiesAfterSending(ISmsSender inner) : ISmsSender
    {
        public string Name => inner.Name;

        public async Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken)
        {
            await inner.SendAsync(request, cancellationToken);
            throw new InvalidOperationException("The process stopped before recording the answer.");
        }
    }

    /// <summary>A ticket store whose process "dies" right after each successful write: nothing after the commit runs.</summary>
    private sealed class CrashAfterCommit(ITicketStore inner) : ITicketStore
    {
        public async Task<string?> TryCreateAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken) =>
            await inner.TryCreateAsync(ticket, events, messages, cancellationToken) is not null ? throw new InvalidOperationException("The process stopped after the commit.") : null;

        public async Task<string?> TryAppendAsync(StoredTicket before, Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken) =>
            await inner.TryAppendAsync(before, ticket, events, messages, cancellationToken) is not null ? throw new InvalidOperationException("The process stopped after the commit.") : null;

        public Task<StoredTicket?> GetAsync(TicketId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<StoredTicket?> FindByNumberAsync(TicketNumber number, CancellationToken cancellationToken) => inner.FindByNumberAsync(number, cancellationToken);

        public Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TicketId id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);

        public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);
    }
}
