using AfterSales.Application.Language;
using AfterSales.Application;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>
/// The one mapping from what became of a ticket command to its HTTP answer, for every endpoint that changes a ticket:
/// 200 with the ticket and its new ETag (also when there was nothing to do), 404, 412 for a stale If-Match, 409 for a
/// command the ticket's status does not allow (with the commands allowed now), 403 for a role that may not give it,
/// 400 naming the invalid field, 503 with Retry-After when every attempt lost a write race. Nothing is changed by any
/// answer but 200.
/// </summary>
public static class TicketCommandAnswers
{
    /// <summary>
    /// The answer to <paramref name="command"/> (its route name) on <paramref name="idOrNumber"/>; <paramref name="ok"/>
    /// makes the 200 body from the stored ticket.
    /// </summary>
    public static IResult For(
        TicketCommandResult result, HttpContext http, string idOrNumber, string command, string? ifMatch, Func<StoredTicket, object> ok)
    {
        switch (result)
        {
            case TicketCommandResult.Done done:
                http.Response.Headers.ETag = done.Ticket.ETag;
                return TypedResults.Ok(ok(done.Ticket));
            case TicketCommandResult.Unchanged unchanged:
                // Nothing to do: the ticket is already as the command asks.
                http.Response.Headers.ETag = unchanged.Current.ETag;
                return TypedResults.Ok(ok(unchanged.Current));
            case TicketCommandResult.NotFound:
                return TicketsApi.NotFound(idOrNumber);
            case TicketCommandResult.Stale stale:
                http.Response.Headers.ETag = stale.Current.ETag;
                return Problem(
                    StatusCodes.Status412PreconditionFailed,
                    "The ticket changed since you read it",
                    $"If-Match was {ifMatch}, but the ticket is now at {stale.Current.ETag} (status {stale.Current.Ticket.Status}). Read it again and decide on the current state; nothing was changed.",
                    ("currentStatus", Name(stale.Current.Ticket.Status)));
            case TicketCommandResult.Busy busy:
                http.Response.Headers.RetryAfter = "1";
                return Problem(
                    StatusCodes.Status503ServiceUnavailable,
                    "The ticket is being changed by many requests at once",
                    $"The command lost {busy.Attempts} write races in a row; nothing was changed. Try again in a second.");
            case TicketCommandResult.Rejected { Outcome: CommandOutcome.NotAllowed notAllowed } rejected:
                http.Response.Headers.ETag = rejected.Current.ETag;
                var allowed = notAllowed.AllowedCommands.Select(TicketLifecycle.Name).Distinct().ToArray();
                return Problem(
                    StatusCodes.Status409Conflict,
                    "This command is not allowed in the ticket's current status",
                    $"The ticket is {Name(notAllowed.Status)}{Holder(rejected.Current.Ticket)}; '{command}' is not allowed there. Allowed now: {string.Join(", ", allowed)}. Nothing was changed.",
                    ("currentStatus", Name(notAllowed.Status)),
                    ("allowedCommands", allowed));
            case TicketCommandResult.Rejected { Outcome: CommandOutcome.Forbidden forbidden }:
                return Problem(
                    StatusCodes.Status403Forbidden,
                    "Your role may not give this command",
                    forbidden.Reason + $" Roles that may: {string.Join(", ", forbidden.Roles)}.",
                    ("allowedRoles", forbidden.Roles.ToArray()));
            case TicketCommandResult.Rejected { Outcome: CommandOutcome.Invalid invalid }:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [invalid.Field] = [Messages.English(invalid.Message)] },
                    title: "The command has invalid fields; nothing was changed.");
            default:
                throw new InvalidOperationException($"Unhandled command result {result.GetType().Name}.");
        }
    }

    private static string Holder(Ticket ticket) => ticket.AssignedTo is { } engineer ? $" (assigned to {engineer})" : string.Empty;

    private static string Name(TicketStatus status) => EnumNames.Name(status);

    private static IResult Problem(int status, string title, string detail, params (string Key, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
