using Microsoft.DurableTask;

namespace AfterSales.Application.Workflow;

/// <summary>Where one orchestration instance is, as the engine reports it.</summary>
/// <param name="RuntimeStatus">Pending, Running, Completed, ContinuedAsNew, Failed, Canceled or Terminated.</param>
/// <param name="CustomStatus">What the orchestration last said about itself (JSON), if anything.</param>
/// <param name="ExecutionId">The current execution (each continue-as-new begins a new one).</param>
public sealed record WorkflowState(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    string? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Output,
    string? ExecutionId = null);

/// <summary>One event of an orchestration's history, as the engine records it.</summary>
/// <param name="Kind">The engine's event type: ExecutionStarted, TaskScheduled, TaskCompleted, TimerCreated, TimerFired, EventRaised, …</param>
/// <param name="Name">The activity, event or orchestration it names, if any.</param>
/// <param name="EventId">Its id in the history (a timer's TimerCreated id is its TimerFired's <paramref name="TimerId"/>).</param>
/// <param name="FireAt">For a timer: when it fires.</param>
/// <param name="TimerId">For a fired timer: the id of the TimerCreated event it answers.</param>
public sealed record WorkflowHistoryEvent(DateTimeOffset At, string Kind, string? Name, int EventId, DateTimeOffset? FireAt, int? TimerId);

/// <summary>Which instances to list: runtime statuses (none: all), an instance id prefix, a page.</summary>
public sealed record WorkflowQuery(IReadOnlyList<string> Statuses, string InstanceIdPrefix, int PageSize, string? ContinuationToken);

/// <summary>A page of instances and the token of the next, if any.</summary>
public sealed record WorkflowPage(IReadOnlyList<WorkflowState> Items, string? ContinuationToken);

/// <summary>
/// The durable orchestration engine as the application uses it: start an orchestration under an instance id of
/// the application's choosing (starting one that is already pending or running does nothing), send an instance an
/// event, read where an instance is. In Azure the Durable Functions extension is the engine; standalone it is the
/// Durable Task Framework on the app's storage account; the orchestrations are the same classes.
/// </summary>
public interface IWorkflowEngine
{
    /// <summary>Starts <paramref name="orchestration"/> as <paramref name="instanceId"/>; false when that instance was already pending or running.</summary>
    Task<bool> StartAsync(string orchestration, string instanceId, object? input, CancellationToken cancellationToken);

    /// <summary>Sends the instance an event (kept for it until it waits for that event).</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken);

    /// <summary>Where the instance is, or null when there is none.</summary>
    Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The history of the instance's current execution, oldest first (empty when there is no instance).</summary>
    Task<IReadOnlyList<WorkflowHistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>A page of the instances the query names.</summary>
    Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken);
}

/// <summary>An orchestration the engine runs, made for each execution from the app's services.</summary>
public sealed record OrchestratorRegistration(string Name, Func<IServiceProvider, ITaskOrchestrator> Create);

/// <summary>An activity the engine runs, made for each execution from the app's services.</summary>
public sealed record ActivityRegistration(string Name, Func<IServiceProvider, ITaskActivity> Create);
