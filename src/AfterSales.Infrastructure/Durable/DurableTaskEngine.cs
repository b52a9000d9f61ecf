using System.Globalization;
using System.Text.Json;
using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Storage;
using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Durable;

/// <summary>
/// The standalone durable engine: the Durable Task Framework's Azure Storage provider (the one the Durable Functions
/// extension uses in Azure) on the app's storage account, with the app's orchestrator and activity classes run through
/// the Durable Task SDK's shims, so the same classes run here and under the Functions host. Inputs, outputs and events
/// are JSON written by the SDK's own converter on both sides.
/// </summary>
public sealed partial class DurableTaskEngine : IWorkflowEngine, IHostedService, IAsyncDisposable
{
    private static readonly OrchestrationStatus[] Alive = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew];

    private readonly AzureStorageOrchestrationServiceSettings _settings;
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubClient _client;
    private readonly TaskHubWorker _worker;
    private readonly ILogger<DurableTaskEngine> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;
    private volatile bool _started;
    private int _disposed;

    /// <summary>How long the engine waits before trying to start again after its storage could not be reached.</summary>
    public static readonly TimeSpan RetryStartAfter = TimeSpan.FromSeconds(10);

    public DurableTaskEngine(
        IOptions<StorageOptions> storage,
        IOptions<DurableOptions> options,
        IServiceProvider services,
        IEnumerable<OrchestratorRegistration> orchestrators,
        IEnumerable<ActivityRegistration> activities,
        ILoggerFactory loggers)
    {
        _settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = storage.Value.NamePrefix + options.Value.TaskHub,
            StorageAccountClientProvider = ClientProvider(storage.Value),
            PartitionCount = options.Value.Partitions,
            MaxQueuePollingInterval = options.Value.MaxPollingInterval,
            ControlQueueVisibilityTimeout = options.Value.VisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.Value.VisibilityTimeout,
            LoggerFactory = loggers,
            // A start for an instance that is pending or running is refused with an exception, not ignored in silence.
            ThrowExceptionOnInvalidDedupeStatus = true,
        };
        _service = new AzureStorageOrchestrationService(_settings);
        _logger = loggers.CreateLogger<DurableTaskEngine>();
        var converter = JsonDataConverter.Default;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggers);
        _worker = new TaskHubWorker(_service, loggers);
        foreach (var o in orchestrators)
        {
            _worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(o.Name, () => shims.CreateOrchestration(o.Name, o.Create(services))));
        }

        foreach (var a in activities)
        {
            _worker.AddTaskActivities(new Creator<TaskActivity>(a.Name, () => shims.CreateActivity(a.Name, a.Create(services))));
        }

        _client = new TaskHubClient(_service, new CoreDataConverter(converter), loggers);
    }

    /// <summary>The task hub's name (prefix and hub).</summary>
    public string TaskHub => _settings.TaskHubName;

    /// <summary>
    /// Starts the engine in the background, so the app answers (and its health says what is wrong) even while the
    /// storage account cannot be reached: the task hub is created and the worker started as soon as it can be,
    /// trying again every <see cref="RetryStartAfter"/>.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartWhenPossibleAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the worker: forced, because what an orchestration or activity had in hand is safe in the task hub's queues
    /// and is done again after the next start (graceful draining waits seconds per dispatcher); the partition leases
    /// are still released, so another instance, or the next start, takes the partitions over at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _starting;
        if (_started)
        {
            _started = false;
            await _worker.StopAsync(isForced: true);
        }
    }

    private async Task StartWhenPossibleAsync(CancellationToken stopping)
    {
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await _service.CreateIfNotExistsAsync();
                await _worker.StartAsync();
                _started = true;
                LogStarted(_logger, TaskHub, _settings.PartitionCount);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStartFailed(_logger, e, TaskHub, attempt, RetryStartAfter.TotalSeconds);
            }

            try
            {
                await Task.Delay(RetryStartAfter, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _service.Dispose();
        _stopping.Dispose();
    }

    public async Task<bool> StartAsync(string orchestration, string instanceId, object? input, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CreateOrchestrationInstanceAsync(orchestration, string.Empty, instanceId, input, null, Alive);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload!);

    /// <summary>
    /// Where the instance is. The provider writes a new instance's <c>Pending</c> row after it has queued the start, so
    /// an engine quick to run it (an app coming back to a full queue) can have its <c>Running</c> row overwritten with
    /// <c>Pending</c>, which then stands until the orchestration's next checkpoint — up to its hourly recheck. A
    /// <c>Pending</c> instance whose execution has a history beyond its start has run: it is reported as running.
    /// </summary>
    public async Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await _client.GetOrchestrationStateAsync(instanceId);
        if (state is null)
        {
            return null;
        }

        var found = From(state);
        if (state.OrchestrationStatus == OrchestrationStatus.Pending && state.OrchestrationInstance.ExecutionId is { Length: > 0 } execution
            && ParseHistory(await _service.GetOrchestrationHistoryAsync(instanceId, execution)).Any(e => e.Kind is "OrchestratorStarted" or "TaskScheduled" or "TimerCreated"))
        {
            found = found with { RuntimeStatus = nameof(OrchestrationStatus.Running) };
        }

        return found;
    }

    public async Task<IReadOnlyList<WorkflowHistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        await GetHistoryJsonAsync(instanceId) is { } json ? ParseHistory(json) : [];

    /// <summary>
    /// The history of the instance's current execution as the provider gives it (JSON; event types as numbers), or null
    /// when there is no instance: what a replay of recorded histories reads.
    /// </summary>
    public async Task<string?> GetHistoryJsonAsync(string instanceId)
    {
        var state = await _client.GetOrchestrationStateAsync(instanceId);
        return state?.OrchestrationInstance.ExecutionId is { Length: > 0 } execution
            ? await _service.GetOrchestrationHistoryAsync(instanceId, execution)
            : null;
    }

    public async Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = query.Statuses.Count == 0 ? null : [.. query.Statuses.Select(Enum.Parse<OrchestrationStatus>)],
            InstanceIdPrefix = query.InstanceIdPrefix,
            FetchInput = false,
        };
        var page = await _service.GetOrchestrationStateAsync(condition, query.PageSize, query.ContinuationToken, cancellationToken);
        return new WorkflowPage([.. page.OrchestrationState.Select(From)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
    }

    /// <summary>
    /// Reads the provider's history JSON (its own serializer's: event types as numbers, type names in <c>$type</c>)
    /// into plain records; only the fields the app shows are read.
    /// </summary>
    public static IReadOnlyList<WorkflowHistoryEvent> ParseHistory(string json)
    {
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static DateTimeOffset? Time(JsonElement e, string name) =>
            Text(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
        static int? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new WorkflowHistoryEvent(
            Time(e, "Timestamp") ?? DateTimeOffset.MinValue,
            e.TryGetProperty("EventType", out var type) && type.ValueKind == JsonValueKind.Number ? ((EventType)type.GetInt32()).ToString() : Text(e, "EventType") ?? "Unknown",
            Text(e, "Name"),
            Number(e, "EventId") ?? -1,
            Time(e, "FireAt"),
            Number(e, "TimerId")))];
    }

    private static WorkflowState From(OrchestrationState state) => new(
        state.OrchestrationInstance.InstanceId,
        state.Name,
        state.OrchestrationStatus.ToString(),
        state.Status,
        new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        state.Output,
        state.OrchestrationInstance.ExecutionId);

    /// <summary>
    /// The provider's clients for the app's account: by connection string, or with the app's identity.
    /// </summary>
    private static StorageAccountClientProvider ClientProvider(StorageOptions storage) =>
        storage.Identity is { } identity
            ? new StorageAccountClientProvider(identity.BlobServiceUri, identity.QueueServiceUri, identity.TableServiceUri, identity.CreateCredential())
            : new StorageAccountClientProvider(storage.ConnectionString);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Information, Message = "Durable engine started: task hub {TaskHub}, {Partitions} partition(s)")]
    private static partial void LogStarted(ILogger logger, string taskHub, int partitions);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Error,
        Message = "The durable engine could not start its task hub {TaskHub} (attempt {Attempt}); trying again in {Seconds} s. Check the storage connection (AzureWebJobsStorage) and, with an identity, its queue, table and blob roles")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string taskHub, int attempt, double seconds);

    /// <summary>Makes an orchestration or activity under its name, for each execution.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }

    /// <summary>The client's side of the SDK's converter, so what the client sends is what the shims read.</summary>
    private sealed class CoreDataConverter(Microsoft.DurableTask.DataConverter inner) : DurableTask.Core.Serializing.DataConverter
    {
        public override string? Serialize(object? value) => inner.Serialize(value);

        public override string? Serialize(object? value, bool formatted) => inner.Serialize(value);

        public override object? Deserialize(string? data, Type objectType) => inner.Deserialize(data, objectType);
    }
}
