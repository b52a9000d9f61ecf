using AfterSales.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Azurite;

/// <summary>
/// Starts Azurite before anything else touches storage, when the app is configured for the local
/// emulator and none is running, and stops it again when the app stops.
/// </summary>
public sealed partial class LocalAzuriteService(
    IOptions<StorageOptions> storage,
    IOptions<AzuriteOptions> options,
    IHostEnvironment environment,
    ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = storage.Value.ConnectionString;
        if (!options.Value.AutoStart || !storage.Value.IsLocalEmulator)
        {
            return;
        }

        var (blob, queue, table) = StorageConnection.EmulatorPorts(connection);
        if (AzuriteProcess.IsListening(blob) || AzuriteProcess.IsListening(table))
        {
            LogAlreadyRunning(logger, blob, table);
            return;
        }

        var root = AzuriteInstallation.FindRoot(environment.ContentRootPath, AppContext.BaseDirectory, Directory.GetCurrentDirectory());
        if (root is null)
        {
            LogNoCheckout(logger);
            return;
        }

        try
        {
            var entry = await AzuriteInstallation.EnsureInstalledAsync(root, message => LogProgress(logger, message), cancellationToken);
            var dataFolder = options.Value.DataFolder ?? Path.Combine(root, ".azurite");
            _azurite = await AzuriteProcess.StartAsync(entry, blob, queue, table, dataFolder, cancellationToken);
            LogStarted(logger, blob, queue, table, dataFolder, _azurite.ProcessId);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            LogStartFailed(logger, e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is { } azurite)
        {
            _azurite = null;
            await azurite.DisposeAsync();
            LogStopped(logger);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Local storage emulator already listening on ports {BlobPort}/{TablePort}; using it")]
    private static partial void LogAlreadyRunning(ILogger logger, int blobPort, int tablePort);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Started Azurite (pid {Pid}) on 127.0.0.1 blob {BlobPort}, queue {QueuePort}, table {TablePort}; data in {DataFolder}")]
    private static partial void LogStarted(ILogger logger, int blobPort, int queuePort, int tablePort, string dataFolder, int pid);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Stopped Azurite")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Could not start the local storage emulator: {Reason}. Storage stays unreachable until Azurite runs (npm ci, then npx azurite) or AzureWebJobsStorage points elsewhere")]
    private static partial void LogStartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "AzureWebJobsStorage points at the local emulator but no package.json with Azurite was found above the app; start Azurite yourself")]
    private static partial void LogNoCheckout(ILogger logger);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogProgress(ILogger logger, string message);
}
