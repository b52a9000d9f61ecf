namespace AfterSales.Domain.Tickets;

/// <summary>Where a ticket is in its lifecycle. Intake creates tickets in <see cref="Received"/>.</summary>
public enum TicketStatus
{
    /// <summary>Registered, waiting for classification (已登记).</summary>
    Received,
}
