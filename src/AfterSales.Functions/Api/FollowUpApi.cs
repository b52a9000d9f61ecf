using AfterSales.Application.Language;
using AfterSales.Application.Access;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>Staff inboxes (<c>GET /api/inbox</c>) and purchase registration (<c>POST /api/purchases</c>).</summary>
public static class FollowUpApi
{
    public static IEndpointRouteBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/inbox", InboxAsync)
            .WithTags("Inbox")
            .RequireAuthorization(Policies.Staff)
            .WithSummary("What needs the caller now: escalations to them or their role, follow-up calls given to them (or to all follow-up agents), second handlings (supervisors)")
            .WithDescription("Most pressing first: escalations (level 2, level 1, warnings), then by due time. An item disappears once its cause is over: the clock stopped, the call was made, an engineer took the second handling.");

        app.MapPost("/api/purchases", PurchaseAsync)
            .WithTags("Follow-up")
            .RequireAuthorization(Policies.Intake)
            .WithSummary("Register a purchase; a new customer's purchase becomes a follow-up visit ticket (回访类) with its call planned a month later")
            .WithDescription("Body: customer (name, title, phone, address, language), product (model, serialNumber, purchaseDate, warrantyStatus, line), channel, store, newCustomer (optional: by default a customer is new when no earlier purchase is registered for the phone number). Registering the same purchase again answers as the first time, without a second ticket.")
            .Accepts<PurchaseRequest>("application/json")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<InboxView>> InboxAsync(HttpContext http, StaffInbox inbox, TimeProvider time, CancellationToken ct)
    {
        var user = http.User.ToActor();
        var items = await inbox.ReadAsync(user, time.GetUtcNow(), ct);
        var views = items.Select(x => new InboxItemView(
            Application.EnumNames.Name(x.Item.Kind),
            x.Item.Level,
            x.Ticket.Id.Value,
            x.Item.TicketNumber,
            x.Item.Title,
            x.Item.At,
            x.Item.DueAt,
            Application.EnumNames.Name(x.Ticket.Status),
            x.Item.Recipient,
            x.Ticket.CurrentFollowUp is { } f && x.Item.Kind == InboxItemKind.FollowUp ? f.NextCallAt : null,
            $"/api/tickets/{x.Ticket.Id.Value}")).ToList();
        return TypedResults.Ok(new InboxView(user.Name, user.Role, views.Count, views));
    }

    private static async Task<IResult> PurchaseAsync(HttpContext http, Purchases purchases, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<PurchaseRequest>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        var result = await purchases.RegisterAsync(request!, http.User.ToActor(), ct);
        switch (result)
        {
            case PurchaseResult.Invalid invalid:
                return TypedResults.ValidationProblem(Messages.Say(invalid.Errors, Domain.Customers.CustomerLanguage.En), title: "The purchase is not valid.");
            case PurchaseResult.Recorded { FollowUpTicket: { } ticket } recorded:
                var view = new PurchaseView(true, new PurchaseFollowUpView(ticket.Id.Value, ticket.Number.ToString(), ticket.CurrentFollowUp?.DueFrom, $"/api/tickets/{ticket.Id.Value}"));
                return recorded.Replayed ? TypedResults.Ok(view) : TypedResults.Created(view.FollowUp!.Ticket, view);
            case PurchaseResult.Recorded recorded:
                return TypedResults.Ok(new PurchaseView(recorded.NewCustomer, null));
            case PurchaseResult.Conflict conflict:
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "This purchase is already registered with other details",
                    Detail = $"The same purchase (phone, model, serial number, purchase date, store) was registered before and its follow-up ticket {conflict.Existing.Number} keeps the details it was registered with. "
                        + $"Different now: {string.Join(", ", conflict.Fields)}. Do not retry: correct the details on ticket {conflict.Existing.Number} when its follow-up call is made.",
                    Extensions = { ["ticket"] = $"/api/tickets/{conflict.Existing.Id.Value}", ["fields"] = conflict.Fields },
                });
            default:
                throw new InvalidOperationException("Unknown purchase result.");
        }
    }

    public sealed record InboxView(string User, string Role, int Count, IReadOnlyList<InboxItemView> Items);

    public sealed record InboxItemView(
        string Kind, string? Level, string TicketId, string TicketNumber, string Title, DateTimeOffset At, DateTimeOffset? DueAt,
        string Status, string To, DateTimeOffset? NextCallAt, string Ticket);

    public sealed record PurchaseView(bool NewCustomer, PurchaseFollowUpView? FollowUp);

    public sealed record PurchaseFollowUpView(string TicketId, string Number, DateTimeOffset? DueFrom, string Ticket);
}
