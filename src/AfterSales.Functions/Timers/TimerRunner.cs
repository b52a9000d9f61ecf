using AfterSales.Application.Timers;

namespace AfterSales.Functions.Timers;

/// <summary>Runs a timer function by name, whoever triggers it (the Functions host or the in-process scheduler).</summary>
public sealed partial class TimerRunner(IEnumerable<ITimerFunction> functions, ISingletonLock singleton, TimeProvider time, ILogger<TimerRunner> logger)
{
    private readonly Dictionary<string, ITimerFunction> _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _functions.Keys;

    public bool Exists(string name) => _functions.ContainsKey(name);

    /// <summary>Runs the function now. Exceptions propagate: the caller reports the failed invocation.</summary>
    public async Task<TimerRunResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        var function = _functions[name];
        var now = time.GetUtcNow();
        LogStarting(logger, name, now);
        var result = await function.RunAsync(now, cancellationToken);
        foreach (var line in result.Logs)
        {
            LogLine(logger, name, line);
        }

        return result;
    }

    /// <summary>Runs the function unless another instance holds its singleton lock; returns null when skipped.</summary>
    public async Task<TimerRunResult?> RunAsSingletonAsync(string name, CancellationToken cancellationToken)
    {
        await using var held = await singleton.TryAcquireAsync(name, cancellationToken);
        if (held is null)
        {
            LogSkipped(logger, name);
            return null;
        }

        return await RunAsync(name, cancellationToken);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Timer function {Function} starting at {Now:O}")]
    private static partial void LogStarting(ILogger logger, string function, DateTimeOffset now);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Timer function {Function}: {Line}")]
    private static partial void LogLine(ILogger logger, string function, string line);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Timer function {Function} skipped: another instance holds its lock")]
    private static partial void LogSkipped(ILogger logger, string function);
}
