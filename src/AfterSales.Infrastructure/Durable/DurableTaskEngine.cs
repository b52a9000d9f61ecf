using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Storage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
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
public sealed class DurableTaskEngine : IWorkflowEngine, IHostedService, IAsyncDisposable
{
    private static readonly OrchestrationStatus[] Alive = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew];

    private readonly AzureStorageOrchestrationServiceSettings _settings;
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubClient _client;
    private readonly TaskHubWorker _worker;
    private readonly ILogger<DurableTaskEngine> _logger;
    private bool _started;

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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        _started = true;
        _logger.LogInformation("Durable engine started: task hub {TaskHub}, {Partitions} partition(s)", TaskHub, _settings.PartitionCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            _started = false;
            // Not forced: work in hand finishes; what is not done stays in the task hub's queues for the next start.
            await _worker.StopAsync(isForced: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _service.Dispose();
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

    public async Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await _client.GetOrchestrationStateAsync(instanceId);
        return state is null
            ? null
            : new WorkflowState(
                state.OrchestrationInstance.InstanceId,
                state.Name,
                state.OrchestrationStatus.ToString(),
                state.Status,
                new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
                new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
                state.Output);
    }

    /// <summary>
    /// The provider's clients for the app's account: by connection string, or with the app's identity (the queue
    /// service sits beside the blob service of the same account).
    /// </summary>
    private static StorageAccountClientProvider ClientProvider(StorageOptions storage) =>
        storage.Identity is { } identity
            ? new StorageAccountClientProvider(
                identity.BlobServiceUri,
                new Uri(identity.BlobServiceUri.AbsoluteUri.Replace(".blob.", ".queue.", StringComparison.Ordinal)),
                identity.TableServiceUri,
                identity.CreateCredential())
            : new StorageAccountClientProvider(storage.ConnectionString);

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
