using AfterSales.Domain.Explanations;
using AfterSales.Domain.Sla;

namespace AfterSales.Domain.Tickets;

/// <summary>One entry of a ticket's append-only history: who did what, when, and the facts of it.</summary>
/// <param name="Sequence">1-based position in the ticket's history; the snapshot's version is the last one.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Data">What happened.</param>
public sealed record TicketEvent(int Sequence, DateTimeOffset OccurredAt, Actor Actor, TicketEventData Data)
{
    /// <summary>The event's type name, as stored and shown in the history.</summary>
    public string Type => Data.Type;
}

/// <summary>The facts of one kind of ticket event, and the lifecycle step and clock changes it made.</summary>
public abstract record TicketEventData
{
    /// <summary>Stable name of the event type; part of the stored format, never renamed.</summary>
    public abstract string Type { get; }

    /// <summary>The status before, when the event moved the ticket.</summary>
    public TicketStatus? From { get; init; }

    /// <summary>The status after, when the event moved the ticket.</summary>
    public TicketStatus? To { get; init; }

    /// <summary>Why, in the actor's words.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Why, when the system decided: a code and its arguments, so each reader is told in their own language (the
    /// <see cref="Note"/> says it in English for the API and the log).
    /// </summary>
    public Explanation? Why { get; init; }

    /// <summary>SLA clocks started, paused, resumed, stopped or replanned by this event.</summary>
    public IReadOnlyList<ClockChange>? Clocks { get; init; }
}

/// <summary>
/// A request was registered as a ticket. Carries the facts of receipt but no contact details: history
/// is read by more roles than may see a customer's phone number or address.
/// </summary>
public sealed record TicketReceived(
    string Number,
    Channel Channel,
    string ProductModel,
    WarrantyStatus Warranty,
    Urgency? StatedUrgency,
    TicketType? RequestedType,
    string? RequestedTag,
    DateTimeOffset? ExpectedResolutionBy,
    DateTimeOffset? ContactedAt = null) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketReceived);
}
