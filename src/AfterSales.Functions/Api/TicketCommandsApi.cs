using System.Text.Json;
using AfterSales.Application;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Functions.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Api;

/// <summary>
/// Lifecycle commands: one endpoint per command under <c>/api/tickets/{idOrNumber}/…</c>. Each is checked
/// against the lifecycle table and the caller's role; an accepted command stores the new snapshot and its
/// event in one write and answers 200 with the ticket and its new ETag.
/// </summary>
public static class TicketCommandsApi
{
    private const int MaxText = 2000;

    private static readonly (string Route, string Summary, Func<TicketCommandRequest, FieldErrors, TicketCommand?> Parse)[] Commands =
    [
        ("classify", "Classify or reclassify: type, tag, urgency (a reason is required to override)", ParseClassify),
        ("assign", "Assign or reassign to an engineer", (r, _) => new AssignTicket(r.Engineer?.Trim() ?? string.Empty)),
        ("accept", "The assigned engineer accepts the job", (_, _) => new SimpleCommand(TicketCommandKind.Accept)),
        ("decline", "The assigned engineer declines the job (reason required); it goes back to the supervisor", (_, _) => new SimpleCommand(TicketCommandKind.Decline)),
        ("start", "The service begins (on site or remote)", (_, _) => new SimpleCommand(TicketCommandKind.Start)),
        ("pause", "Pause while waiting for the customer or for parts; SLA clocks stand still", ParsePause),
        ("resume", "Continue after a pause; SLA deadlines move by the pause", (_, _) => new SimpleCommand(TicketCommandKind.Resume)),
        ("resolve", "The work is done (summary required)", (r, _) => new RecordResult(TicketCommandKind.Resolve, r.Summary?.Trim() ?? string.Empty)),
        ("report-result", "The result was reported to the customer (summary required); the confirmation clock starts", (r, _) => new RecordResult(TicketCommandKind.ReportResult, r.Summary?.Trim() ?? string.Empty)),
        ("confirm", "Record the customer's confirmation and rating", ParseConfirm),
        ("start-follow-up", "Begin the follow-up visit", (_, _) => new SimpleCommand(TicketCommandKind.StartFollowUp)),
        ("close", "Finish the ticket", (_, _) => new SimpleCommand(TicketCommandKind.Close)),
        ("cancel", "Cancel as a duplicate or as withdrawn", ParseCancel),
        ("reopen", "Open again for a second handling (reason required)", (_, _) => new SimpleCommand(TicketCommandKind.Reopen)),
    ];

    public static IEndpointRouteBuilder MapTicketCommandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets/{idOrNumber}").WithTags("Ticket lifecycle").RequireAuthorization(Policies.Staff);
        foreach (var (route, summary, parse) in Commands)
        {
            group.MapPost($"/{route}", (string idOrNumber, HttpContext http, ITicketStore store, TicketCommands commands, TicketViews views, CancellationToken ct) =>
                    RunAsync(idOrNumber, http, parse, store, commands, views, ct))
                .WithName($"ticket-{route}")
                .WithSummary(summary)
                .WithDescription("Send If-Match with the ETag you read to refuse the command (412) if the ticket changed meanwhile. 409 lists the commands the current status allows.")
                .Accepts<TicketCommandRequest>("application/json")
                .Produces<TicketView>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesValidationProblem();
        }

