using System.Globalization;
using System.Text;
using AfterSales.Application;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Functions.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Api;

/// <summary>Ticket intake and queries: <c>/api/tickets</c>.</summary>
public static class TicketsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
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
                return TypedResults.ValidationProblem(invalid.Errors, title: "The ticket request has invalid fields; nothing was stored.");
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
        var stored = await FindAsync(idOrNumber, store, ct);
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
        var stored = await FindAsync(idOrNumber, store, ct);
        if (stored is null)
        {
            return NotFound(idOrNumber);
        }

        var events = await store.GetHistoryAsync(stored.Ticket.Id, ct);
        var sms = (await outbox.ListAsync(stored.Ticket.Id, ct)).ToLookup(m => m.Message.Cause, m => SmsView.From(m.Message, http.User, localOutbox: false, masked: true));
        return TypedResults.Ok<IReadOnlyList<TicketEventView>>(
            events.Select(e => TicketEventView.From(e) with { Sms = sms[e.Sequence].ToList() }).ToList());
    }

    private static async Task<Results<Ok<TicketListView>, ValidationProblem>> ListAsync(
        HttpContext http,
        ITicketStore store,
        TicketViews views,
        IOptions<BusinessOptions> business,
        CancellationToken ct,
        string? status = null,
        string? channel = null,
        string? receivedFrom = null,
        string? receivedTo = null,
        string? pageSize = null,
        string? continuationToken = null,
        string? queue = null,
        string? assignedTo = null)
    {
        var errors = new FieldErrors();
        var size = ParsePageSize(errors, pageSize);
        var query = Query(errors, business.Value.Zone, new TicketFilter(status, channel, receivedFrom, receivedTo, queue, assignedTo), size, continuationToken);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The ticket query has invalid parameters.");
        }

        var page = await store.ListAsync(query, ct);
        var (nextToken, next) = NextPage(http, "/api/tickets", page.ContinuationToken);
        return TypedResults.Ok(new TicketListView(page.Items.Select(i => views.For(i, http.User)).ToList(), nextToken, next));
    }

    /// <summary>
    /// The store's query for a ticket list's filters (the API's and the console's): null, with every wrong field in
    /// <paramref name="errors"/>, when one is wrong.
    /// </summary>
    internal static TicketQuery? Query(FieldErrors errors, TimeZoneInfo zone, TicketFilter filter, int size, string? continuationToken)
    {
        var statusFilter = errors.Enum<TicketStatus>("status", filter.Status);
        var channelFilter = errors.Enum<Channel>("channel", filter.Channel);
        var queueFilter = errors.Enum<Department>("queue", filter.Queue);
        if (filter.AssignedTo is { Length: > 100 })
        {
            errors.Add("assignedTo", "An engineer's sign-in name has at most 100 characters.");
        }

        var from = ParseDate(errors, "receivedFrom", filter.ReceivedFrom);
        var to = ParseDate(errors, "receivedTo", filter.ReceivedTo);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("receivedTo", "receivedTo must not be before receivedFrom.");
        }

        if (size is < 1 or > MaxPageSize && !errors.Has("pageSize"))
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        var token = DecodeToken(errors, continuationToken);
        if (errors.Count > 0)
        {
            return null;
        }

        return new TicketQuery(
            statusFilter,
            channelFilter,
            from is { } f ? BusinessTime.StartOfDay(f, zone) : null,
            to is { } t ? BusinessTime.StartOfDay(t.AddDays(1), zone) : null,
            size,
            token,
            queueFilter,
            string.IsNullOrWhiteSpace(filter.AssignedTo) ? null : filter.AssignedTo.Trim());
    }

    /// <summary>The continuation token as clients see it (base64url) and the link to the next page with the same filters; nulls at the end.</summary>
    internal static (string? Token, string? Next) NextPage(HttpContext http, string path, string? continuation)
    {
        if (continuation is null)
        {
            return (null, null);
        }

        var token = Base64Url(continuation);
        var parameters = http.Request.Query
            .Where(q => q.Key != "continuationToken")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"continuationToken={token}");
        return (token, $"{path}?{string.Join('&', parameters)}");
    }

    internal static Task<StoredTicket?> FindAsync(string idOrNumber, ITicketStore store, CancellationToken ct)
    {
        if (TicketNumber.TryParse(idOrNumber, out var number))
        {
            return store.FindByNumberAsync(number, ct);
        }

        return TicketId.TryParse(idOrNumber, out var id) ? store.GetAsync(id, ct) : Task.FromResult<StoredTicket?>(null);
    }

    internal static ProblemHttpResult NotFound(string idOrNumber) => TypedResults.Problem(new ProblemDetails
    {
        Title = "Ticket not found",
        Detail = $"No ticket has the id or number '{idOrNumber}'. Numbers look like AS-20261123-00042; ids are 26 characters.",
        Status = StatusCodes.Status404NotFound,
    });

    internal static DateOnly? ParseDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        errors.Add(field, $"Use {IsoDate.Rule} (business-local).");
        return null;
    }

    /// <summary>A list's <c>pageSize</c> query value: 1 to <see cref="MaxPageSize"/>, <see cref="DefaultPageSize"/> when absent.</summary>
    internal static int ParsePageSize(FieldErrors errors, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.");
            return DefaultPageSize;
        }

        return pageSize;
    }

    internal static string? DecodeToken(FieldErrors errors, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
        }
        catch (FormatException)
        {
            errors.Add("continuationToken", "Not a continuation token from this API; start again without it.");
            return null;
        }
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A ticket list's filters as the caller gave them (query-string values; empty for none).</summary>
public sealed record TicketFilter(string? Status, string? Channel, string? ReceivedFrom, string? ReceivedTo, string? Queue, string? AssignedTo);
