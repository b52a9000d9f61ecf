using AfterSales.Application;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The ticket lifecycle orchestration on the real durable engine, with the app's own storage and write path: the
/// orchestration's input, status and activity results cross the engine as JSON, and the activities run in the app.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TicketLifecycleEngineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheOrchestrationFollowsATicket_FromTheOffer_ThroughItsAcceptance_ToItsCancellation()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        using var app = new AppFactory(azurite, b => b.ConfigureTestServices(s => s.AddTicketWorkflows().AddDurableEngine()), time);
        var flow = new ServiceFlow(app, time);
        var created = await flow.RegisterAsync();
        Assert.True(TicketId.TryParse(created["id"]!.ToString(), out var id));
        var engine = app.Services.GetRequiredService<IWorkflowEngine>();
        var instance = TicketLifecycleOrchestration.InstanceId(id);

        Assert.True(await engine.StartAsync(TicketLifecycleOrchestration.Name, instance, new LifecycleInput(id.Value, 1), CancellationToken.None));
        var offered = await WorkflowWait.UntilAsync(engine, instance, s => s.CustomStatus?.Contains("\"acceptance\"", StringComparison.Ordinal) == true);
        var status = System.Text.Json.JsonSerializer.Deserialize<LifecycleStatus>(offered.CustomStatus!)!;
        Assert.Equal(DateTimeOffset.Parse(created["dispatch"]!["acceptBy"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture), status.Until);
        Assert.Equal(1, status.Round);

        // (The offer's deadline has passed on the engine's real clock, so its lapse was asked for at once; on the
        // app's clock it is not due, so the domain changed nothing and the offer stands: the engineer can still accept.)
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await engine.RaiseEventAsync(instance, TicketLifecycleOrchestration.Changed, 2, CancellationToken.None);
        await WorkflowWait.UntilAsync(engine, instance, s => s.CustomStatus?.Contains("\"service\"", StringComparison.Ordinal) == true);

        await flow.StepAsync(flow.Supervisor, "cancel", new { kind = "withdrawn", reason = "客户撤回" }, "cancelled");
        await engine.RaiseEventAsync(instance, TicketLifecycleOrchestration.Changed, 3, CancellationToken.None);
        var ended = await WorkflowWait.UntilAsync(engine, instance, s => s.RuntimeStatus == "Completed");

        Assert.Equal("\"Ended in round 1.\"", ended.Output);
        Assert.Contains("\"ended\"", ended.CustomStatus!, StringComparison.Ordinal);
    }
}
