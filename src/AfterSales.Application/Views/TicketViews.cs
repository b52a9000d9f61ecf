using System.Security.Claims;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Application.Access;

namespace AfterSales.Application.Views;

/// <summary>Builds ticket views for a caller, with the clocks read at the current time.</summary>
public sealed class TicketViews(TicketWorkflow workflow, TimeProvider time)
{
    public TicketView For(Ticket ticket, ClaimsPrincipal user) =>
        TicketView.From(ticket, user.MaySeeContactDetails(), workflow, time.GetUtcNow());
}
