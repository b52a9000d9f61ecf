using AfterSales.Domain.Explanations;
using System.Globalization;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;

namespace AfterSales.Application.Housekeeping;

/// <summary>
/// Removes Idempotency-Key records whose retention has ended, so keys can be reused and the
/// idempotency table stays as small as the retention window; and assignment-index entries no ticket
/// backs any more, so no engineer looks busier than they are; and indexes, a page per run, tickets stored before the
/// ticket index existed (nothing, once every ticket is).
/// </summary>
public sealed class HousekeepingSweep(IIdempotencyStore idempotency, Dispatching dispatching, ITicketIndexCatchUp index) : ITimerFunction
{
    /// <summary>Tickets indexed per run while older tickets are caught up.</summary>
    public const int IndexPerRun = 500;

    public const string FunctionName = "HousekeepingSweep";

    public string Name => FunctionName;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = await idempotency.DeleteExpiredAsync(now, cancellationToken);
        var repaired = await dispatching.RepairAsync(now, cancellationToken);
        var indexed = await index.CatchUpIndexAsync(IndexPerRun, cancellationToken);
        return new TimerRunResult([
            Explanation.Of(MessageCodes.TimerIdempotency, deleted, now.ToString("O", CultureInfo.InvariantCulture)),
            Explanation.Of(MessageCodes.TimerAssignments, repaired),
            Explanation.Of(indexed.Done ? MessageCodes.TimerIndexDone : MessageCodes.TimerIndexMore, indexed.Indexed),
        ]);
    }
}
