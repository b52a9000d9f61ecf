using AfterSales.Domain.Explanations;
namespace AfterSales.Application.Timers;

/// <summary>
/// Work that runs on a schedule. Under the Azure Functions host the host's timer trigger invokes it;
/// standalone, the in-process scheduler does, holding a storage lease so only one instance runs it.
/// The schedule itself lives in the function catalog of the host, the one source of truth.
/// </summary>
public interface ITimerFunction
{
    /// <summary>Function name, as in the function catalog and the function.json folder.</summary>
    string Name { get; }

    Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// What a scheduled run would find, looked at without the singleton lock and without writing (at most one query):
    /// null when there may be work (the run goes ahead under the lock), else why there is none. The default: always run.
    /// </summary>
    Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult<Explanation?>(null);
}

/// <summary>What one run did, in lines fit for the Functions host's invocation log.</summary>
public sealed record TimerRunResult(IReadOnlyList<Explanation> Logs);

/// <summary>How a timer function came to run.</summary>
public enum TimerTrigger
{
    /// <summary>Its schedule, in-process (standalone).</summary>
    Schedule,
    /// <summary>The Azure Functions host's timer trigger.</summary>
    Host,
    /// <summary>An operator, through <c>POST /api/admin/timers/{name}/run</c>.</summary>
    Manual,
}

/// <summary>One run of a timer function: when, how it was triggered, whether it succeeded and what it did.</summary>
public sealed record TimerRun(
    string Name,
    TimerTrigger Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    IReadOnlyList<Explanation> Logs,
    string? Error,
    string? RunBy);

/// <summary>The last run of each timer function, for operators.</summary>
public interface ITimerRunLog
{
    Task RecordAsync(TimerRun run, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, TimerRun>> LastRunsAsync(CancellationToken cancellationToken);
}
