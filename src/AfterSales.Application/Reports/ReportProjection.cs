using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Reports;

/// <summary>
/// Keeps the report projection in step with tickets. Before a ticket change is stored, a due-index entry (kind
/// <see cref="Kind"/>, planned with the change) promises its projection; after the commit the facts are written and the entry removed. A
/// crash in between leaves the entry, and <see cref="CatchUpAsync"/> (housekeeping, and every report run before it
/// reads) projects those tickets from their stored state. A failed projection never fails the ticket change.
/// </summary>
public sealed partial class ReportProjection(
    IReportFactStore facts, IDueIndex due, ITicketStore tickets, BusinessCalendar calendar, ILogger<ReportProjection> logger)
{
    /// <summary>Due-index kind of pending projections.</summary>
    public const string Kind = "facts";

    /// <summary>How long after a change its entry counts as left behind (the commit and the write normally take milliseconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After the change is stored: write the facts into every month they touch, then drop the <paramref name="promise"/>
    /// the change wrote ahead. A new ticket's facts are added without reading first.
    /// </summary>
    public async Task CommittedAsync(Ticket ticket, bool isNew, DueEntry promise, CancellationToken cancellationToken)
    {
        try
        {
            await ProjectAsync(ticket, isNew, cancellationToken);
            await due.RemoveAsync(promise, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(logger, e, ticket.Number.ToString());
        }
    }

    /// <summary>Writes the ticket's facts into its months.</summary>
    public Task ProjectAsync(Ticket ticket, CancellationToken cancellationToken) => ProjectAsync(ticket, isNew: false, cancellationToken);

    private Task ProjectAsync(Ticket ticket, bool isNew, CancellationToken cancellationToken)
    {
        var row = TicketFacts.From(ticket);
        return facts.SaveAsync(row, [.. row.Months(calendar.Zone)], isNew, cancellationToken);
    }

    /// <summary>
    /// Projects, from their stored state, the tickets whose promise was left behind (due by <paramref name="now"/>) and
    /// removes those promises; with <paramref name="includeRecent"/> (a report run) it also projects the changes of the
    /// last <see cref="Grace"/>, keeping their promises for their own writer. Returns how many tickets it projected.
    /// </summary>
    public async Task<int> CatchUpAsync(DateTimeOffset now, bool includeRecent, CancellationToken cancellationToken)
    {
        const int page = 500;
        var done = 0;
        while (true)
        {
            var entries = await due.DueAsync(Kind, includeRecent ? now + Grace : now, page, cancellationToken);
            foreach (var entry in entries)
            {
                if (await tickets.GetAsync(entry.Ticket, cancellationToken) is { } stored)
                {
                    await ProjectAsync(stored.Ticket, cancellationToken);
                }

                done++;
                if (entry.DueAt <= now)
                {
                    await due.RemoveAsync(entry, cancellationToken);
                }
            }

            // Entries are read earliest first: once one is kept, or the page was not full, nothing older is left.
            if (entries.Count < page || entries[^1].DueAt > now)
            {
                return done;
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "Ticket {TicketNumber}: its report facts could not be written now; housekeeping writes them later")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string ticketNumber);
}
