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
}

/// <summary>What one run did, in lines fit for the Functions host's invocation log.</summary>
public sealed record TimerRunResult(IReadOnlyList<string> Logs);
