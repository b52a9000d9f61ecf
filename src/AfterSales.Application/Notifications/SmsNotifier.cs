using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Notifications;

/// <summary>
/// The outbox as the write path sees it: before a ticket change is stored, the SMS it owes the customer are
/// rendered (to go into the same atomic write) and announced in the due-index; after the write they are
/// handed to the <see cref="SmsDispatcher"/>.
/// </summary>
public sealed class SmsNotifier(SmsPlanner planner, SmsDelivery delivery, SmsDispatcher dispatcher)
{
    /// <summary>The messages the change owes, announced so that none is forgotten if the process stops after the write.</summary>
    public async Task<IReadOnlyList<SmsMessage>> PrepareAsync(
        Ticket? before, Ticket after, IReadOnlyList<TicketEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = await planner.PlanAsync(before, after, events, now, cancellationToken);
        if (messages.Count > 0)
        {
            await delivery.AnnounceAsync(after.Id, now, cancellationToken);
        }

        return messages;
    }

    /// <summary>After the write: send now.</summary>
    public void Committed(TicketId ticket, IReadOnlyList<SmsMessage> messages, DateTimeOffset now)
    {
        if (messages.Count > 0)
        {
            dispatcher.Enqueue(ticket, now);
        }
    }
}
