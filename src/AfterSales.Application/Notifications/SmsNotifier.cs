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

    /// <summary>
    /// After the write: send the new messages now; and when the change may have made a waiting message pointless
    /// (a survey answered, a quote or result answered, an appointment moved, the ticket closed), look at the ticket's
    /// open messages now too, so one the customer no longer needs is cancelled at once rather than sent later.
    /// </summary>
    public void Committed(Ticket? before, Ticket after, IReadOnlyList<SmsMessage> messages, DateTimeOffset now)
    {
        var mayObsolete = before is not null && (before.Status != after.Status || before.Appointment != after.Appointment
            || before.CurrentFollowUp?.Status != after.CurrentFollowUp?.Status);
        if (messages.Count > 0 || mayObsolete)
        {
            dispatcher.Enqueue(after.Id, now);
        }
    }
}
