using AfterSales.Application.Access;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The crash suite: the built app is killed (SIGKILL) while intakes, commands and customer confirmations are in
/// flight, started again on the same storage, and everything is sent again: nothing acknowledged is lost, nothing
/// happens twice, every ticket's history is whole.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Intakes = 30;
    private const int Confirmations = 5;

    private readonly string _prefix = azurite.NewPrefix();

    [Fact]
    public async Task KilledDuringIntakesCommandsAndConfirmations_ThenSentAgain_NothingIsLostAndNothingHappensTwice()
    {
        // Intakes with Idempotency-Keys, killed in flight.
        var acknowledged = new Dictionary<int, string>();
        await KilledWhileAsync(Enumerable.Range(0, Intakes).Select(i => (Func<HttpClient, Task>)(async http =>
        {
            var response = await http.SendAsync(Intake(i));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = (await response.JsonAsync())["id"]!.ToString();
                lock (acknowledged)
                {
                    acknowledged[i] = id;
                }
            }
        })));

        var ids = new string[Intakes];
        await WithAppAsync(async http =>
        {
            for (var i = 0; i < Intakes; i++)
            {
                var again = await http.SendAsync(Intake(i));
                Assert.True(again.StatusCode == HttpStatusCode.Created, $"intake {i}: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");
                ids[i] = (await again.JsonAsync())["id"]!.ToString();
            }
        });
        Assert.All(acknowledged, a => Assert.Equal(a.Value, ids[a.Key]));
        Assert.Equal(Intakes, ids.Distinct().Count());

        // Commands (cancel as withdrawn), killed in flight, then given again: each ticket cancelled once.
        var cancelled = ids.Take(Intakes - Confirmations).ToList();
        await KilledWhileAsync(cancelled.Select(id => (Func<HttpClient, Task>)(http => http.SendAsync(Cancel(id)))));
        await WithAppAsync(async http =>
        {
            foreach (var id in cancelled)
            {
                var again = await http.SendAsync(Cancel(id));
                Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{id}: {(int)again.StatusCode}");
            }
        });

        // Customer confirmations through their links, killed in flight, then submitted again.
        var confirming = ids.Skip(Intakes - Confirmations).ToList();
        var links = new List<string>();
        await WithAppAsync(async http =>
        {
            var engineer = TeamRequests.Engineer(Roles.Engineer, maxConcurrent: 100);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(As(Roles.Supervisor, HttpMethod.Post, "/api/engineers", engineer))).StatusCode);
            foreach (var id in confirming)
            {
                await StepAsync(http, Roles.Supervisor, id, "assign", new { engineer = Roles.Engineer, reason = "客户指定" });
                await StepAsync(http, Roles.Engineer, id, "accept", null);
                await StepAsync(http, Roles.Engineer, id, "start", null);
                await StepAsync(http, Roles.Engineer, id, "resolve", new { summary = "已修复" });
                await StepAsync(http, Roles.Agent, id, "report-result", new { summary = "已电话告知" });
                var sms = await (await http.SendAsync(As(Roles.Agent, HttpMethod.Get, $"/api/tickets/{id}/sms"))).Content.ReadFromJsonAsync<JsonArray>();
                var text = sms!.Last(m => m!["kind"]!.ToString() == "resultConfirmation")!["text"]!.ToString();
                links.Add(System.Text.RegularExpressions.Regex.Match(text, @"/c/(v1\.[A-Za-z0-9._\-]+|[2-9A-HJ-NP-Z]{10})").Value);
            }
        });
        var signature = new { rating = "satisfied", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) };
        await KilledWhileAsync(links.Select(link => (Func<HttpClient, Task>)(http => http.PostAsJsonAsync($"{link}/confirm", signature))));
        await WithAppAsync(async http =>
        {
            foreach (var link in links)
            {
                var again = await http.PostAsJsonAsync($"{link}/confirm", signature);
                Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{link}: {(int)again.StatusCode}");
            }
        });

        // Storage: every ticket once, its history whole; each cancellation and confirmation once; one signature each.
        var rows = await new TableClient(azurite.ConnectionString, $"{_prefix}Tickets").QueryAsync<TableEntity>().ToListAsync();
        var tickets = rows.Where(r => r.RowKey == "ticket").ToList();
        Assert.Equal(Intakes, tickets.Count);
        foreach (var ticket in tickets)
        {
            var events = rows.Where(r => r.PartitionKey == ticket.PartitionKey && r.RowKey.StartsWith("event-", StringComparison.Ordinal)).Select(r => r.RowKey).Order().ToList();
            Assert.Equal(Enumerable.Range(1, events.Count).Select(n => $"event-{n:000000}"), events);
            var types = rows.Where(r => r.PartitionKey == ticket.PartitionKey && r.RowKey.StartsWith("event-", StringComparison.Ordinal)).Select(r => r.GetString("Type")).ToList();
            var expected = cancelled.Contains(ticket.PartitionKey) ? "TicketCancelled" : "TicketConfirmed";
            Assert.True(types.Count(t => t == expected) == 1, $"{ticket.PartitionKey}: {string.Join(", ", types)}");
        }

        var blobs = await new BlobContainerClient(azurite.ConnectionString, $"{_prefix.ToLowerInvariant()}signatures").GetBlobsAsync().Select(b => b.Name.Split('/')[0]).ToListAsync();
        Assert.Equal(confirming.Order(), blobs.Order());

        // The lists by status (read through the ticket index, whose entries are written around each batch) hold every
        // ticket under the status it has, and only there, after all the kills.
        await WithAppAsync(async http =>
        {
            foreach (var status in tickets.Select(t => t.GetString("Status")).Distinct())
            {
                var listed = new List<string>();
                for (var next = $"/api/tickets?status={char.ToLowerInvariant(status[0])}{status[1..]}&pageSize=7"; next is not null;)
                {
                    var page = (await (await http.SendAsync(As(Roles.Manager, HttpMethod.Get, next))).JsonAsync())!;
                    listed.AddRange(page["items"]!.AsArray().Select(t => t!["id"]!.ToString()));
                    next = page["next"]?.ToString();
                }

                Assert.Equal(tickets.Where(t => t.GetString("Status") == status).Select(t => t.PartitionKey).Order(), listed.Order());
            }
        });
    }

    [Fact]
    public async Task KilledWhileOrchestrationsWait_TheyGoOnInTheNextApp_WithNoActivityRunTwice()
    {
        // Three tickets (no engineer on the team: they wait in the supervisor's queue), their orchestrations parked.
        var ids = new List<string>();
        var (first, http) = await StartAsync();
        using (new AppProcessTests.KilledOnDispose(first))
        using (http)
        {
            for (var i = 0; i < 3; i++)
            {
                var created = await http.SendAsync(Intake(i));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.JsonAsync())["id"]!.ToString());
            }

            foreach (var id in ids)
            {
                await WorkflowAsync(http, id, w => w["step"]?.ToString() == "dispatch");
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // The next app takes the task hub over (once the killed one's partition leases have run out) and goes on.
        await WithAppAsync(async http =>
        {
            var response = await http.SendAsync(Cancel(ids[0]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ended = await WorkflowAsync(http, ids[0], w => w["runtimeStatus"]?.ToString() == "Completed");
            var byKind = ended["history"]!["byKind"]!;
            Assert.Equal(1, byKind["ExecutionStarted"]!.GetValue<int>());
            Assert.Equal(2, byKind["TaskCompleted"]!.GetValue<int>()); // the read at the start and the read after the cancel: none again
            Assert.Equal("ended", ended["step"]!.ToString());

            foreach (var waiting in ids.Skip(1))
            {
                var workflow = await WorkflowAsync(http, waiting, w => w["runtimeStatus"]?.ToString() == "Running");
                Assert.Equal("dispatch", workflow["step"]!.ToString());
                Assert.Equal(1, workflow["history"]!["byKind"]!["TaskCompleted"]!.GetValue<int>());
            }
        });
    }

    [Fact]
    public async Task KilledWhileAnOrchestrationsActivityIsInFlight_ItRunsInTheNextApp_AndItsStepHappensOnce()
    {
        // Offers that lapse after a few seconds of real time: the orchestrations' ActOnDeadline activities write the lapse.
        // The activity message the killed app held comes back to the queue after the visibility timeout: the shortest
        // allowed (15 s) instead of the default minute, so the test waits for the recovery, not for the default.
        var shortOffers = new Dictionary<string, string>
        {
            ["Dispatch__AcceptWithin"] = "00:00:06", ["Dispatch__UrgentAcceptWithin"] = "00:00:06", ["Durable__VisibilityTimeout"] = "00:00:15",
        };
        const int Tickets = 8;
        var ids = new List<string>();
        var (first, http) = await StartAsync(shortOffers);
        var killedInFlight = new List<string>();
        using (new AppProcessTests.KilledOnDispose(first))
        using (http)
        {
            var engineer = await http.SendAsync(As(Roles.Supervisor, HttpMethod.Post, "/api/engineers", TeamRequests.Engineer("crash-engineer", maxConcurrent: 20)));
            Assert.Equal(HttpStatusCode.Created, engineer.StatusCode);
            for (var i = 0; i < Tickets; i++)
            {
                var created = await http.SendAsync(As(Roles.Integration, HttpMethod.Post, "/api/tickets", TicketRequests.Valid($"空调无法开机 {i}")));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var json = await created.JsonAsync();
                Assert.Equal("crash-engineer", json["assignedTo"]?.ToString());
                ids.Add(json["id"]!.ToString());
            }

            // Kill the app the moment an orchestration has scheduled its deadline's activity and not yet got its result.
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
            while (killedInFlight.Count == 0 && DateTimeOffset.UtcNow < until)
            {
                // Every ticket's workflow read at once: the window between an activity's scheduling and its result is
                // short, and reading the tickets one after another could step past it for all of them.
                var reads = await Task.WhenAll(ids.Select(async id =>
                {
                    using var response = await http.SendAsync(As(Roles.Supervisor, HttpMethod.Get, $"/api/tickets/{id}/workflow"));
                    return (Id: id, InFlight: response.StatusCode == HttpStatusCode.OK && ActivityInFlight(await response.JsonAsync()));
                }));
                killedInFlight.AddRange(reads.Where(r => r.InFlight).Select(r => r.Id));
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.NotEmpty(killedInFlight);

        // The next app carries every orchestration on: each offer lapsed exactly once, and each ticket is in the queue.
        await WithAppAsync(async next =>
        {
            foreach (var id in ids)
            {
                var workflow = await WorkflowAsync(next, id, w => w["step"]?.ToString() == "dispatch" && !ActivityInFlight(w));
                Assert.Equal("Running", workflow["runtimeStatus"]!.ToString());
                var history = (await (await next.SendAsync(As(Roles.Supervisor, HttpMethod.Get, $"/api/tickets/{id}/history"))).Content.ReadFromJsonAsync<JsonArray>())!;
                var types = history.Select(e => e!["type"]!.ToString()).ToList();
                Assert.Single(types, t => t == "OfferLapsed");
                Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
                var sms = (await (await next.SendAsync(As(Roles.Supervisor, HttpMethod.Get, $"/api/tickets/{id}/sms"))).Content.ReadFromJsonAsync<JsonArray>())!;
                var kinds = sms.Select(m => m!["kind"]!.ToString()).ToList();
                Assert.Equal(kinds.Count, kinds.Distinct(StringComparer.Ordinal).Count());
            }
        }, shortOffers);
    }

    [Fact]
    public async Task KilledDuringIntakes_EveryAcknowledgedTicketHasItsOrchestration_WithinAMinuteOfTheAppComingBack()
    {
        var acknowledged = new List<string>();
        await KilledWhileAsync(Enumerable.Range(100, Intakes).Select(i => (Func<HttpClient, Task>)(async http =>
        {
            var response = await http.SendAsync(Intake(i));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = (await response.JsonAsync())["id"]!.ToString();
                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }
            }
        })));
        Assert.NotEmpty(acknowledged);

        // The app comes back with its timers as in production; no reconciliation run is asked for.
        var (process, http) = await StartAsync(new() { ["Timers__RunInProcess"] = "true" });
        using var handle = new AppProcessTests.KilledOnDispose(process);
        using (http)
        {
            var back = Stopwatch.StartNew();
            var waiting = new HashSet<string>(acknowledged);
            while (waiting.Count > 0 && back.Elapsed < TimeSpan.FromSeconds(60))
            {
                foreach (var id in waiting.ToList())
                {
                    var response = await http.SendAsync(As(Roles.Supervisor, HttpMethod.Get, $"/api/tickets/{id}/workflow"));
                    if (response.StatusCode == HttpStatusCode.OK && (await response.JsonAsync())["runtimeStatus"]!.ToString() is "Running" or "Pending")
                    {
                        waiting.Remove(id);
                    }
                }

                await Task.Delay(200);
            }

            output.WriteLine($"{acknowledged.Count - waiting.Count} of {acknowledged.Count} acknowledged ticket(s) (of {Intakes} sent) had their orchestration {back.Elapsed.TotalSeconds:0.0} s after the app was back");
            Assert.True(waiting.Count == 0, $"{waiting.Count} acknowledged ticket(s) without an orchestration 60 s after the app came back: {string.Join(", ", waiting)}");
            var missing = await http.SendAsync(As(Roles.Manager, HttpMethod.Get, "/api/admin/workflows?status=missing"));
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.DoesNotContain((await missing.JsonAsync())["items"]!.AsArray(), i => acknowledged.Contains(i!["ticketId"]!.ToString()));
        }
    }

    /// <summary>True when the orchestration has scheduled its deadline's activity and has no result of it yet.</summary>
    private static bool ActivityInFlight(JsonObject workflow)
    {
        var recent = workflow["history"]?["recent"]?.AsArray().Select(e => (Kind: e!["kind"]!.ToString(), Name: e["name"]?.ToString())).ToList() ?? [];
        var scheduled = recent.FindLastIndex(e => e.Kind == "TaskScheduled");
        return scheduled >= 0 && recent[scheduled].Name == TicketLifecycleOrchestration.ActOnDeadline.Name
            && recent.FindIndex(scheduled, e => e.Kind == "TaskCompleted") < 0;
    }

    [Fact]
    public async Task KilledBetweenAlibabasSendAndItsAnswer_TheNextAppFindsTheSendInAlibabasRecords_AndTheCustomerGetsItOnce()
    {
        await using var aliyun = await FakeAliyunSms.StartAsync();
        aliyun.Faults.Enqueue(new AliyunFault.SlowAnswer(TimeSpan.FromMinutes(1))); // Alibaba sends; its answer is still on the way at the kill
        var settings = new Dictionary<string, string>
        {
            ["Sms__Provider"] = "aliyun",
            ["Sms__Aliyun__Endpoint"] = aliyun.Endpoint.ToString(),
            ["Sms__Aliyun__AccessKeyId"] = aliyun.AccessKeyId,
            ["Sms__Aliyun__AccessKeySecret"] = aliyun.AccessKeySecret,
            ["Sms__Aliyun__SignName"] = "售后服务",
            ["Sms__RequestTimeout"] = "00:00:05",
            ["Sms__AttemptLease"] = "00:00:06",
            ["Timers__RunInProcess"] = "false", // the retry sweep runs when the test asks
        };
        foreach (var kind in Enum.GetValues<AfterSales.Application.Notifications.NotificationKind>())
        {
            settings[$"Sms__Aliyun__Templates__{AfterSales.Application.EnumNames.Name(kind)}__Code"] = $"SMS_47{(int)kind:D4}";
        }

        // The request is registered and its SMS handed to Alibaba; the app is killed before Alibaba's answer arrives.
        string id;
        var (process, http) = await StartAsync(settings);
        using (http)
        {
            var created = await http.SendAsync(Intake(900));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.JsonAsync())["id"]!.ToString();
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            while (aliyun.Transmissions.IsEmpty && DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(20); // another process: nothing here to wait on but what the fake has seen
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        Assert.Single(aliyun.Transmissions);

        // The next app: once the dead attempt's lease has run out, the sweep asks Alibaba's records before sending, finds it.
        await WithAppAsync(async next =>
        {
            JsonObject? message = null;
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
            while (DateTimeOffset.UtcNow < until && message?["status"]?.ToString() != "sent")
            {
                Assert.Equal(HttpStatusCode.OK, (await next.SendAsync(As(Roles.Manager, HttpMethod.Post, "/api/admin/timers/SmsRetrySweep/run"))).StatusCode);
                var messages = await (await next.SendAsync(As(Roles.Agent, HttpMethod.Get, $"/api/tickets/{id}/sms"))).Content.ReadFromJsonAsync<JsonArray>();
                message = messages!.Single(m => m!["kind"]!.ToString() == "requestReceived")!.AsObject();
                await Task.Delay(500);
            }

            Assert.Equal("sent", message?["status"]?.ToString());
            Assert.Contains(message!["steps"]!.AsArray(), step => step!["detail"]?.ToString().Contains("Alibaba's records", StringComparison.Ordinal) == true);
        }, settings);

        Assert.Single(aliyun.Transmissions); // the customer got it once
        Assert.Contains(aliyun.Requests, r => r.Action == "QuerySendDetails" && r.Problem is null);
    }

    /// <summary>The ticket's orchestration once <paramref name="wanted"/> holds (a new app first waits for the killed one's leases).</summary>
    private static async Task<JsonObject> WorkflowAsync(HttpClient http, string id, Func<JsonObject, bool> wanted)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
        JsonObject? last = null;
        while (DateTimeOffset.UtcNow < until)
        {
            var response = await http.SendAsync(As(Roles.Supervisor, HttpMethod.Get, $"/api/tickets/{id}/workflow"));
            if (response.StatusCode == HttpStatusCode.OK && wanted(last = await response.JsonAsync()))
            {
                return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The orchestration of {id} did not get there; last seen: {last?.ToJsonString()}");
    }

    /// <summary>Starts the app, runs the calls at once, kills the app as soon as the first call has an answer.</summary>
    private async Task KilledWhileAsync(IEnumerable<Func<HttpClient, Task>> calls)
    {
        var (process, http) = await StartAsync();
        using (http)
        {
            var first = new TaskCompletionSource();
            var running = calls.Select(call => Task.Run(async () =>
            {
                try
                {
                    await call(http);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Cut off by the kill.
                }
                finally
                {
                    first.TrySetResult();
                }
            })).ToList();
            await first.Task;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAll(running);
            process.Dispose();
        }
    }

    private async Task WithAppAsync(Func<HttpClient, Task> work, Dictionary<string, string>? settings = null)
    {
        var (process, http) = await StartAsync(settings);
        using var handle = new AppProcessTests.KilledOnDispose(process);
        using (http)
        {
            await work(http);
        }
    }

    private async Task<(Process Process, HttpClient Http)> StartAsync(Dictionary<string, string>? settings = null)
    {
        var port = AzuriteProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Azurite__AutoStart"] = "false",
            ["Storage__NamePrefix"] = _prefix,
        };
        foreach (var (name, value) in settings ?? [])
        {
            environment[name] = value;
        }

        var process = AppProcessTests.Start(["--urls", $"http://127.0.0.1:{port}"], environment);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await AppProcessTests.WaitForAsync(http, "/api/health", process);
        return (process, http);
    }

    private static HttpRequestMessage Intake(int i)
    {
        var request = As(Roles.Integration, HttpMethod.Post, "/api/tickets", TicketRequests.Valid($"空调无法开机 {i}"));
        request.Headers.Add("Idempotency-Key", $"crash-intake-{i:000}");
        return request;
    }

    private static HttpRequestMessage Cancel(string id) =>
        As(Roles.Agent, HttpMethod.Post, $"/api/tickets/{id}/cancel", new { kind = "withdrawn", reason = "客户撤回" });

    private static async Task StepAsync(HttpClient http, string role, string id, string command, object? body)
    {
        var response = await http.SendAsync(As(role, HttpMethod.Post, $"/api/tickets/{id}/{command}", body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpRequestMessage As(string role, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-api-key", AppFactory.Keys[role]);
        return request;
    }
}
