using AfterSales.Application.Dispatch;
using AfterSales.Application.Timers;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Every minute: the tickets whose SMS work is due — retries whose wait is over, messages quiet hours held
/// back, reminders whose time has come, attempts lost in a crash (lease run out), and messages whose
/// sending right after the commit never happened. Reads only due entries of the due-index.
/// </summary>
public sealed class SmsRetrySweep(IDueIndex due, SmsDelivery delivery) : ITimerFunction
{
    public const string FunctionName = "SmsRetrySweep";

    /// <summary>Most tickets handled per run; the rest wait for the next run.</summary>
    public const int BatchSize = 500;

    public string Name => FunctionName;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = await due.DueAsync(SmsDelivery.DueKind, now, BatchSize, cancellationToken);
        var total = SmsPass.Empty;
        foreach (var entry in entries)
        {
            total += await delivery.DeliverAsync(entry.Ticket, entry.DueAt, cancellationToken);
        }

        return new TimerRunResult([$"{entries.Count} ticket(s) with SMS work: {total}."]);
    }
}
