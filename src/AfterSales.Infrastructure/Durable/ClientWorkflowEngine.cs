using AfterSales.Application.Workflow;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AfterSales.Infrastructure.Durable;

/// <summary>
/// The workflow engine under the Functions host: the Durable extension, through the <see cref="DurableTaskClient"/> of
/// the current invocation (<see cref="DurableClientSlot"/>). Same contract as the standalone engine: starting an
/// instance that is pending, running or suspended does nothing and says so.
/// </summary>
public sealed class ClientWorkflowEngine(DurableClientSlot slot) : IWorkflowEngine
{
    private static readonly OrchestrationRuntimeStatus[] Alive =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task<bool> StartAsync(string orchestration, string instanceId, object? input, CancellationToken cancellationToken)
    {
        var client = slot.Client;
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } existing && Alive.Contains(existing.RuntimeStatus))
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestration), input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another start may have won between the look and the start: then there is nothing to do.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } raced && Alive.Contains(raced.RuntimeStatus))
            {
                return false;
            }

            throw;
        }
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        slot.Client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public async Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        await slot.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } instance ? From(instance) : null;

    public async Task<IReadOnlyList<WorkflowHistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var client = slot.Client;
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            return [];
        }

        return [.. (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken)).Select(From)];
    }

    public async Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery
        {
            InstanceIdPrefix = query.InstanceIdPrefix,
            Statuses = query.Statuses.Count == 0 ? null : [.. query.Statuses.Select(Enum.Parse<OrchestrationRuntimeStatus>)],
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
            FetchInputsAndOutputs = false,
        };
        await foreach (var page in slot.Client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            return new WorkflowPage([.. page.Values.Select(From)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new WorkflowPage([], null);
    }

    private static WorkflowState From(OrchestrationMetadata instance) => new(
        instance.InstanceId,
        instance.Name,
        instance.RuntimeStatus.ToString(),
        instance.SerializedCustomStatus,
        instance.CreatedAt,
        instance.LastUpdatedAt,
        instance.SerializedOutput);

    /// <summary>The fields the app shows of one history event (the same as the standalone engine reads from its JSON).</summary>
    public static WorkflowHistoryEvent From(HistoryEvent e) => new(
        new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc)),
        e.EventType.ToString(),
        e switch
        {
            ExecutionStartedEvent started => started.Name,
            TaskScheduledEvent scheduled => scheduled.Name,
            SubOrchestrationInstanceCreatedEvent sub => sub.Name,
            EventRaisedEvent raised => raised.Name,
            EventSentEvent sent => sent.Name,
            _ => null,
        },
        e.EventId,
        e switch
        {
            TimerCreatedEvent created => new DateTimeOffset(DateTime.SpecifyKind(created.FireAt, DateTimeKind.Utc)),
            TimerFiredEvent fired => new DateTimeOffset(DateTime.SpecifyKind(fired.FireAt, DateTimeKind.Utc)),
            _ => null,
        },
        e is TimerFiredEvent timer ? timer.TimerId : null);
}
