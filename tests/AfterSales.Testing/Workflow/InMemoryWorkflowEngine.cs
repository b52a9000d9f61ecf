using System.Collections.Concurrent;
using AfterSales.Application.Workflow;

namespace AfterSales.Testing.Workflow;

/// <summary>
/// A durable engine that runs nothing: it keeps the instances started and the events sent, for tests of what the
/// application asks of the engine (the real engine runs in the Infrastructure and Functions tests, on Azurite).
/// </summary>
public sealed class InMemoryWorkflowEngine(TimeProvider time) : IWorkflowEngine
{
    private readonly ConcurrentDictionary<string, WorkflowState> _instances = new(StringComparer.Ordinal);

    /// <summary>Every start asked for, in order: instance id, orchestration, input.</summary>
    public ConcurrentQueue<(string InstanceId, string Orchestration, object? Input)> Starts { get; } = new();

    /// <summary>Every event sent, in order: instance id, event, payload.</summary>
    public ConcurrentQueue<(string InstanceId, string Event, object? Payload)> Events { get; } = new();

    /// <summary>When set, every call fails with it (an engine or its storage down).</summary>
    public Exception? Fault { get; set; }

    public Task<bool> StartAsync(string orchestration, string instanceId, object? input, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        Starts.Enqueue((instanceId, orchestration, input));
        var now = time.GetUtcNow();
        var started = new WorkflowState(instanceId, orchestration, "Running", null, now, now, null);
        var added = _instances.TryAdd(instanceId, started);
        if (!added && _instances[instanceId].RuntimeStatus is not ("Running" or "Pending"))
        {
            _instances[instanceId] = started;
            return Task.FromResult(true);
        }

        return Task.FromResult(added);
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        Events.Enqueue((instanceId, eventName, payload));
        return Task.CompletedTask;
    }

    public Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        return Task.FromResult(_instances.TryGetValue(instanceId, out var state) ? state : null);
    }

    /// <summary>The starts and events of the instance: this engine runs nothing, so that is all its history.</summary>
    public Task<IReadOnlyList<WorkflowHistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        var started = Starts.Where(s => s.InstanceId == instanceId).Select(s => ("ExecutionStarted", s.Orchestration));
        var raised = Events.Where(e => e.InstanceId == instanceId).Select(e => ("EventRaised", e.Event));
        return Task.FromResult<IReadOnlyList<WorkflowHistoryEvent>>(
            [.. started.Concat(raised).Select((e, i) => new WorkflowHistoryEvent(time.GetUtcNow(), e.Item1, e.Item2, i, null, null))]);
    }

    public Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        var matching = _instances.Values
            .Where(s => s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
            .Where(s => query.Statuses.Count == 0 || query.Statuses.Contains(s.RuntimeStatus))
            .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
            .ToList();
        var skip = query.ContinuationToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = matching.Skip(skip).Take(query.PageSize).ToList();
        var next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new WorkflowPage(page, next));
    }

    /// <summary>Puts an instance as the engine would report it (last updated long ago, failed, …).</summary>
    public void Put(WorkflowState state) => _instances[state.InstanceId] = state;

    /// <summary>Sets an instance's runtime status (a failure, a termination) as the engine would report it.</summary>
    public void SetStatus(string instanceId, string runtimeStatus) =>
        _instances.AddOrUpdate(instanceId, id => new WorkflowState(id, TicketLifecycleContract.Name, runtimeStatus, null, time.GetUtcNow(), time.GetUtcNow(), null),
            (_, state) => state with { RuntimeStatus = runtimeStatus, LastUpdatedAt = time.GetUtcNow() });

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
        {
            throw fault;
        }
    }
}
