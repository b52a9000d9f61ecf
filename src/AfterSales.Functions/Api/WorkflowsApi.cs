using AfterSales.Application.Access;
using AfterSales.Application;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>
/// Tickets' lifecycle orchestrations: one ticket's (<c>GET /api/tickets/{idOrNumber}/workflow</c>) for staff who read
/// tickets, and the operators' list by status (<c>GET /api/admin/workflows</c>), to find failed or stuck ones.
/// </summary>
public static class WorkflowsApi
{
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tickets/{idOrNumber}/workflow", TicketAsync)
            .WithTags("Tickets")
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("The ticket's lifecycle orchestration: runtime status, step, what it waits for and until when, next durable timer, round, history summary")
            .WithDescription("404 when there is no such ticket, or when the ticket has no orchestration yet (the reconciliation sweep starts a missing one within minutes).");

        app.MapGet("/api/admin/workflows", ListAsync)
            .WithTags("Operations")
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Tickets' orchestrations by status: pending, running, completed, continuedAsNew, failed, terminated, or stuck (alive but not updated for two hours)")
            .WithDescription("Filters: status, pageSize (1-200), continuationToken. Stuck ones are picked from each page of alive ones, so a page may hold fewer than pageSize.");
        return app;
    }

    private static async Task<Results<Ok<LifecycleView>, ProblemHttpResult>> TicketAsync(
        string idOrNumber, ITicketStore store, TicketWorkflows workflows, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var workflow = await workflows.GetAsync(found.Ticket.Id, ct);
        return workflow is null
            ? TypedResults.Problem(new ProblemDetails
            {
                Title = "The ticket has no orchestration yet",
                Detail = $"Ticket {found.Ticket.Number} has no lifecycle orchestration. A new ticket's starts a moment after its intake; a start lost to a crash is made by the {WorkflowStartSweep.FunctionName} timer within about a minute and when the app starts again, any other gap by {WorkflowReconciliation.FunctionName} within 10 minutes (or run it now: POST /api/admin/timers/{WorkflowReconciliation.FunctionName}/run).",
                Status = StatusCodes.Status404NotFound,
            })
            : TypedResults.Ok(workflow);
    }

    /// <summary>The orchestration list's filters, as the query string gives them.</summary>
    /// <param name="Status">An orchestration status, or missing (open tickets without one).</param>
    /// <param name="PageSize">1 to 200 (50).</param>
    /// <param name="ContinuationToken">From the previous page.</param>
    public sealed record WorkflowListParameters(string? Status, string? PageSize, string? ContinuationToken);

    private static async Task<Results<Ok<WorkflowListView>, ValidationProblem>> ListAsync(
        [AsParameters] WorkflowListParameters query, HttpContext http, TicketWorkflows workflows, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var status = query.Status is { Length: > 0 } asked ? asked : null;
        if (status is not null && !TicketWorkflows.Statuses.Contains(status))
        {
            errors.AddApiText("status", $"'{status}' is not a status to list by; use one of {string.Join(", ", TicketWorkflows.Statuses)}.");
        }

        var pageSize = ListPaging.ParsePageSize(errors, query.PageSize);

        var token = ListPaging.DecodeToken(errors, query.ContinuationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The workflow filters are not valid.");
        }

        var (items, continuation) = status == "missing"
            ? (await workflows.MissingAsync(pageSize, ct), null)
            : await workflows.ListAsync(status, pageSize, token, ct);
        var (nextToken, next) = TicketsApi.NextPage(http, "/api/admin/workflows", continuation);
        return TypedResults.Ok(new WorkflowListView(items, nextToken, next));
    }
}

/// <summary>A page of tickets' orchestrations.</summary>
public sealed record WorkflowListView(IReadOnlyList<WorkflowListItem> Items, string? ContinuationToken, string? Next);
