using AfterSales.Domain.Classification;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Views;

/// <summary>A ticket as the API shows it. Phone and address are masked unless the caller's role needs them.</summary>
public sealed record TicketView(
    string Id,
    string Number,
    TicketStatus Status,
    Channel Channel,
    DateTimeOffset ReceivedAt,
    DateOnly ReceivedOn,
    CustomerView Customer,
    ProductView Product,
    TicketType? Type,
    string? Tag,
    DescriptionView Description,
    Urgency? StatedUrgency,
    DateTimeOffset? ExpectedResolutionBy,
    ActorView ReceivedBy,
    int Version,
    bool ContactMasked,
    ClassificationView? Classification,
    ClassificationView? ComputedClassification,
    string? AssignedTo,
    int Round,
    string? Resolution,
    ConfirmationRating? Rating,
    CancelReason? CancelReason,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<string> AllowedCommands,
    IReadOnlyList<ClockView> Clocks,
    DispatchState Dispatch,
    Appointment? Appointment,
    IReadOnlyList<ServiceVisit> Visits,
    IReadOnlyList<Quote> Quotes,
    ServiceResult? Result,
    IReadOnlyList<CustomerConfirmation> Confirmations,
    IReadOnlyList<AfterSales.Domain.Sla.Escalation> Escalations,
    IReadOnlyList<AfterSales.Domain.Sla.CustomerReminder> Reminders,
    IReadOnlyList<AfterSales.Domain.FollowUps.FollowUpTask> FollowUps)
{
    /// <summary>The customer link made by this response (quote and report-result), for the SMS or to read out.</summary>
    public CustomerLinkView? CustomerLink { get; init; }

    /// <summary>The ticket as <paramref name="workflow"/> reads its clocks at <paramref name="now"/>.</summary>
    public static TicketView From(Ticket ticket, bool showContact, TicketWorkflow workflow, DateTimeOffset now)
    {
        var intake = ticket.Intake;
        var customer = intake.Customer;
        return new TicketView(
            ticket.Id.Value,
            ticket.Number.ToString(),
            ticket.Status,
            intake.Channel,
            ticket.ReceivedAt,
            ticket.Number.BusinessDate,
            new CustomerView(
                customer.Name,
                customer.Title,
                customer.Salutation,
                showContact ? customer.Phone.E164 : customer.Phone.Masked,
                customer.Address is null ? null : showContact ? customer.Address : MaskAddress(customer.Address),
                customer.Language),
            new ProductView(intake.Product.Model, intake.Product.SerialNumber, intake.Product.PurchaseDate, intake.Product.Warranty, intake.Product.Line),
            intake.RequestedType,
            intake.RequestedTag,
            new DescriptionView(intake.Description.Symptom, intake.Description.Frequency, intake.Description.AlreadyTried),
            intake.StatedUrgency,
            intake.ExpectedResolutionBy,
            new ActorView(ticket.ReceivedBy.Name, ticket.ReceivedBy.Role),
            ticket.Version,
            !showContact,
            ClassificationView.From(ticket.Classification),
            ClassificationView.From(ticket.ComputedClassification),
            ticket.AssignedTo,
            ticket.Round,
            ticket.Resolution,
            ticket.Rating,
            ticket.CancelReason,
            ticket.UpdatedAt,
            TicketWorkflow.AllowedNow(ticket).Select(TicketLifecycle.Name).Distinct().ToList(),
            workflow.ReadClocks(ticket, now).Select(ClockView.From).ToList(),
            ticket.Dispatch,
            ticket.Appointment,
            ticket.Visits,
            ticket.Quotes,
            ticket.Result,
            ticket.Confirmations,
            ticket.Escalations,
            ticket.Reminders,
            ticket.FollowUps);
    }

    /// <summary>Keeps the first six characters (province/city in a Chinese address) and hides the rest.</summary>
    private static string MaskAddress(string address) =>
        address.Length <= 6 ? new string('*', address.Length) : string.Concat(address.AsSpan(0, 6), "****");
}

public sealed record CustomerView(string Name, CustomerTitle? Title, string Salutation, string Phone, string? Address, CustomerLanguage Language);

public sealed record ProductView(string Model, string? SerialNumber, DateOnly PurchaseDate, WarrantyStatus WarrantyStatus, string? Line);

/// <summary>A signed customer link: what it is for, the quote number or round it is bound to, the address, when it expires.</summary>
/// <summary>A customer page opened on a staff member's device: what for, the address, until when, and who opened it.</summary>
public sealed record CustomerLinkView(string Purpose, int Subject, string Url, DateTimeOffset ExpiresAt, string IssuedBy);

public sealed record DescriptionView(string Symptom, string? Frequency, string? AlreadyTried);

public sealed record ActorView(string Name, string Role);

public sealed record TicketEventView(int Sequence, string Type, DateTimeOffset OccurredAt, ActorView Actor, object Data)
{
    /// <summary>The SMS this event sent the customer, with their current status.</summary>
    public IReadOnlyList<SmsView> Sms { get; init; } = [];

    public static TicketEventView From(TicketEvent e) =>
        new(e.Sequence, e.Type, e.OccurredAt, new ActorView(e.Actor.Name, e.Actor.Role), e.Data);
}

public sealed record TicketListView(IReadOnlyList<TicketView> Items, string? ContinuationToken, string? Next);

/// <summary>Type, tag and urgency, and who or which rule decided them.</summary>
public sealed record ClassificationView(
    TicketType? Type, string? Tag, Urgency Urgency, ClassificationSource Source, string? TypeRule, string? UrgencyRule, string? Reason)
{
    public static ClassificationView? From(TicketClassification? c) =>
        c is null ? null : new(c.Type, c.Tag, c.Urgency, c.Source, c.TypeRule, c.UrgencyRule, c.Reason);
}

/// <summary>
/// One SLA clock read now: amounts are minutes of the clock's measure (business minutes for a
/// business-time clock); remaining is negative when late.
/// </summary>
public sealed record ClockView(
    string Target,
    SlaKind Kind,
    int Round,
    ClockMeasure Measure,
    string Allowance,
    double BudgetMinutes,
    ClockState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? WarningAt,
    int WarningPercent,
    DateTimeOffset? RemindAt,
    double UsedMinutes,
    double RemainingMinutes,
    double PausedMinutes,
    DateTimeOffset? PausedSince,
    DateTimeOffset? StoppedAt,
    ClockOutcome? Outcome)
{
    public static ClockView From(ClockReading reading)
    {
        var c = reading.Clock;
        return new ClockView(
            c.Target,
            c.Kind,
            c.Round,
            c.Measure,
            c.Allowance.ToString(),
            Minutes(c.Budget),
            reading.State,
            c.StartedAt,
            c.DueAt,
            c.WarningAt,
            (int)Math.Round(c.WarningRatio * 100),
            c.RemindAt,
            Minutes(reading.Used),
            Minutes(reading.Remaining),
            Minutes(reading.Paused),
            c.IsPaused ? c.Pauses[^1].From : null,
            c.StoppedAt,
            c.Outcome);
    }

    private static double Minutes(TimeSpan span) => Math.Round(span.TotalMinutes, 2);
}
