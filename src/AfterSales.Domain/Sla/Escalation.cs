using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Sla;

/// <summary>How far a late promise has gone up.</summary>
public enum EscalationLevel
{
    /// <summary>At the warning threshold: the person working on it is told.</summary>
    Warning,
    /// <summary>Level 1, at breach: the supervisor (客服主管).</summary>
    Supervisor,
    /// <summary>Level 2, a configured time after breach: the service manager (客服经理).</summary>
    Manager,
}

/// <summary>
/// One escalation of one clock. <paramref name="Recipient"/> is <c>user:{sign-in name}</c> or <c>role:{role}</c>,
/// the inbox it lands in.
/// </summary>
/// <param name="Target">The SLA target.</param>
/// <param name="Kind">What the promise is about.</param>
/// <param name="Round">The handling round of the clock.</param>
/// <param name="Level">Which level.</param>
/// <param name="At">When it fired.</param>
/// <param name="DueAt">The clock's deadline.</param>
/// <param name="Recipient">Whose inbox it goes to.</param>
/// <param name="NewPromise">At a breach with an apology: the new expected time told to the customer.</param>
public sealed record Escalation(
    string Target, SlaKind Kind, int Round, EscalationLevel Level, DateTimeOffset At, DateTimeOffset DueAt, string Recipient, DateTimeOffset? NewPromise)
{
    /// <summary>The identity that fires once per ticket: target, round and level.</summary>
    public string Key => $"{Target}/{Round}/{Level}";
}

/// <summary>
/// Which escalations a ticket owes at an instant, and when it next owes one. Each (target, round, level) fires
/// once; a sweep that comes late fires every level that has come due, skipping a warning once the clock is breached.
/// Paused and stopped clocks owe nothing.
/// </summary>
public static class EscalationRules
{
    /// <summary>Inbox of a person.</summary>
    public static string User(string name) => $"user:{name}";

    /// <summary>Inbox shared by a role.</summary>
    public static string Role(string role) => $"role:{role}";

    /// <summary>The escalations <paramref name="ticket"/> owes at <paramref name="now"/>, earliest level first.</summary>
    public static IReadOnlyList<Escalation> Due(Ticket ticket, SlaClocks clocks, DateTimeOffset now)
    {
        var due = new List<Escalation>();
        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            return due;
        }

        foreach (var clock in ticket.Clocks.Where(c => c.IsActive && c.DueAt is not null))
        {
            var deadline = clock.DueAt!.Value;
            if (now >= deadline)
            {
                Add(EscalationLevel.Supervisor, Role(StaffRoles.Supervisor), clock.Apology ? clocks.NewPromise(clock, now) : null);
                if (clocks.ManagerAt(clock) is { } managerAt && now >= managerAt)
                {
                    Add(EscalationLevel.Manager, Role(StaffRoles.Manager), null);
                }
            }
            else if (clock.WarningAt is { } warning && now >= warning && !Fired(ticket, clock, EscalationLevel.Supervisor))
            {
                Add(EscalationLevel.Warning, WarningRecipient(ticket, clock), null);
            }

            void Add(EscalationLevel level, string recipient, DateTimeOffset? promise)
            {
                if (!Fired(ticket, clock, level))
                {
                    due.Add(new Escalation(clock.Target, clock.Kind, clock.Round, level, now, deadline, recipient, promise));
                }
            }
        }

        return due;
    }

    /// <summary>The next instant the ticket will owe an escalation, or null when no running clock has one left.</summary>
    public static DateTimeOffset? NextDue(Ticket ticket, SlaClocks clocks)
    {
        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            return null;
        }

        DateTimeOffset? next = null;
        foreach (var clock in ticket.Clocks.Where(c => c.IsActive && c.DueAt is not null))
        {
            var at = !Fired(ticket, clock, EscalationLevel.Warning) && !Fired(ticket, clock, EscalationLevel.Supervisor) ? clock.WarningAt
                : !Fired(ticket, clock, EscalationLevel.Supervisor) ? clock.DueAt
                : !Fired(ticket, clock, EscalationLevel.Manager) ? clocks.ManagerAt(clock)
                : null;
            if (at is { } candidate && (next is null || candidate < next))
            {
                next = candidate;
            }
        }

        return next;
    }

    /// <summary>Whether the level has fired for this clock's target and round.</summary>
    public static bool Fired(Ticket ticket, SlaClock clock, EscalationLevel level) =>
        ticket.Escalations.Any(e => e.Target == clock.Target && e.Round == clock.Round && e.Level == level);

    /// <summary>A warning goes to whoever must act: the engineer, the follow-up agent, the agents (confirmation), else the supervisor.</summary>
    private static string WarningRecipient(Ticket ticket, SlaClock clock) => clock.Kind switch
    {
        SlaKind.Response or SlaKind.Resolution or SlaKind.Feedback when ticket.AssignedTo is { } engineer => User(engineer),
        SlaKind.FollowUp when ticket.FollowUps.LastOrDefault()?.Agent is { } agent => User(agent),
        SlaKind.FollowUp => Role(StaffRoles.FollowUp),
        SlaKind.Confirmation => Role(StaffRoles.Agent),
        _ => Role(StaffRoles.Supervisor),
    };
}
