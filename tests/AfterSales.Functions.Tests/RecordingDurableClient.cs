using System.Collections.Concurrent;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Stands in for the Functions host's durable client (the host's Durable extension is outside the app and cannot run
/// here): keeps the instances it was asked to start, the events raised, and answers queries from them.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    public ConcurrentDictionary<string, OrchestrationMetadata> Instances { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Name, string InstanceId)> Started { get; } = new();

    public ConcurrentQueue<(string InstanceId, string Event, object? Payload)> Raised { get; } = new();

    public Dictionary<string, IList<HistoryEvent>> Histories { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the next start fails with it (after putting the instance there, as a start that lost a race).</summary>
    public Func<string, Exception>? FailStart { get; set; }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        Instances[id] = new OrchestrationMetadata(orchestratorName.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Pending, CreatedAt = now, LastUpdatedAt = now };
        if (FailStart is { } fail)
        {
            FailStart = null;
            throw fail(id);
        }

        Started.Enqueue((orchestratorName.Name, id));
        return Task.FromResult(id);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Raised.Enqueue((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.GetValueOrDefault(instanceId));

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((string? token, int? size, CancellationToken _) =>
        {
            var matching = Instances.Values
                .Where(i => filter?.InstanceIdPrefix is not { } prefix || i.InstanceId.StartsWith(prefix, StringComparison.Ordinal))
                .Where(i => filter?.Statuses is not { } statuses || statuses.Contains(i.RuntimeStatus))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                .ToList();
            var skip = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            var take = size ?? filter?.PageSize ?? 100;
            var next = skip + take < matching.Count ? (skip + take).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<OrchestrationMetadata>([.. matching.Skip(skip).Take(take)], next));
        });

    public override Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Task.FromResult(Histories.GetValueOrDefault(instanceId) ?? []);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
