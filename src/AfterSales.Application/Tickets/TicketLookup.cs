using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tickets;

/// <summary>Finding a ticket the way people name it: by its number (AS-20261123-00042) or by its id.</summary>
public static class TicketLookup
{
    /// <summary>The ticket whose number or id is <paramref name="idOrNumber"/>; null when there is none or the text is neither.</summary>
    public static Task<StoredTicket?> FindByIdOrNumberAsync(this ITicketStore store, string idOrNumber, CancellationToken ct)
    {
        if (TicketNumber.TryParse(idOrNumber, out var number))
        {
            return store.FindByNumberAsync(number, ct);
        }

        return TicketId.TryParse(idOrNumber, out var id) ? store.GetAsync(id, ct) : Task.FromResult<StoredTicket?>(null);
    }
}
