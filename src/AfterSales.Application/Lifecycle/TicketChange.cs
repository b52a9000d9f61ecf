using AfterSales.Application.Dispatch;
using AfterSales.Application.Inbox;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// One decided change of one ticket, with everything it causes, as data. <see cref="TicketWriter"/> applies it; nothing
/// is written before it exists. <see cref="Before"/> is the stored snapshot the change was decided on, whose ETag the
/// write is conditional on; null for a new ticket.
/// </summary>
public sealed record TicketChange(StoredTicket? Before, Ticket After, IReadOnlyList<TicketEvent> Events)
{
    /// <summary>The SMS the change owes the customer: outbox rows in the ticket's own batch.</summary>
    public IReadOnlyList<SmsMessage> Messages { get; init; } = [];

    /// <summary>The short codes the SMS's links carry, written ahead of the batch (a code whose SMS is not stored is never sent).</summary>
    public IReadOnlyList<Customers.CustomerCodeEntry> Codes { get; init; } = [];

    /// <summary>Places taken in the assignment index (an engineer's or a follow-up agent's), written ahead of the batch.</summary>
    public IReadOnlyList<Claim> Claims { get; init; } = [];

    /// <summary>Due-index entries the change needs (deadlines, the follow-up, SMS work, a new ticket's report entry), written ahead of the batch.</summary>
    public IReadOnlyList<DueEntry> Due { get; init; } = [];

    /// <summary>Staff inbox items the change brings, written ahead of the batch.</summary>
    public IReadOnlyList<InboxItem> Inbox { get; init; } = [];

    /// <summary>Places in the assignment index the change gives up, freed after the batch.</summary>
    public IReadOnlyList<Claim> Releases { get; init; } = [];

    /// <summary>True when the SMS dispatcher should look at the ticket right after the batch (new messages, or some may be obsolete now).</summary>
    public bool WakeSms { get; init; }

    /// <summary>
    /// For a new ticket or an ended one reopened: the start of its orchestration, owed by this change. Its due entry is
    /// written ahead of the batch with the others; the relay removes it once the start is made, and otherwise
    /// <see cref="Workflow.WorkflowStartSweep"/> makes it.
    /// </summary>
    public DueEntry? WorkflowStart { get; init; }
}

/// <summary>
/// A place in the assignment index: <paramref name="Key"/> is an engineer's id or <c>followup:{agent}</c>. With
/// <paramref name="Max"/>, the place is taken only while the holder has fewer than that many (the dispatcher's
/// choice); without, always (a person's assignment).
/// </summary>
public sealed record Claim(string Key, TicketId Ticket, int? Max = null);
