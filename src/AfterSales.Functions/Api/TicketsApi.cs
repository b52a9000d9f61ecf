using AfterSales.Application.Language;
using AfterSales.Application.Views;
using AfterSales.Application.Access;
using AfterSales.Application;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Api;

/// <summary>Ticket intake and queries: <c>/api/tickets</c>.</summary>
public static class TicketsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets");

        tickets.MapPost("/", SubmitAsync)
            .RequireAuthorization(Policies.Intake)
            .WithSummary("Register a customer request as a ticket (Template 1)")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body return the same ticket.")
            .Accepts<TicketIntakeRequest>("application/json");

        tickets.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("List tickets, oldest first, with filters (status, channel, receivedFrom/To, queue = a department's supervisor queue, assignedTo = an engineer) and continuation paging");

        tickets.MapGet("/{idOrNumber}", GetAsync)
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("Read one ticket by id or by number (AS-20261123-00042)");

        tickets.MapGet("/{idOrNumber}/history", HistoryAsync)
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("The ticket's history: ordered events with time, actor, data and the SMS each sent the customer");

        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext http, SubmitTicket submit, TicketViews views, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<TicketIntakeRequest>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        var key = http.Request.Headers.TryGetValue(IdempotencyHeader, out var keys) ? keys.ToString() : null;
        var result = await submit.HandleAsync(request!, key, http.User.ToActor(), ct);
        switch (result)
        {
            case SubmitTicketResult.Created created:
                if (created.Replayed)
                {
                    http.Response.Headers[ReplayedHeader] = "true";
                }

                return TypedResults.Created($"/api/tickets/{created.Ticket.Id}", views.For(created.Ticket, http.User));
            case SubmitTicketResult.Invalid invalid:
                return TypedResults.ValidationProblem(Messages.Say(invalid.Errors, Domain.Customers.CustomerLanguage.En), title: "The ticket request has invalid fields; nothing was stored.");
            case SubmitTicketResult.KeyReused:
                return TypedResults.Problem(
                    title: "Idempotency-Key already used with a different request",
                    detail: "This Idempotency-Key was sent earlier with a different body. Use a new key for a new request, or resend the original body unchanged.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            default:
                throw new InvalidOperationException($"Unhandled result {result.GetType().Name}.");
        }
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetAsync(
        string idOrNumber, HttpContext http, ITicketStore store, TicketViews views, CancellationToken ct)
    {
        var stored = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (stored is null)
        {
            return NotFound(idOrNumber);
        }

        http.Response.Headers.ETag = stored.ETag;
        return TypedResults.Ok(views.For(stored.Ticket, http.User));
    }

    private static async Task<Results<Ok<IReadOnlyList<TicketEventView>>, ProblemHttpResult>> HistoryAsync(
        string idOrNumber, HttpContext http, ITicketStore store, ISmsOutbox outbox, CancellationToken ct)
    {
        var stored = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (stored is null)
        {
            return NotFound(idOrNumber);
        }

        var events = await store.GetHistoryAsync(stored.Ticket.Id, ct);
        var sms = (await outbox.ListAsync(stored.Ticket.Id, ct)).ToLookup(m => m.Message.Cause, m => SmsView.From(m.Message, http.User, localOutbox: false, masked: true));
        return TypedResults.Ok<IReadOnlyList<TicketEventView>>(
            events.Select(e => TicketEventView.From(e) with { Sms = sms[e.Sequence].ToList() }).ToList());
    }

    /// <summary>A ticket list's query string: the filters (<see cref="TicketFilter"/>) and the page.</summary>
    /// <param name="Status">A ticket status, e.g. classified.</param>
    /// <param name="Channel">phone, web, wechat, app, email, chat, walkIn.</param>
    /// <param name="ReceivedFrom">First business day received (yyyy-MM-dd).</param>
    /// <param name="ReceivedTo">Last business day received (yyyy-MM-dd).</param>
    /// <param name="Queue">A department's supervisor queue: repair, consultation, complaints.</param>
    /// <param name="AssignedTo">An engineer's sign-in name.</param>
    /// <param name="PageSize">1 to 200 (50).</param>
    /// <param name="ContinuationToken">From the previous page.</param>
    public sealed record TicketListParameters(
        string? Status, string? Channel, string? ReceivedFrom, string? ReceivedTo, string? Queue, string? AssignedTo, string? PageSize, string? ContinuationToken);

    private static async Task<Results<Ok<TicketListView>, ValidationProblem>> ListAsync(
        [AsParameters] TicketListParameters parameters,
        HttpContext http,
        ITicketStore store,
        TicketViews views,
        IOptions<BusinessOptions> business,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var size = ListPaging.ParsePageSize(errors, parameters.PageSize);
        var query = new TicketFilter(parameters.Status, parameters.Channel, parameters.ReceivedFrom, parameters.ReceivedTo, parameters.Queue, parameters.AssignedTo)
            .ToQuery(errors, business.Value.Zone, size, parameters.ContinuationToken);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The ticket query has invalid parameters.");
        }

        var page = await store.ListAsync(query, ct);
        var (nextToken, next) = NextPage(http, "/api/tickets", page.ContinuationToken);
        return TypedResults.Ok(new TicketListView(page.Items.Select(i => views.For(i, http.User)).ToList(), nextToken, next));
    }

    /// <summary>The token and link of the next page of a list at <paramref name="path"/>, with the request's other parameters.</summary>
    internal static (string? Token, string? Next) NextPage(HttpContext http, string path, string? continuation) =>
        ListPaging.NextPage(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())), path, continuation);

    internal static ProblemHttpResult NotFound(string idOrNumber) => TypedResults.Problem(new ProblemDetails
    {
        Title = "Ticket not found",
        Detail = $"No ticket has the id or number '{idOrNumber}'. Numbers look like AS-20261123-00042; ids are 26 characters.",
        Status = StatusCodes.Status404NotFound,
    });
}
