using System.Globalization;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;

namespace AfterSales.Application.Housekeeping;

/// <summary>
/// Removes Idempotency-Key records whose retention has ended, so keys can be reused and the
/// idempotency table stays as small as the retention window; and assignment-index entries no ticket
/// backs any more, so no engineer looks busier than they are.
/// </summary>
public sealed class HousekeepingSweep(IIdempotencyStore idempotency, Dispatching dispatching) : ITimerFunction
{
    public const string FunctionName = "HousekeepingSweep";

    public string Name => FunctionName;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = await idempotency.DeleteExpiredAsync(now, cancellationToken);
        var repaired = await dispatching.RepairAsync(now, cancellationToken);
        return new TimerRunResult([
            string.Create(CultureInfo.InvariantCulture, $"Removed {deleted} expired idempotency record(s) older than {now:O}."),
            string.Create(CultureInfo.InvariantCulture, $"Removed {repaired} assignment-index entr(ies) no ticket backs.")
        ]);
    }
}
