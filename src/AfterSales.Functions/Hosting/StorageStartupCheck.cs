using AfterSales.Application.Storage;

namespace AfterSales.Functions.Hosting;

/// <summary>Says at start, in one clear line, whether storage is reachable. Never stops the app from starting.</summary>
public sealed partial class StorageStartupCheck(IStorageHealth health, ILogger<StorageStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        if (report.Reachable)
        {
            LogReachable(logger, report.Emulator ? "local emulator (Azurite)" : "Azure Storage");
        }
        else
        {
            LogUnreachable(logger, report.Problem ?? "no answer");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Storage reachable: {Kind}")]
    private static partial void LogReachable(ILogger logger, string kind);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "STORAGE UNREACHABLE: {Problem} Requests that need storage answer 503 until it is back; /api/health shows the state")]
    private static partial void LogUnreachable(ILogger logger, string problem);
}
