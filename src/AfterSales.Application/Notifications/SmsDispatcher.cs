using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Sends a ticket's new messages right after the write that created them, off the request's path: the
/// request answers at once and the customer gets the SMS a moment later. Anything this misses (the process
/// stops, the provider is down) the <see cref="SmsRetrySweep"/> picks up from the due-index.
/// </summary>
public sealed partial class SmsDispatcher(SmsDelivery delivery, ILogger<SmsDispatcher> logger)
    : BackgroundQueue<(TicketId Ticket, DateTimeOffset Announced)>(consumers: 4)
{
    /// <summary>Asks for the ticket's messages to be sent now; <paramref name="announced"/> is the due-index entry written before the commit.</summary>
    public void Enqueue(TicketId ticket, DateTimeOffset announced) => Post((ticket, announced));

    protected override Task HandleAsync((TicketId Ticket, DateTimeOffset Announced) work, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(work.Ticket, work.Announced, cancellationToken);

    // The due-index entry stays; the retry sweep tries again within a minute.
    protected override void Failed((TicketId Ticket, DateTimeOffset Announced) work, Exception exception) =>
        LogFailed(logger, exception, work.Ticket.Value);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Sending the new SMS of ticket {TicketId} failed; the retry sweep will send them")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketId);
}
