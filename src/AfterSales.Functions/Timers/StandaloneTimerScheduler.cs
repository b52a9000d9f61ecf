using AfterSales.Application.Timers;
using AfterSales.Functions.Functions;
using Cronos;

namespace AfterSales.Functions.Timers;

/// <summary>
/// Standalone mode only: fires each timer function of the catalog on its NCRONTAB schedule (UTC, with
/// seconds), inside a blob-lease singleton so that of several instances only one runs a given
/// occurrence. Under the Functions host this is not registered: the host's timer trigger does it.
/// </summary>
public sealed partial class StandaloneTimerScheduler(TimerRunner runner, TimeProvider time, ILogger<StandaloneTimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timers.Select(timer => RunScheduleAsync(timer, stoppingToken)));

    private async Task RunScheduleAsync(TimerFunctionDefinition timer, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(timer.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
                await runner.RunAsSingletonAsync(timer.Name, TimerTrigger.Schedule, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One failed run must not stop the schedule; the next occurrence tries again.
                LogFailed(logger, e, timer.Name);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