        return app;
    }

    private static async Task<IResult> RunAsync(
        string idOrNumber,
        HttpContext http,
        Func<TicketCommandRequest, FieldErrors, TicketCommand?> parse,
        ITicketStore store,
        TicketCommands commands,
        TicketViews views,
        CancellationToken ct)
    {
        var (request, bodyError) = await ReadBodyAsync(http, ct);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var errors = new FieldErrors();
        var reason = Text(errors, "reason", request!.Reason);
        Text(errors, "summary", request.Summary);
        var command = parse(request, errors);
        if (errors.Count > 0 || command is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The command has invalid fields; nothing was changed.");
        }

        var found = await TicketsApi.FindAsync(idOrNumber, store, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var ifMatch = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        var result = await commands.ExecuteAsync(found.Ticket.Id, command with { Note = reason }, http.User.ToActor(), ifMatch, ct);
        switch (result)
        {
            case TicketCommandResult.Done done:
                http.Response.Headers.ETag = done.Ticket.ETag;
                return TypedResults.Ok(views.For(done.Ticket.Ticket, http.User));
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
                return Problem(
                    StatusCodes.Status409Conflict,
                    "This command is not allowed in the ticket's current status",
                    $"The ticket is {Name(notAllowed.Status)}; '{TicketLifecycle.Name(command.Kind)}' is not allowed there. Allowed now: {string.Join(", ", notAllowed.AllowedCommands.Select(TicketLifecycle.Name))}. Nothing was changed.",
                    ("currentStatus", Name(notAllowed.Status)),
                    ("allowedCommands", notAllowed.AllowedCommands.Select(TicketLifecycle.Name).ToArray()));
            case TicketCommandResult.Rejected { Outcome: CommandOutcome.Forbidden forbidden }:
                return Problem(
                    StatusCodes.Status403Forbidden,
                    "Your role may not give this command",
                    forbidden.Reason + $" Roles that may: {string.Join(", ", forbidden.Roles)}.",
                    ("allowedRoles", forbidden.Roles.ToArray()));
            case TicketCommandResult.Rejected { Outcome: CommandOutcome.Invalid invalid }:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] },
                    title: "The command has invalid fields; nothing was changed.");
            default:
                throw new InvalidOperationException($"Unhandled command result {result.GetType().Name}.");
        }
    }

    private static async Task<(TicketCommandRequest? Request, IResult? Error)> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new TicketCommandRequest(), null);
        }

        try
        {
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return (JsonSerializer.Deserialize<TicketCommandRequest>(text, json) ?? new TicketCommandRequest(), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["Send the command's fields as a JSON object (Content-Type: application/json), or no body at all."] },
                title: "The request body is not valid JSON."));
        }
    }

    private static TicketCommand? ParseClassify(TicketCommandRequest r, FieldErrors errors)
    {
        var type = RequiredEnum<TicketType>(errors, "type", r.Type);
        var urgency = RequiredEnum<Urgency>(errors, "urgency", r.Urgency);
        var tag = Text(errors, "tag", r.Tag, 50);
        return type is { } t && urgency is { } u ? new ClassifyTicket(t, tag, u) : null;
    }

    private static TicketCommand? ParsePause(TicketCommandRequest r, FieldErrors errors) =>
        RequiredEnum<PauseReason>(errors, "waitingFor", r.WaitingFor) is { } reason ? new PauseService(reason) : null;

    private static TicketCommand? ParseConfirm(TicketCommandRequest r, FieldErrors errors) =>
        RequiredEnum<ConfirmationRating>(errors, "rating", r.Rating) is { } rating ? new ConfirmResult(rating) : null;

    private static TicketCommand? ParseCancel(TicketCommandRequest r, FieldErrors errors)
    {
        var kind = RequiredEnum<CancelReason>(errors, "kind", r.Kind);
        var duplicateOf = Text(errors, "duplicateOf", r.DuplicateOf, 40);
        if (duplicateOf is not null && !TicketNumber.TryParse(duplicateOf, out _) && !TicketId.TryParse(duplicateOf, out _))
        {
            errors.Add("duplicateOf", "Give the number (AS-20261123-00042) or id of the ticket this one duplicates.");
        }

        return kind is { } k ? new CancelTicket(k, duplicateOf) : null;
    }

    private static TEnum? RequiredEnum<TEnum>(FieldErrors errors, string field, string? value)
        where TEnum : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(value) && EnumNames.TryParse<TEnum>(value.Trim(), out var parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        errors.Add(field, string.IsNullOrWhiteSpace(value) ? $"Required; use one of: {allowed}." : $"'{value}' is not allowed; use one of: {allowed}.");
        return null;
    }

    private static string? Text(FieldErrors errors, string field, string? value, int maxLength = MaxText)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string Name(TicketStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

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
