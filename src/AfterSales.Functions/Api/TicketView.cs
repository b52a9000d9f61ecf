using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Functions.Api;

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
    bool ContactMasked)
{
    public static TicketView From(Ticket ticket, bool showContact)
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
                customer.Address is null ? null : showContact ? customer.Address : MaskAddress(customer.Address)),
            new ProductView(intake.Product.Model, intake.Product.SerialNumber, intake.Product.PurchaseDate, intake.Product.Warranty),
            intake.RequestedType,
            intake.RequestedTag,
            new DescriptionView(intake.Description.Symptom, intake.Description.Frequency, intake.Description.AlreadyTried),
            intake.StatedUrgency,
            intake.ExpectedResolutionBy,
            new ActorView(ticket.ReceivedBy.Name, ticket.ReceivedBy.Role),
            ticket.Version,
            !showContact);
    }

    /// <summary>Keeps the first six characters (province/city in a Chinese address) and hides the rest.</summary>
    private static string MaskAddress(string address) =>
        address.Length <= 6 ? new string('*', address.Length) : string.Concat(address.AsSpan(0, 6), "****");
}

public sealed record CustomerView(string Name, CustomerTitle? Title, string Salutation, string Phone, string? Address);

public sealed record ProductView(string Model, string? SerialNumber, DateOnly PurchaseDate, WarrantyStatus WarrantyStatus);

public sealed record DescriptionView(string Symptom, string? Frequency, string? AlreadyTried);

public sealed record ActorView(string Name, string Role);

public sealed record TicketEventView(int Sequence, string Type, DateTimeOffset OccurredAt, ActorView Actor, object Data)
{
    public static TicketEventView From(TicketEvent e) =>
        new(e.Sequence, e.Type, e.OccurredAt, new ActorView(e.Actor.Name, e.Actor.Role), e.Data);
}

public sealed record TicketListView(IReadOnlyList<TicketView> Items, string? ContinuationToken, string? Next);
