using AfterSales.Domain.Explanations;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Timers;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Every minute: the tickets whose SMS work is due — retries whose wait is over, messages quiet hours held
/// back, reminders whose time has come, attempts lost in a crash (lease run out), and messages whose
/// sending right after the commit never happened. Reads only due entries of the due-index.
/// </summary>
public sealed partial class SmsRetrySweep(IDueIndex due, SmsDelivery delivery, ILogger<SmsRetrySweep> logger) : ITimerFunction
{
    public const string FunctionName = "SmsRetrySweep";

    /// <summary>Most tickets handled per run; the rest wait for the next run.</summary>
    public const int BatchSize = 500;

    public string Name => FunctionName;

    /// <summary>Nothing due when the due-index has no SMS entry due by <paramref name="now"/> (one query).</summary>
    public async Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await due.DueAsync(SmsDelivery.DueKind, now, 1, cancellationToken)).Count == 0 ? Explanation.Of(MessageCodes.NothingDue) : null;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = await due.DueAsync(SmsDelivery.DueKind, now, BatchSize, cancellationToken);
        var total = SmsPass.Empty;
        var logs = new List<Explanation>();
        foreach (var entry in entries)
        {
            try
            {
                total += await delivery.DeliverAsync(entry.Ticket, entry.DueAt, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One ticket's trouble must not hold up the others; its entry stays for the next run.
                LogFailed(logger, e, entry.Ticket.Value);
                logs.Add(Explanation.Of(MessageCodes.TimerTicketFailed, entry.Ticket.Value, e.GetType().Name, e.Message));
            }
        }

        logs.Insert(0, Explanation.Of(MessageCodes.TimerSms, entries.Count, total.Sent, total.Kept, total.Retrying, total.Failed, total.Cancelled, total.Deferred));
        return new TimerRunResult(logs);
    }

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error, Message = "SMS work of ticket {TicketId} failed; it is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketId);
}
