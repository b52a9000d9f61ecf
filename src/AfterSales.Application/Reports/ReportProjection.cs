using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Reports;

/// <summary>
/// Keeps the report projection in step with tickets, off the request's path. A new ticket's change writes one
/// due-index entry ahead (kind <see cref="Kind"/>, at the ticket's receipt): "this ticket's facts can still change".
/// After every stored change the facts are written in the background; once a ticket has ended (closed or
/// cancelled) its facts are final and the entry is removed. Only report runs read the facts, and each first
/// projects every ticket that still has an entry from its stored state (<see cref="CatchUpAsync"/>), so facts a
/// crash or a fault left behind are written before any report reads them. A failed projection never fails the
/// ticket change.
/// </summary>
public sealed partial class ReportProjection(
    IReportFactStore facts, IDueIndex due, ITicketStore tickets, BusinessCalendar calendar, ILogger<ReportProjection> logger)
    : BackgroundQueue<(Ticket Ticket, bool IsNew)>(consumers: 2)
{
    /// <summary>Due-index kind of tickets whose facts can still change.</summary>
    public const string Kind = "facts";

    /// <summary>
    /// How old an entry whose ticket does not exist must be before a catch-up removes it (its intake was not
    /// stored); a younger one may belong to an intake being written right now.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private const int CatchUpParallelism = 8;

    /// <summary>The entry a new ticket's change writes ahead of its batch, kept until the ticket has ended.</summary>
    public static DueEntry Open(Ticket ticket) => new(Kind, ticket.ReceivedAt, ticket.Id);

    /// <summary>True when nothing can change the ticket any more, so its facts are final.</summary>
    public static bool HasEnded(Ticket ticket) => ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled;

    /// <summary>After a change is stored: queues its facts to be written (a new ticket's are added without reading first).</summary>
    public void Committed(Ticket ticket, bool isNew) => Post((ticket, isNew));

    protected override async Task HandleAsync((Ticket Ticket, bool IsNew) work, CancellationToken cancellationToken)
    {
        await ProjectAsync(work.Ticket, work.IsNew, cancellationToken);
        if (HasEnded(work.Ticket))
        {
            await due.RemoveAsync(Open(work.Ticket), cancellationToken);
        }
    }

    protected override void Failed((Ticket Ticket, bool IsNew) work, Exception exception) =>
        LogDeferred(logger, exception, work.Ticket.Number.ToString());

    private Task ProjectAsync(Ticket ticket, bool isNew, CancellationToken cancellationToken)
    {
        var row = TicketFacts.From(ticket);
        return facts.SaveAsync(row, [.. row.Months(calendar.Zone)], isNew, cancellationToken);
    }

    /// <summary>
    /// Projects, from its stored state, every ticket whose facts can still change, and removes the entries of those
    /// that have ended (and of intakes that were never stored). <paramref name="done"/> is told the running count.
    /// Returns how many tickets it projected.
    /// </summary>
    public async Task<int> CatchUpAsync(DateTimeOffset now, Action<int>? done, CancellationToken cancellationToken)
    {
        var entries = await due.DueAsync(Kind, DateTimeOffset.MaxValue, int.MaxValue, cancellationToken);
        var projected = 0;
        var seen = 0;
        await Parallel.ForEachAsync(
            entries,
            new ParallelOptions { MaxDegreeOfParallelism = CatchUpParallelism, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                if (await tickets.GetAsync(entry.Ticket, ct) is { } stored)
                {
                    await ProjectAsync(stored.Ticket, isNew: false, ct);
                    Interlocked.Increment(ref projected);
                    if (HasEnded(stored.Ticket))
                    {
                        await due.RemoveAsync(entry, ct);
                    }
                }
                else if (entry.DueAt < now - Grace)
                {
                    await due.RemoveAsync(entry, ct);
                }

                done?.Invoke(Interlocked.Increment(ref seen));
            });
        return projected;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "Ticket {TicketNumber}: its report facts could not be written now; the next report run writes them")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string ticketNumber);
}
