using Microsoft.DurableTask;

namespace AfterSales.Application.Workflow;

/// <summary>Where one orchestration instance is, as the engine reports it.</summary>
/// <param name="RuntimeStatus">Pending, Running, Completed, ContinuedAsNew, Failed, Canceled or Terminated.</param>
/// <param name="CustomStatus">What the orchestration last said about itself (JSON), if anything.</param>
public sealed record WorkflowState(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    string? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Output);

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
}

/// <summary>An orchestration the engine runs, made for each execution from the app's services.</summary>
public sealed record OrchestratorRegistration(string Name, Func<IServiceProvider, ITaskOrchestrator> Create);

/// <summary>An activity the engine runs, made for each execution from the app's services.</summary>
public sealed record ActivityRegistration(string Name, Func<IServiceProvider, ITaskActivity> Create);
