using AfterSales.Domain.Classification;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Time;

namespace AfterSales.Domain.Tickets;

/// <summary>
/// The current state of one service ticket (服务工单): its snapshot. Every change is decided by a
/// pure function here that returns the new snapshot together with the events that explain it; the
/// caller stores both atomically.
/// </summary>
public sealed record Ticket
{
    /// <summary>Stable identifier (time-sortable).</summary>
    public required TicketId Id { get; init; }

    /// <summary>Human-friendly number, e.g. AS-20261123-00042.</summary>
    public required TicketNumber Number { get; init; }

    /// <summary>Lifecycle state.</summary>
    public required TicketStatus Status { get; init; }

    /// <summary>When the request was received (the intake instant).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The registered request.</summary>
    public required TicketIntake Intake { get; init; }

    /// <summary>
    /// Where the service happens: the region given at intake, else the city and district read from the customer's
    /// address. Dispatch and the monthly report both use this one reading.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Domain.Dispatch.ServiceRegion? ServiceArea => Intake.Region ?? Domain.Dispatch.ServiceRegion.FromAddress(Intake.Customer.Address);

    /// <summary>Number of events in the history; increases by one per event.</summary>
    public required int Version { get; init; }

    /// <summary>Who registered the request (agent, integration).</summary>
    public required Actor ReceivedBy { get; init; }

    /// <summary>The classification in force; its type is null until someone (or a rule) decides it.</summary>
    public TicketClassification? Classification { get; init; }

    /// <summary>What the rules decided at intake, kept beside any override.</summary>
    public TicketClassification? ComputedClassification { get; init; }

    /// <summary>The engineer the ticket is assigned to (the name they sign in with).</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Handling round: 1, then one more each time the ticket is reopened (二次处理).</summary>
    public int Round { get; init; } = 1;

    /// <summary>SLA clocks, oldest first; stopped ones stay as the record of promises kept or broken.</summary>
    public IReadOnlyList<SlaClock> Clocks { get; init; } = [];

    /// <summary>Milestones reached, in order.</summary>
    public IReadOnlyList<MilestoneReached> Milestones { get; init; } = [];

    /// <summary>The engineer's summary of the work done (latest round).</summary>
    public string? Resolution { get; init; }

    /// <summary>The customer's confirmation rating (latest round).</summary>
    public ConfirmationRating? Rating { get; init; }

    /// <summary>Why the ticket was cancelled.</summary>
    public CancelReason? CancelReason { get; init; }

    /// <summary>Dispatch progress of the current round: who was passed over, the offer deadline, the supervisor queue.</summary>
    public DispatchState Dispatch { get; init; } = DispatchState.None;

    /// <summary>The visit or call time agreed with the customer (latest).</summary>
    public Appointment? Appointment { get; init; }

    /// <summary>The service record (Template 2): every visit, oldest first.</summary>
    public IReadOnlyList<ServiceVisit> Visits { get; init; } = [];

    /// <summary>Quotes sent to the customer, oldest first.</summary>
    public IReadOnlyList<Quote> Quotes { get; init; } = [];

    /// <summary>The structured result of the latest round (Template 3 content).</summary>
    public ServiceResult? Result { get; init; }

    /// <summary>Every confirmation the customer gave, one per round at most, oldest first.</summary>
    public IReadOnlyList<CustomerConfirmation> Confirmations { get; init; } = [];

    /// <summary>Customer pages opened on staff devices, oldest first: a device link is valid only while its record is here.</summary>
    public IReadOnlyList<DeviceLink> DeviceLinks { get; init; } = [];

    /// <summary>Escalations fired, oldest first: each (target, round, level) at most once.</summary>
    public IReadOnlyList<Escalation> Escalations { get; init; } = [];

    /// <summary>Reminders sent to the customer, oldest first: each (target, round) at most once.</summary>
    public IReadOnlyList<CustomerReminder> Reminders { get; init; } = [];

    /// <summary>Follow-up calls and surveys, oldest first; the last one is the current round's.</summary>
    public IReadOnlyList<FollowUps.FollowUpTask> FollowUps { get; init; } = [];

    /// <summary>The current round's follow-up, if one was planned.</summary>
    public FollowUps.FollowUpTask? CurrentFollowUp => FollowUps.LastOrDefault(f => f.Round == Round);

    /// <summary>When the last event happened.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// Registers a request as a new ticket: the first snapshot and the first history event.
    /// </summary>
    /// <param name="id">The new ticket's identifier; its time must be <paramref name="now"/>.</param>
    /// <param name="number">The allocated number; its date must be the business date of <paramref name="now"/>.</param>
    /// <param name="intake">The validated request.</param>
    /// <param name="actor">Who registers it.</param>
    /// <param name="now">The receipt instant.</param>
    /// <param name="zone">The business time zone the number's date is counted in.</param>
    /// <exception cref="ArgumentException">The id or number does not belong to <paramref name="now"/>.</exception>
    public static (Ticket Ticket, TicketEvent Event) Receive(
        TicketId id, TicketNumber number, TicketIntake intake, Actor actor, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (number.BusinessDate != BusinessTime.LocalDate(now, zone))
        {
            throw new ArgumentException("A ticket number carries the business date the request was received on.", nameof(number));
        }

        if (id.ReceivedAt != DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()))
        {
            throw new ArgumentException("A ticket id carries the instant the request was received.", nameof(id));
        }

        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            Status = TicketStatus.Received,
            ReceivedAt = now,
            Intake = intake,
            Version = 1,
            ReceivedBy = actor,
            UpdatedAt = now,
        };
        var received = new TicketReceived(
            number.ToString(),
            intake.Channel,
            intake.Product.Model,
            intake.Product.Warranty,
            intake.StatedUrgency,
            intake.RequestedType,
            intake.RequestedTag,
            intake.ExpectedResolutionBy,
            intake.ContactedAt)
        {
            To = TicketStatus.Received,
        };
        return (ticket, new TicketEvent(1, now, actor, received));
    }
}
