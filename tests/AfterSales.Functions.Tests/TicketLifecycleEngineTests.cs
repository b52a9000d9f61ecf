using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Tickets;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The ticket lifecycle orchestration on the real durable engine, with the app's own storage and write path: the
/// orchestration's input, status and activity results cross the engine as JSON, and the activities run in the app.
/// </summary>
public sealed class TicketLifecycleEngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Registers a ticket on <paramref name="app"/>; its orchestration's instance id and the engine that runs it.</summary>
    private static async Task<(ServiceFlow Flow, JsonObject Created, IWorkflowEngine Engine, string Instance)> RegisterAsync(AppFactory app)
    {
        var flow = new ServiceFlow(app, (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>());
        var created = await flow.RegisterAsync();
        Assert.True(TicketId.TryParse(created["id"]!.ToString(), out var id));
        return (flow, created, app.Services.GetRequiredService<IWorkflowEngine>(), TicketLifecycleContract.InstanceId(id));
    }

    [Fact]
    public async Task TheWholeService_FromIntakeToTheSurvey_IsFollowedStepByStep_AndTheOrchestrationEndsWithTheClosedTicket()
    {
        using var app = new AppFactory(azurite, time: new FakeTimeProvider(Monday));
        var (flow, created, engine, instance) = await RegisterAsync(app);
        var followUp = app.ClientAs(Roles.FollowUp);

        async Task<LifecycleStatus> StepReachedAsync(string step)
        {
            var state = await WorkflowWait.UntilAsync(engine, instance, s => s.CustomStatus?.Contains($"\"{step}\"", StringComparison.Ordinal) == true);
            return System.Text.Json.JsonSerializer.Deserialize<LifecycleStatus>(state.CustomStatus!)!;
        }

        await StepReachedAsync("acceptance");
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await StepReachedAsync("service");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "电源板故障", solution = "更换电源板" }, "resolved");
        await StepReachedAsync("resultReport");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已电话告知" }, "awaitingConfirmation");
        await StepReachedAsync("confirmation");
        await flow.StepAsync(flow.Agent, "confirm", new { rating = "satisfied", reason = "电话确认" }, "confirmed");
        var planned = await StepReachedAsync("followUpPlanned");
        var ticket = await flow.TicketAsync();
        Assert.Equal(DateTimeOffset.Parse(ticket["followUps"]![0]!["dueFrom"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture), planned.Until);
        await flow.StepAsync(followUp, "start-follow-up", null, "followUp");
        await StepReachedAsync("followUp");
        await flow.StepAsync(followUp, "survey", new { survey = new { attitude = 9, skill = 9, efficiency = 9, overall = 9, recommend = 9 } }, "closed");

        var ended = await WorkflowWait.UntilAsync(engine, instance, s => s.RuntimeStatus == "Completed");
        Assert.Equal("\"Ended in round 1.\"", ended.Output);
        // One execution followed the whole service: every change reached it as an event, and it read the ticket at each.
        var history = await engine.GetHistoryAsync(instance, CancellationToken.None);
        Assert.Single(history, e => e.Kind == "ExecutionStarted");
        Assert.Equal(7, history.Count(e => e.Kind == "EventRaised")); // accept, start, resolve, report, confirm, start the follow-up, survey
        Assert.True(history.Count(e => e.Kind == "TaskScheduled" && e.Name == TicketLifecycleOrchestration.ReadPosition.Name) >= 8);
        Assert.Contains("\"ended\"", ended.CustomStatus!, StringComparison.Ordinal);
        // The ticket's own history has each step once: the orchestration's deadlines (found too early on the app's clock) changed nothing.
        var types = (await flow.HistoryAsync()).Select(e => e!["type"]!.ToString());
        Assert.Equal(
            ["TicketReceived", "TicketClassified", "TicketAssigned", "AssignmentAccepted", "ServiceStarted", "TicketResolved", "ResultReported",
             "TicketConfirmed", "FollowUpScheduled", "FollowUpStarted", "SurveyRecorded", "TicketClosed"],
            types);
    }

    [Fact]
    public async Task ACustomerWhoDoesNotConfirm_IsRemindedOnceWithAFreshLink_ThenTheLimitEscalates_ByTheOrchestrationOnTheRealEngine()
    {
        var time = new FakeTimeProvider(Monday);
        using var app = new AppFactory(azurite, time: time);
        var (flow, _, engine, instance) = await RegisterAsync(app);
        var relay = app.Services.GetRequiredService<WorkflowRelay>();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "电源板故障", solution = "更换电源板" }, "resolved");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已电话告知" }, "awaitingConfirmation");
        var clock = (await flow.TicketAsync())["clocks"]!.AsArray().Single(c => c!["kind"]!.ToString() == "confirmation")!;
        var remindAt = DateTimeOffset.Parse(clock["remindAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var dueAt = DateTimeOffset.Parse(clock["dueAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((TimeSpan.FromHours(12), TimeSpan.FromHours(24)), (remindAt - time.GetUtcNow(), dueAt - time.GetUtcNow()));

        async Task<LifecycleStatus> WaitingUntilAsync(DateTimeOffset? until)
        {
            var state = await WorkflowWait.UntilAsync(engine, instance, s =>
                s.CustomStatus is { } json && System.Text.Json.JsonSerializer.Deserialize<LifecycleStatus>(json) is { Step: "confirmation" } said && said.Until == until);
            return System.Text.Json.JsonSerializer.Deserialize<LifecycleStatus>(state.CustomStatus!)!;
        }

        async Task<int> CountAsync(string type) => (await flow.HistoryAsync()).Count(e => e!["type"]!.ToString() == type);

        // The engine's timer for the reminder point runs on the real clock; the test moves its own clock there and wakes it.
        await WaitingUntilAsync(remindAt);
        time.Advance(TimeSpan.FromHours(12));
        await WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance);
        Assert.Equal(1, await CountAsync("CustomerReminded"));
        var first = await flow.SmsLinkAsync("resultConfirmation");
        var reminder = await flow.SmsLinkAsync("confirmationReminder");
        Assert.NotEqual(first, reminder); // a fresh link
        await WaitingUntilAsync(dueAt);

        // At the limit the supervisors hear of it, and the orchestration waits for the customer alone; woken again, it
        // neither reminds nor escalates twice.
        time.Advance(TimeSpan.FromHours(12));
        await WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance);
        await WaitingUntilAsync(null);
        await WorkflowWait.NudgeAsync(engine, relay.WhenIdleAsync, instance);
        var escalations = (await flow.TicketAsync())["escalations"]!.AsArray();
        Assert.Single(escalations, e => e!["target"]!.ToString() == "customer-confirmation" && e["level"]!.ToString() == "supervisor");
        Assert.Equal(1, await CountAsync("CustomerReminded"));
        Assert.Single((await app.ClientAs(Roles.Agent).GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!, m => m!["kind"]!.ToString() == "confirmationReminder");
    }

    [Fact]
    public async Task EachTicketGetsItsOrchestrationAtIntake_WhichFollowsItsChanges_FromTheOffer_ThroughItsAcceptance_ToItsCancellation()
    {
        using var app = new AppFactory(azurite, time: new FakeTimeProvider(Monday));
        var (flow, created, engine, instance) = await RegisterAsync(app);

        // The intake's write started the orchestration; it waits for the engineer's answer until the offer's deadline.
        var offered = await WorkflowWait.UntilAsync(engine, instance, s => s.CustomStatus?.Contains("\"acceptance\"", StringComparison.Ordinal) == true);
        var status = System.Text.Json.JsonSerializer.Deserialize<LifecycleStatus>(offered.CustomStatus!)!;
        Assert.Equal(DateTimeOffset.Parse(created["dispatch"]!["acceptBy"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture), status.Until);
        Assert.Equal(1, status.Round);

        // (The offer's deadline has passed on the engine's real clock, so the orchestration asked at once; on the app's
        // clock it is not due yet, so nothing changed and it will ask again then: the engineer can still accept.)
        // Each stored change reaches the orchestration by itself.
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await WorkflowWait.UntilAsync(engine, instance, s => s.CustomStatus?.Contains("\"service\"", StringComparison.Ordinal) == true);

        // Staff see where it is, by the ticket's number.
        var workflow = (await flow.Supervisor.GetFromJsonAsync<JsonObject>($"/api/tickets/{flow.Number}/workflow"))!;
        Assert.Equal(instance, workflow["instanceId"]!.ToString());
        Assert.Equal("Running", workflow["runtimeStatus"]!.ToString());
        Assert.Equal("service", workflow["step"]!.ToString());
        Assert.Contains("engineer", workflow["waitsFor"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, workflow["round"]!.GetValue<int>());
        Assert.False(workflow["stuck"]!.GetValue<bool>());
        var nextTimer = DateTimeOffset.Parse(workflow["nextTimer"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(nextTimer - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TicketLifecycleContract.RecheckAfter); // the hourly recheck
        var history = workflow["history"]!;
        Assert.Equal(1, history["byKind"]!["ExecutionStarted"]!.GetValue<int>());
        Assert.True(history["byKind"]!["EventRaised"]!.GetValue<int>() >= 1, history.ToJsonString());
        Assert.Contains(history["recent"]!.AsArray(), e => e!["name"]?.ToString() == TicketLifecycleOrchestration.ReadPosition.Name);

        // Operators list them by status; the sweep finds nothing to repair.
        var manager = app.ClientAs(Roles.Manager);
        var running = (await manager.GetFromJsonAsync<JsonObject>("/api/admin/workflows?status=running"))!;
        Assert.Contains(running["items"]!.AsArray(), i => i!["instanceId"]!.ToString() == instance && i["ticketId"]!.ToString() == created["id"]!.ToString() && i["step"]!.ToString() == "service");
        var bad = await manager.GetAsync("/api/admin/workflows?status=sleeping&pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("status") && errors.ContainsKey("pageSize"), errors.ToJsonString());
        var swept = await manager.PostAsync($"/api/admin/timers/{WorkflowReconciliation.FunctionName}/run", null);
        Assert.Equal(HttpStatusCode.OK, swept.StatusCode);
        Assert.Contains("0 orchestration(s) started", (await swept.JsonAsync())["logs"]![0]!.ToString(), StringComparison.Ordinal);

        await flow.StepAsync(flow.Supervisor, "cancel", new { kind = "withdrawn", reason = "客户撤回" }, "cancelled");
        var ended = await WorkflowWait.UntilAsync(engine, instance, s => s.RuntimeStatus == "Completed");

        Assert.Equal("\"Ended in round 1.\"", ended.Output);
        Assert.Contains("\"ended\"", ended.CustomStatus!, StringComparison.Ordinal);

        // A whole round's history, as the engine wrote it. With AFTERSALES_RECORD_HISTORY=1 it is kept as the recording
        // that later versions of the orchestration must replay (RecordedHistoryReplayTests); recordings are made once per
        // version of the orchestration and never regenerated for a changed one.
        var json = await app.Services.GetRequiredService<Infrastructure.Durable.DurableTaskEngine>().GetHistoryJsonAsync(instance);
        Assert.NotNull(json);
        if (Environment.GetEnvironmentVariable("AFTERSALES_RECORD_HISTORY") == "1")
        {
            var path = Path.Combine(GeneratedDocs.RepositoryRoot(), "tests", "AfterSales.Infrastructure.Tests", "Recorded", "TicketLifecycle.v1.offer-accepted-cancelled.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
    }
}
