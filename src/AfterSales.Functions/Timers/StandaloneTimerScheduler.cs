using AfterSales.Application.Language;
using AfterSales.Functions.Catalog;
using AfterSales.Application.Timers;
using Cronos;

namespace AfterSales.Functions.Timers;

/// <summary>
/// Standalone mode only: fires each timer function of the catalog on its NCRONTAB schedule (UTC, with
/// seconds), inside a blob-lease singleton so that of several instances only one runs a given
/// occurrence. Under the Functions host this is not registered: the host's timer trigger does it.
/// </summary>
public sealed partial class StandaloneTimerScheduler(
    TimerRunner runner, AfterSales.Application.Workflow.WorkflowStartSweep starts, TimeProvider time, ILogger<StandaloneTimerScheduler> logger)
    : BackgroundService
{
    /// <summary>How often the catch-up at start is tried while storage cannot be reached.</summary>
    public static readonly TimeSpan CatchUpRetry = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timers.Select(timer => RunScheduleAsync(timer, stoppingToken)).Append(CatchUpAsync(stoppingToken)));

    /// <summary>
    /// When the app starts, the orchestration starts owed by changes the last run stored and did not finish are made at
    /// once, not at the sweep's next occurrence after their grace: every acknowledged ticket has its orchestration within
    /// seconds of the app coming back. Tried again while storage cannot be reached (for at most a few minutes).
    /// </summary>
    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= 60 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var result = await starts.CatchUpAsync(time.GetUtcNow(), stoppingToken);
                LogCaughtUp(logger, Messages.English(result.Logs[0]));
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e, $"{AfterSales.Application.Workflow.WorkflowStartSweep.FunctionName} (at start)");
            }

            try
            {
                await Task.Delay(CatchUpRetry, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

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

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "At start: {Outcome}")]
    private static partial void LogCaughtUp(ILogger logger, string outcome);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
