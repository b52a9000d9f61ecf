namespace AfterSales.Domain.Sla;

/// <summary>
/// The customer was reminded, by SMS, that a clock only they can stop (their confirmation) is running.
/// </summary>
/// <param name="Target">The SLA target.</param>
/// <param name="Round">The handling round of the clock.</param>
/// <param name="At">When the reminder was made.</param>
/// <param name="DueAt">The clock's deadline at that time.</param>
public sealed record CustomerReminder(string Target, int Round, DateTimeOffset At, DateTimeOffset DueAt)
{
    /// <summary>The clock a ticket owes a reminder for at <paramref name="now"/>: running, of the current round, past its reminder point, not yet reminded; null when none.</summary>
    public static SlaClock? Due(Tickets.Ticket ticket, DateTimeOffset now) =>
        Pending(ticket) is { RemindAt: { } at } clock && at <= now ? clock : null;

    /// <summary>The running clock of the current round whose reminder is still to come or due; null when none.</summary>
    public static SlaClock? Pending(Tickets.Ticket ticket) =>
        ticket.Status is Tickets.TicketStatus.Closed or Tickets.TicketStatus.Cancelled
            ? null
            : ticket.Clocks.FirstOrDefault(c => c.IsActive && c.RemindAt is not null && c.Round == ticket.Round && !Sent(ticket, c));

    /// <summary>Whether the customer was reminded of this clock's target in its round.</summary>
    public static bool Sent(Tickets.Ticket ticket, SlaClock clock) =>
        ticket.Reminders.Any(r => r.Target == clock.Target && r.Round == clock.Round);
}
