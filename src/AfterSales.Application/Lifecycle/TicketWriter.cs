using AfterSales.Application.Dispatch;
using AfterSales.Application.Inbox;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;

namespace AfterSales.Application.Lifecycle;

/// <summary>What became of applying a <see cref="TicketChange"/>.</summary>
public abstract record TicketWrite
{
    private TicketWrite()
    {
    }

    /// <summary>The ticket's batch is stored; <paramref name="ETag"/> is the new snapshot's tag.</summary>
    public sealed record Stored(string ETag) : TicketWrite;

    /// <summary>Another writer changed (or created) the ticket first; the batch was not written.</summary>
    public sealed record Lost : TicketWrite;

    /// <summary>The dispatcher's choice has no free place any more (<paramref name="Key"/> filled up meanwhile); the batch was not written.</summary>
    public sealed record Full(string Key) : TicketWrite;
}

/// <summary>
/// The one place a ticket change is written. Everything in the ticket's partition (snapshot, events, SMS outbox rows)
/// is one conditional batch; what lives elsewhere is written in this fixed order, each with its rule for a crash:
/// <list type="number">
/// <item><b>Claims</b> (assignment index, before): a place taken for a change that is then not stored is an entry no
/// ticket backs; housekeeping frees it after <see cref="Dispatching.StaleAfter"/>. A dispatcher's claim that finds the
/// engineer full stops the write (<see cref="TicketWrite.Full"/>) and the caller decides again.</item>
/// <item><b>Due entries</b> (due-index, before): an entry whose change was not stored leads its sweep to a ticket with
/// nothing due (<c>Unchanged</c>), and the sweep drops it.</item>
/// <item><b>Customer codes</b> (before): a code whose change was not stored was never sent to anyone; it expires unused.</item>
/// <item><b>Inbox items</b> (before): an item whose change was not stored is checked against its ticket when read and removed.</item>
/// <item><b>The batch</b>, conditional on the snapshot's ETag (or on the ticket not existing yet): the commit point. The
/// store keeps its own index of the tickets (by status, queue, engineer, phone) around it: new entries before, the
/// entries the ticket left after; an entry may be extra after a crash, never missing, and readers check each.</item>
/// <item><b>Releases</b> (after): a crash before them leaves an entry no ticket backs; housekeeping frees it.</item>
/// <item><b>Report facts</b> (after, in the background): a crash or a fault leaves them behind, and the next report run
/// writes them from the stored ticket before it reads (a ticket keeps its report entry, written with its intake, until
/// it has ended).</item>
/// <item><b>SMS</b> (after, in the background): the dispatcher sends the outbox rows now; a crash leaves the SMS due
/// entry, and the retry sweep sends them.</item>
/// <item><b>The ticket's orchestration</b> (after, in the background): started for a new ticket or an ended one
/// reopened — a start the change owes in its own due entry, written with the others ahead of the batch and removed once
/// the start is made, so a crash or a fault leaves it to <see cref="WorkflowStartSweep"/> within a minute — and told
/// of any other change, which an orchestration that missed it notices when it re-reads its ticket within the hour.</item>
/// </list>
/// </summary>
public sealed class TicketWriter(
    ITicketStore tickets,
    IAssignmentIndex assignments,
    IDueIndex due,
    IInboxStore inbox,
    Customers.ICustomerCodeStore codes,
    ReportProjection projection,
    SmsDispatcher sms,
    WorkflowRelay workflows)
{
    /// <summary>Applies the change; the batch is conditional on <see cref="TicketChange.Before"/>'s ETag (or creates the ticket).</summary>
    public async Task<TicketWrite> ApplyAsync(TicketChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var claim in change.Claims)
        {
            if (!await assignments.TryAddAsync(claim.Key, claim.Ticket, now, claim.Max, cancellationToken))
            {
                return new TicketWrite.Full(claim.Key);
            }
        }

        await Task.WhenAll(change.Due.Select(entry => due.ScheduleAsync(entry.Kind, entry.DueAt, entry.Ticket, cancellationToken)));
        if (change.Codes.Count > 0)
        {
            await codes.AddAsync(change.Codes, cancellationToken);
        }

        if (change.Inbox.Count > 0)
        {
            await inbox.AddAsync(change.Inbox, cancellationToken);
        }

        string? etag;
        if (change.Before is { } before)
        {
            etag = await tickets.TryAppendAsync(before, change.After, change.Events, change.Messages, cancellationToken);
        }
        else
        {
            etag = await tickets.TryCreateAsync(change.After, change.Events, change.Messages, cancellationToken);
        }

        if (etag is null)
        {
            return new TicketWrite.Lost();
        }

        await Task.WhenAll(change.Releases.Select(release => assignments.RemoveAsync(release.Key, release.Ticket, cancellationToken)));
        projection.Committed(change.After, isNew: change.Before is null);
        workflows.Committed(change.After, change.WorkflowStart);

        if (change.WakeSms)
        {
            sms.Enqueue(change.After.Id, now);
        }

        return new TicketWrite.Stored(etag);
    }
}
