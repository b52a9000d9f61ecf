using System.Globalization;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Timers;
using AfterSales.Domain.Lifecycle;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// Offers that lapsed: an engineer who neither accepted nor declined by the deadline loses the ticket,
/// which goes to the next candidate (or the supervisor's queue) in the same write. Reads only the due
/// entries of the due-index; each ticket is re-read and changed only if its offer is still the lapsed one,
/// so a sweep that runs twice, or two at once, acts once.
/// </summary>
public sealed class DispatchSweep(IDueIndex due, TicketCommands commands, DueWork work) : ITimerFunction
{
    public const string FunctionName = "DispatchSweep";

    /// <summary>Most deadlines handled per run; the rest wait for the next run.</summary>
    public const int BatchSize = 500;

    public string Name => FunctionName;

    /// <summary>Nothing due when the due-index has no entry of this sweep's kind due by <paramref name="now"/> (one query).</summary>
    public async Task<string?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await due.DueAsync(Dispatching.OfferDue, now, 1, cancellationToken)).Count == 0 ? "Nothing due." : null;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (lapsed, stale) = (0, 0);
        var logs = new List<string>();
        foreach (var entry in await due.DueAsync(Dispatching.OfferDue, now, BatchSize, cancellationToken))
        {
            var result = await commands.ExecuteAsync(
                entry.Ticket, (ticket, at, _) => Task.FromResult(work.OfferDeadline(ticket, entry.DueAt, at)), ifMatch: null, cancellationToken);
            if (result is TicketCommandResult.Done done)
            {
                lapsed++;
                var next = done.Ticket.Ticket.AssignedTo is { } engineer ? $"offered to {engineer}" : "queued for the supervisor";
                logs.Add(string.Create(CultureInfo.InvariantCulture, $"{done.Ticket.Ticket.Number}: offer lapsed at {entry.DueAt:O}; {next}."));
            }
            else if (result is TicketCommandResult.Busy)
            {
                continue; // keep the entry; the next run tries again
            }
            else
            {
                stale++;
            }

            await due.RemoveAsync(entry, cancellationToken);
        }

        logs.Insert(0, string.Create(CultureInfo.InvariantCulture, $"{lapsed} lapsed offer(s) handed on, {stale} stale deadline(s) dropped."));
        return new TimerRunResult(logs);
    }
}
