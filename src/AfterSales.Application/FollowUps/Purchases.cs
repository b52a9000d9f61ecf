using AfterSales.Domain.Explanations;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Application.Tickets;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.FollowUps;

/// <summary>A purchase to register (<c>POST /api/purchases</c>).</summary>
public sealed record PurchaseRequest
{
    public CustomerRequest? Customer { get; init; }

    public ProductRequest? Product { get; init; }

    /// <summary>Where it was bought: a channel name (walkIn, app, website, …).</summary>
    public string? Channel { get; init; }

    /// <summary>The shop or outlet, free text.</summary>
    public string? Store { get; init; }

    /// <summary>Whether the buyer is a new customer; omitted: new when no earlier purchase is registered for the phone number.</summary>
    public bool? NewCustomer { get; init; }
}

/// <summary>Where purchases are recorded, one partition per customer (keyed by a hash of the phone number, never the number).</summary>
public interface IPurchaseRegistry
{
    /// <summary>
    /// Records a purchase. Returns true when it is the customer's first registered purchase — or the same
    /// purchase registered again (<paramref name="fingerprint"/> equal), so a retried request is answered the same way.
    /// </summary>
    Task<bool> RecordAsync(string phoneE164, string fingerprint, string model, string? serialNumber, DateOnly purchaseDate, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>What registering a purchase did.</summary>
public abstract record PurchaseResult
{
    /// <summary>Recorded; for a new customer, the follow-up ticket planned a month later.</summary>
    public sealed record Recorded(bool NewCustomer, Ticket? FollowUpTicket, bool Replayed) : PurchaseResult;

    /// <summary>Bad input, by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, Explanation[]> Errors) : PurchaseResult;

    /// <summary>
    /// The same purchase (phone, model, serial number, purchase date, store) was registered before with other
    /// details: the follow-up ticket keeps what it was registered with; <paramref name="Fields"/> name the differences.
    /// </summary>
    public sealed record Conflict(Ticket Existing, IReadOnlyList<string> Fields) : PurchaseResult;
}

/// <summary>
/// Purchases: a new customer's purchase becomes a follow-up visit ticket (回访类, tag 新购回访) whose follow-up is
/// planned one month later (configurable), in the same write as the ticket. Returning customers' purchases are
/// recorded only. A retried request finds the ticket it made the first time.
/// </summary>
public sealed class Purchases(SubmitTicket submit, IPurchaseRegistry registry, ITicketStore store, TicketIntakeValidator validator, TicketWorkflow workflow, TimeProvider time)
{
    /// <summary>The second-level tag of purchase follow-ups.</summary>
    public const string Tag = "新购回访";

    public async Task<PurchaseResult> RegisterAsync(PurchaseRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var intake = new TicketIntakeRequest
        {
            Customer = request.Customer,
            Product = request.Product,
            Channel = request.Channel,
            Type = "followUp",
            Tag = Tag,
            Urgency = "routine",
            Description = new DescriptionRequest
            {
                Symptom = $"新购回访：{request.Product?.Model}" + (string.IsNullOrWhiteSpace(request.Store) ? string.Empty : $"（{request.Store.Trim()}）"),
            },
        };
        var now = time.GetUtcNow();
        var validation = validator.Validate(intake, now);
        if (!validation.IsValid)
        {
            return new PurchaseResult.Invalid(validation.Errors);
        }

        var valid = validation.Intake!;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{valid.Customer.Phone.E164}\n{valid.Product.Model}\n{valid.Product.SerialNumber}\n{valid.Product.PurchaseDate:yyyy-MM-dd}\n{request.Store?.Trim()}")));
        var first = await registry.RecordAsync(valid.Customer.Phone.E164, fingerprint, valid.Product.Model, valid.Product.SerialNumber, valid.Product.PurchaseDate, now, cancellationToken);
        var isNew = request.NewCustomer ?? first;
        if (!isNew)
        {
            return new PurchaseResult.Recorded(false, null, Replayed: false);
        }

        var result = await submit.HandleAsync(intake, $"purchase-{fingerprint}", actor, cancellationToken, ticket =>
            [new ScheduleFollowUp(FollowUpReason.Purchase, workflow.FollowUps.DueFrom(FollowUpReason.Purchase, ticket.ReceivedAt, workflow.Clocks.Calendar))
            {
                Note = "新客户购买：一个月后回访。",
            }]);
        switch (result)
        {
            case SubmitTicketResult.Created created:
                return new PurchaseResult.Recorded(true, created.Ticket, created.Replayed);
            case SubmitTicketResult.Invalid invalid:
                return new PurchaseResult.Invalid(invalid.Errors);
            case SubmitTicketResult.KeyReused reused when TicketId.TryParse(reused.TicketId, out var id)
                && await store.GetAsync(id, cancellationToken) is { } existing:
                return new PurchaseResult.Conflict(existing.Ticket, Differences(valid, existing.Ticket));
            default:
                throw new InvalidOperationException("A purchase registered before has no follow-up ticket to answer with.");
        }
    }

    /// <summary>The request's fields that differ from what the purchase's ticket was registered with.</summary>
    private static List<string> Differences(TicketIntake intake, Ticket ticket)
    {
        var fields = new List<string>();
        void Compare<T>(string field, T sent, T registered)
        {
            if (!EqualityComparer<T>.Default.Equals(sent, registered))
            {
                fields.Add(field);
            }
        }

        Compare("customer.name", intake.Customer.Name, ticket.Intake.Customer.Name);
        Compare("customer.title", intake.Customer.Title, ticket.Intake.Customer.Title);
        Compare("customer.address", intake.Customer.Address, ticket.Intake.Customer.Address);
        Compare("customer.language", intake.Customer.Language, ticket.Intake.Customer.Language);
        Compare("product.warrantyStatus", intake.Product.Warranty, ticket.Intake.Product.Warranty);
        Compare("product.line", intake.Product.Line, ticket.Intake.Product.Line);
        Compare("channel", intake.Channel, ticket.Intake.Channel);
        if (fields.Count == 0)
        {
            fields.Add("body");
        }

        return fields;
    }
}
