namespace AfterSales.Application.Tickets;

/// <summary>
/// Hands out the daily sequence of ticket numbers. Every value is given out at most once per business
/// date, across all instances of the app; a value may be skipped (a crash between allocation and
/// commit), never repeated.
/// </summary>
public interface ITicketNumberAllocator
{
    ValueTask<int> NextAsync(DateOnly businessDate, CancellationToken cancellationToken);
}
