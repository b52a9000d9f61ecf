using AfterSales.Domain.Explanations;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>What a command decided: the new snapshot with its events, or why nothing happens.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    /// <summary>The command is accepted: store <paramref name="Ticket"/> and <paramref name="Events"/> together.</summary>
    public sealed record Accepted(Ticket Ticket, IReadOnlyList<TicketEvent> Events) : CommandOutcome;

    /// <summary>The command is not allowed in the ticket's status.</summary>
    public sealed record NotAllowed(TicketStatus Status, IReadOnlyList<TicketCommandKind> AllowedCommands) : CommandOutcome;

    /// <summary>The caller's role (or person) may not give this command.</summary>
    public sealed record Forbidden(string Reason, IReadOnlyList<string> Roles) : CommandOutcome;

    /// <summary>The command's data is not acceptable here.</summary>
    public sealed record Invalid(string Field, Explanation Message) : CommandOutcome;

    /// <summary>
    /// Nothing to do: the ticket is already as the caller wants it (an offer accepted before it lapsed, an escalation
    /// already made, a follow-up not yet due). Not a refusal; a sweep drops its entry, nothing is written.
    /// </summary>
    public sealed record Unchanged(string Reason) : CommandOutcome;
}
