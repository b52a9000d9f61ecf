using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Timers;

/// <summary>
/// Runs a timer function by name, whoever triggers it (the Functions host, the in-process scheduler or an
/// operator), and records each run — when, how triggered, whether it succeeded, what it did — for operators. A
/// scheduled run that found nothing due is recorded only when this instance has recorded none of that timer for
/// <see cref="IdleRecordEvery"/>, so an idle timer costs one query a run and operators still see it alive.
/// </summary>
public sealed partial class TimerRunner(
    IEnumerable<ITimerFunction> functions, ISingletonLock singleton, ITimerRunLog runs, TimeProvider time, ILogger<TimerRunner> logger)
{
    /// <summary>How often a timer that keeps finding nothing due is recorded (by each instance).</summary>
    public static readonly TimeSpan IdleRecordEvery = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, ITimerFunction> _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _functions.Keys;

    public bool Exists(string name) => _functions.ContainsKey(name);

    /// <summary>Runs the function now. Exceptions propagate (after the failed run is recorded): the caller reports the failed invocation.</summary>
    public async Task<TimerRunResult> RunAsync(string name, TimerTrigger trigger, CancellationToken cancellationToken, string? runBy = null)
    {
        var function = _functions[name];
        var now = time.GetUtcNow();
        LogStarting(logger, name, now);
        TimerRunResult result;
        try
        {
            result = await function.RunAsync(now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(new TimerRun(name, trigger, now, time.GetUtcNow(), false, [], $"{e.GetType().Name}: {e.Message}", runBy));
            throw;
        }

        foreach (var line in result.Logs)
        {
            LogLine(logger, name, Language.Messages.English(line));
        }

        await RecordAsync(new TimerRun(name, trigger, now, time.GetUtcNow(), true, result.Logs, null, runBy));
        return result;
    }

    /// <summary>
    /// Runs the function unless another instance holds its singleton lock; returns null when skipped. A scheduled run
    /// first asks the function whether anything is due (one read, no lock): with nothing due it takes no lock and only
    /// records the run. An operator's run always runs.
    /// </summary>
    public async Task<TimerRunResult?> RunAsSingletonAsync(string name, TimerTrigger trigger, CancellationToken cancellationToken, string? runBy = null)
    {
        if (trigger != TimerTrigger.Manual && await NothingDueAsync(name, trigger, cancellationToken) is { } idle)
        {
            return idle;
        }

        await using var held = await singleton.TryAcquireAsync(name, cancellationToken);
        if (held is null)
        {
            LogSkipped(logger, name);
            return null;
        }

        return await RunAsync(name, trigger, cancellationToken, runBy);
    }

    /// <summary>The run's record when the function says nothing is due; null when it may have work.</summary>
    private async Task<TimerRunResult?> NothingDueAsync(string name, TimerTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await _functions[name].NothingDueAsync(now, cancellationToken) is not { } why)
        {
            return null;
        }

        LogLine(logger, name, Language.Messages.English(why));
        if (!_recorded.TryGetValue(name, out var last) || now - last >= IdleRecordEvery)
        {
            await RecordAsync(new TimerRun(name, trigger, now, time.GetUtcNow(), true, [why], null, null));
        }

        return new TimerRunResult([why]);
    }

    /// <summary>A lost record must not fail the run it describes.</summary>
    private async Task RecordAsync(TimerRun run)
    {
        try
        {
            await runs.RecordAsync(run, CancellationToken.None);
            _recorded[run.Name] = run.StartedAt;
        }
        catch (Exception e)
        {
            LogRecordFailed(logger, e, run.Name);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Timer function {Function} starting at {Now:O}")]
    private static partial void LogStarting(ILogger logger, string function, DateTimeOffset now);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Timer function {Function}: {Line}")]
    private static partial void LogLine(ILogger logger, string function, string line);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Timer function {Function} skipped: another instance holds its lock")]
    private static partial void LogSkipped(ILogger logger, string function);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Timer function {Function}: its run could not be recorded")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string function);
}
