using AfterSales.Application.Views;
using AfterSales.Application.Access;
using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>
/// Lifecycle commands: one endpoint per command under <c>/api/tickets/{idOrNumber}/…</c>. Each is checked
/// against the lifecycle table and the caller's role; an accepted command stores the new snapshot and its
/// event in one write and answers 200 with the ticket and its new ETag.
/// </summary>
public static class TicketCommandsApi
{
    public static IEndpointRouteBuilder MapTicketCommandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets/{idOrNumber}").WithTags("Ticket lifecycle").RequireAuthorization(Policies.Staff);
        foreach (var command in TicketCommandRequests.All)
        {
            group.MapPost($"/{command.Route}", (string idOrNumber, HttpContext http, ITicketStore store, TicketCommands commands, TicketViews views, CustomerLinks links, CancellationToken ct) =>
                    RunAsync(idOrNumber, http, command, store, commands, views, links, ct))
                .WithName($"ticket-{command.Route}")
                .WithSummary(command.Summary)
                .WithDescription("Send If-Match with the ETag you read to refuse the command (412) if the ticket changed meanwhile. 409 lists the commands the current status allows.")
                .Accepts(command.RequestType, "application/json")
                .Produces<TicketView>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesValidationProblem();
        }

        // Any other name under a ticket: a 404 that lists the commands there are, rather than a bare 404.
        app.MapPost("/api/tickets/{idOrNumber}/{command}", (string command) => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No such command",
                Detail = $"'{command}' is not a ticket command. The commands are: {string.Join(", ", Routes)}. POST /api/tickets/{{id}}/{{command}}.",
                Extensions = { ["commands"] = Routes },
            }))
            .RequireAuthorization(Policies.Staff)
            // The same content-type metadata as the commands: routing prefers an endpoint without it when a request
            // has no body, which would hide every command behind this one.
            .Accepts<CommandRequest>("application/json")
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Every command's name, as in its URL.</summary>
    public static IReadOnlyList<string> Routes { get; } = TicketCommandRequests.All.Select(c => c.Route).ToList();

    private static async Task<IResult> RunAsync(
        string idOrNumber,
        HttpContext http,
        TicketCommandRoute route,
        ITicketStore store,
        TicketCommands commands,
        TicketViews views,
        CustomerLinks links,
        CancellationToken ct)
    {
        var (request, bodyError) = await JsonBody.ReadAsync(http, route.RequestType, ct, whenEmpty: route.Empty);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var errors = new FieldErrors();
        var (command, reason) = TicketCommandRequests.Read((CommandRequest)request!, route, errors);
        if (errors.Count > 0 || command is null)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The command has invalid fields; nothing was changed.");
        }

        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var ifMatch = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        var result = await commands.ExecuteAsync(found.Ticket.Id, command with { Note = reason }, http.User.ToActor(), ifMatch, ct, known: found);
        return TicketCommandAnswers.For(result, http, idOrNumber, TicketLifecycle.Name(command.Kind), ifMatch, stored =>
        {
            // The customer's own links go to the customer's phone only; staff get a link only for their own device, attributed.
            var link = command is SimpleCommand { Command: TicketCommandKind.IssueDeviceLink } ? CustomerLinkViews.ForDevice($"{http.Request.Scheme}://{http.Request.Host}", links, stored.Ticket) : null;
            return views.For(stored.Ticket, http.User) with { CustomerLink = link };
        });
    }
}
