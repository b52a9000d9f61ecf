using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>What became of a ticket command.</summary>
public abstract record TicketCommandResult
{
    private TicketCommandResult()
    {
    }

    /// <summary>Stored: the new snapshot (with its ETag) and the events appended.</summary>
    public sealed record Done(StoredTicket Ticket, IReadOnlyList<TicketEvent> Events) : TicketCommandResult;

    /// <summary>No such ticket.</summary>
    public sealed record NotFound : TicketCommandResult;

    /// <summary>The caller's If-Match no longer matches: someone else changed the ticket. Nothing was written.</summary>
    public sealed record Stale(StoredTicket Current) : TicketCommandResult;

    /// <summary>The workflow refused the command (not allowed, forbidden, invalid). Nothing was written.</summary>
    public sealed record Rejected(CommandOutcome Outcome, StoredTicket Current) : TicketCommandResult;

    /// <summary>Nothing to do (<paramref name="Reason"/>): the ticket is already as asked, or nothing is due. Nothing was written.</summary>
    public sealed record Unchanged(string Reason, StoredTicket Current) : TicketCommandResult;

    /// <summary>Every attempt lost a race with other writers. Nothing was written; try again.</summary>
    public sealed record Busy(int Attempts) : TicketCommandResult;
}
