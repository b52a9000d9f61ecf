using AfterSales.Application.Workflow;
using AfterSales.Domain.Lifecycle;
using AfterSales.Infrastructure.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AfterSales.Functions.Functions;

/// <summary>
/// The orchestrator and activity functions under the Functions host: one-line wrappers around the same classes the
/// standalone engine runs (what the Durable Task source generator would write; its package is not on the feed). The
/// activities are made from the registrations the standalone engine uses, so both engines run one list.
/// </summary>
public sealed class DurableFunctions(IEnumerable<ActivityRegistration> activities, DurableClientSlot durable)
{
    private static readonly TicketLifecycleOrchestration Lifecycle = new();

    [Function(TicketLifecycleContract.Name)]
    public Task<string> TicketLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Lifecycle.RunAsync(context, context.GetInput<LifecycleInput>()!);

    [Function(TicketLifecycleOrchestration.ReadPosition.Name)]
    public Task<ProcessPosition?> ReadPosition([ActivityTrigger] string ticketId, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        RunAsync<string, ProcessPosition?>(TicketLifecycleOrchestration.ReadPosition.Name, ticketId, instanceId, client, function);

    [Function(TicketLifecycleOrchestration.ActOnDeadline.Name)]
    public Task<DeadlineResult> ActOnDeadline([ActivityTrigger] LifecycleDeadline deadline, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        RunAsync<LifecycleDeadline, DeadlineResult>(TicketLifecycleOrchestration.ActOnDeadline.Name, deadline, instanceId, client, function);

    private async Task<TOut> RunAsync<TIn, TOut>(string name, TIn input, string instanceId, DurableTaskClient client, FunctionContext function)
    {
        durable.Use(client);
        var activity = activities.Single(a => a.Name == name).Create(function.InstanceServices);
        return (TOut)(await activity.RunAsync(new ActivityContext(name, instanceId), input))!;
    }

    private sealed class ActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = new(name);

        public override string InstanceId { get; } = instanceId;
    }
}
