using AfterSales.Domain.Explanations;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Timers;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Escalations;

/// <summary>
/// Escalates late tickets: reads only the escalation entries of the due-index that have come due, re-reads each
/// ticket and records every escalation its clocks owe now (warning to the person working on it, level 1 to the
/// supervisor with the customer's apology SMS, level 2 to the service manager) in one conditional write. An
/// escalation already in the ticket is never made again, so sweeps that overlap or repeat act once.
/// </summary>
public sealed partial class EscalationSweep(
    IDueIndex due, TicketCommands commands, DueWork work, TicketDeadlines deadlines, ILogger<EscalationSweep> logger) : ITimerFunction
{
    public const string FunctionName = "EscalationSweep";

    /// <summary>Most entries handled per run; the rest wait for the next run.</summary>
    public const int BatchSize = 1000;

    /// <summary>Tickets handled at once.</summary>
    public const int Parallelism = 8;

    public string Name => FunctionName;

    /// <summary>Nothing due when the due-index has no entry of this sweep's kind due by <paramref name="now"/> (one query).</summary>
    public async Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await due.DueAsync(TicketDeadlines.EscalationDue, now, 1, cancellationToken)).Count == 0 ? Explanation.Of(MessageCodes.NothingDue) : null;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = await due.DueAsync(TicketDeadlines.EscalationDue, now, BatchSize, cancellationToken);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<Explanation>();
        var (escalated, nothing, failed) = (0, 0, 0);
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            try
            {
                var made = await HandleAsync(entry, ct);
                if (made.Count > 0)
                {
                    Interlocked.Increment(ref escalated);
                    foreach (var line in made)
                    {
                        lines.Enqueue(line);
                    }
                }
                else
                {
                    Interlocked.Increment(ref nothing);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One ticket's trouble must not hold up the others; its entry stays for the next run.
                Interlocked.Increment(ref failed);
                LogFailed(logger, entry.Ticket.Value, e);
            }
        });

        var logs = new List<Explanation> { Explanation.Of(MessageCodes.TimerEscalations, entries.Count, escalated, nothing, failed) };
        logs.AddRange(lines);
        return new TimerRunResult(logs);
    }

    private async Task<IReadOnlyList<Explanation>> HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        var result = await commands.ExecuteAsync(
            entry.Ticket, (ticket, at, _) => Task.FromResult(work.Escalations(ticket, at)), ifMatch: null, cancellationToken);

        var made = new List<Explanation>();
        switch (result)
        {
            case TicketCommandResult.Busy:
                return made; // keep the entry; the next run tries again
            case TicketCommandResult.Done done:
                made.AddRange(done.Events.Select(e => e.Data).OfType<SlaEscalated>()
                    .Select(e => Explanation.Of(MessageCodes.TimerEscalated, done.Ticket.Ticket.Number, e.Escalation.Target, e.Escalation.Round, e.Escalation.Level, e.Escalation.Recipient)));
                break;
            case TicketCommandResult.Unchanged unchanged:
                await deadlines.EnsureAsync(unchanged.Current.Ticket, entry.DueAt, cancellationToken);
                break;
        }

        await due.RemoveAsync(entry, cancellationToken);
        return made;
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Escalation sweep: ticket {TicketId} failed; its entry stays for the next run")]
    private static partial void LogFailed(ILogger logger, string ticketId, Exception exception);
}
