using AfterSales.Application.Dispatch;
using AfterSales.Application.Views;
using AfterSales.Application.Access;
using AfterSales.Application;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>The dispatcher's ranking for a ticket now, without changing anything.</summary>
public sealed record DispatchPreview(Department Department, IReadOnlyList<DispatchCandidate> Candidates, IReadOnlyList<IneligibleEngineer> Ineligible);

/// <summary>
/// Engineers and teams (<c>/api/engineers</c>, <c>/api/departments</c>) and dispatch by hand
/// (<c>/api/tickets/{id}/dispatch</c>, <c>/api/tickets/{id}/candidates</c>). Staff read; supervisors and managers change.
/// </summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var engineers = app.MapGroup("/api/engineers").WithTags("Engineers and teams");
        engineers.MapGet("/", ListAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("List engineers, optionally of one department (?department=repair)");
        engineers.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Read one engineer with the number of tickets they hold now");
        engineers.MapPost("/", CreateAsync).RequireAuthorization(Policies.Supervision)
            .WithSummary("Add an engineer (supervisor, manager)").Accepts<EngineerRequest>("application/json");
        engineers.MapPut("/{id}", ReplaceAsync).RequireAuthorization(Policies.Supervision)
            .WithSummary("Replace an engineer's record (supervisor, manager); send If-Match to refuse a change made meanwhile")
            .Accepts<EngineerRequest>("application/json");

        var departments = app.MapGroup("/api/departments").WithTags("Engineers and teams");
        departments.MapGet("/", async (ITeamStore team, CancellationToken ct) =>
            {
                var list = new List<DepartmentSettings>();
                foreach (var d in Enum.GetValues<Department>())
                {
                    list.Add(await team.GetDepartmentAsync(d, ct));
                }

                return TypedResults.Ok(list);
            })
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The departments: supervisors and whether dispatch is automatic");
        departments.MapGet("/{department}", GetDepartmentAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("One department's settings, with the ETag to send as If-Match when changing them");
        departments.MapPut("/{department}", SaveDepartmentAsync).RequireAuthorization(Policies.Supervision)
            .WithSummary("Set a department's supervisors and automatic dispatch on or off (supervisor, manager); send If-Match to refuse a change made meanwhile")
            .Accepts<DepartmentRequest>("application/json");

        var tickets = app.MapGroup("/api/tickets/{idOrNumber}").WithTags("Ticket lifecycle").RequireAuthorization(Policies.Supervision);
        tickets.MapPost("/dispatch", DispatchAsync)
            .WithSummary("Run automatic dispatch now for a ticket waiting for an engineer (e.g. after adding engineers); it is assigned or stays queued");
        tickets.MapGet("/candidates", CandidatesAsync)
            .WithSummary("The dispatcher's ranking for the ticket now, with every engineer ruled out and why; changes nothing");
        return app;
    }

    private static async Task<Ok<List<EngineerView>>> ListAsync(ITeamStore team, HttpContext http, CancellationToken ct, string? department = null)
    {
        var filter = department is not null && EnumNames.TryParse<Department>(department, out var d) ? d : (Department?)null;
        var list = await team.ListEngineersAsync(filter, ct);
        return TypedResults.Ok(list.Select(e => EngineerView.From(e.Engineer, http.User, null)).ToList());
    }

    private static async Task<Results<Ok<EngineerView>, ProblemHttpResult>> GetAsync(
        string id, ITeamStore team, Dispatching dispatching, HttpContext http, CancellationToken ct)
    {
        var stored = await team.GetEngineerAsync(id, ct);
        if (stored is null)
        {
            return NotFound(id);
        }

        http.Response.Headers.ETag = stored.ETag;
        var load = await dispatching.LoadAsync(id, ct);
        return TypedResults.Ok(EngineerView.From(stored.Engineer, http.User, load));
    }

    private static async Task<IResult> CreateAsync(ITeamStore team, HttpContext http, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EngineerRequest>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var id = body?.Id?.Trim();
        if (!SignInName.IsValid(id))
        {
            errors.AddApiText("id", $"Required: the name the engineer signs in with ({SignInName.Rule}).");
        }

        var engineer = TeamValidation.Parse(body, id ?? string.Empty, errors);
        if (engineer is null)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The engineer has invalid fields; nothing was saved.");
        }

        var etag = await team.TrySaveEngineerAsync(engineer, null, ct);
        if (etag is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This engineer already exists",
                Detail = $"An engineer '{engineer.Id}' exists. Change them with PUT /api/engineers/{engineer.Id}.",
            });
        }

        http.Response.Headers.ETag = etag;
        return TypedResults.Created($"/api/engineers/{Uri.EscapeDataString(engineer.Id)}", EngineerView.From(engineer, http.User, null));
    }

    private static async Task<IResult> ReplaceAsync(string id, ITeamStore team, HttpContext http, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EngineerRequest>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        var current = await team.GetEngineerAsync(id, ct);
        if (current is null)
        {
            return NotFound(id);
        }

        var errors = new FieldErrors();
        if (body?.Id is { } bodyId && bodyId.Trim() != id)
        {
            errors.AddApiText("id", "The id is the engineer's sign-in name and cannot change; add a new engineer instead.");
        }

        var engineer = TeamValidation.Parse(body, id, errors);
        if (engineer is null)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The engineer has invalid fields; nothing was saved.");
        }

        // An If-Match other than the record's ETag (a changed record, or a value that is no ETag at all) is refused here,
        // before storage sees it.
        var ifMatch = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : current.ETag;
        var etag = ifMatch == current.ETag ? await team.TrySaveEngineerAsync(engineer, current.ETag, ct) : null;
        if (etag is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The engineer changed since you read them",
                Detail = "Read the engineer again and apply your change to the current record; nothing was saved.",
            });
        }

        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(EngineerView.From(engineer, http.User, null));
    }

    private static async Task<IResult> GetDepartmentAsync(string department, ITeamStore team, HttpContext http, CancellationToken ct)
    {
        if (!EnumNames.TryParse<Department>(department, out var d))
        {
            return NoSuchDepartment(department);
        }

        var stored = await team.ReadDepartmentAsync(d, ct);
        if (stored.ETag is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return TypedResults.Ok(stored.Settings);
    }

    private static async Task<IResult> SaveDepartmentAsync(string department, ITeamStore team, HttpContext http, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DepartmentRequest>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!EnumNames.TryParse<Department>(department, out var d))
        {
            return NoSuchDepartment(department);
        }

        var errors = new FieldErrors();
        var settings = TeamValidation.ParseDepartment(body, d, errors);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The department settings are invalid; nothing was saved.");
        }

        // With If-Match, the settings are saved only over the version the client read (compared here, so a value that
        // is no ETag at all is refused like a stale one); without it, they replace whatever is stored.
        string? etag;
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            var current = await team.ReadDepartmentAsync(d, ct);
            etag = current.ETag is { } read && http.Request.Headers.IfMatch.ToString() == read
                ? await team.TrySaveDepartmentAsync(settings, read, ct)
                : null;
        }
        else
        {
            etag = await team.TrySaveDepartmentAsync(settings, ifMatch: null, ct);
        }

        if (etag is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The department's settings changed since you read them",
                Detail = $"Read GET /api/departments/{EnumNames.Name(d)} again and apply your change to the current settings; nothing was saved.",
            });
        }

        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(settings);
    }

    private static ProblemHttpResult NoSuchDepartment(string department) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such department",
        Detail = $"There is no department '{department}'. Use repair, consultation or complaints.",
    });

    private static async Task<IResult> DispatchAsync(
        string idOrNumber, ITicketStore store, TicketCommands commands, TicketWorkflow workflow, Dispatching dispatching, TicketViews views, HttpContext http, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var result = await commands.ExecuteAsync(found.Ticket.Id, async (ticket, now, token) =>
        {
            var steps = await dispatching.NextStepsAsync(ticket, now, force: true, new HashSet<string>(), token);
            return steps.Count > 0 ? workflow.DecideAll(ticket, steps, now) : new CommandOutcome.NotAllowed(ticket.Status, TicketLifecycle.AllowedFrom(ticket.Status));
        }, ifMatch: null, ct, known: found);
        return TicketCommandAnswers.For(result, http, idOrNumber, "dispatch", ifMatch: null, stored => views.For(stored.Ticket, http.User));
    }

    private static async Task<IResult> CandidatesAsync(string idOrNumber, ITicketStore store, Dispatching dispatching, TimeProvider time, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        if (Engineer.DepartmentFor(found.Ticket.Classification?.Type) is not { } department)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["type"] = ["Classify the ticket as repair, consultation or complaint first; other types are not dispatched to engineers."] },
                title: "The ticket has no department yet.");
        }

        var decision = await dispatching.DecideAsync(found.Ticket, department, time.GetUtcNow(), ct);
        return TypedResults.Ok(new DispatchPreview(department, decision.Candidates, decision.Ineligible));
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such engineer",
        Detail = $"No engineer '{id}'. List them with GET /api/engineers.",
    });
}
