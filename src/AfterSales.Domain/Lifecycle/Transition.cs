using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>One row of the lifecycle table: from a status, a command, by these roles, leads to a status.</summary>
/// <param name="From">The status the command is allowed in.</param>
/// <param name="Command">The command.</param>
/// <param name="To">The status afterwards (may equal <paramref name="From"/>).</param>
/// <param name="Roles">The roles that may give the command.</param>
/// <param name="Milestone">The SLA milestone the command reaches, if any.</param>
/// <param name="AssigneeOnly">An engineer may give it only for a ticket assigned to them.</param>
public sealed record Transition(
    TicketStatus From,
    TicketCommandKind Command,
    TicketStatus To,
    IReadOnlyList<string> Roles,
    Milestone? Milestone = null,
    bool AssigneeOnly = false);
