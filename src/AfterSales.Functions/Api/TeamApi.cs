using System.Security.Claims;
using AfterSales.Application;
using AfterSales.Application.Calendars;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Time;
using AfterSales.Functions.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Api;

/// <summary>The body of an engineer (create and replace).</summary>
public sealed record EngineerRequest
{
    /// <summary>The name the engineer signs in with; tickets are assigned to it. Only on create.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    /// <summary>repair, consultation, complaints.</summary>
    public string? Department { get; init; }
    public List<SkillRequest>? Skills { get; init; }
    public List<string>? Certifications { get; init; }
    public List<RegionRequest>? Regions { get; init; }
    public LocationRequest? Base { get; init; }
    public int? MaxConcurrent { get; init; }
    /// <summary>Weekly duty roster in business time, e.g. {"mon": ["09:00-18:00"], …}; omit to follow the business calendar.</summary>
    public Dictionary<string, List<string>>? Duty { get; init; }
    public List<LeaveRequest>? Leave { get; init; }
    public bool? Active { get; init; }
}

/// <summary>A skill: product line and fault tag ("*" = any), level 1-5.</summary>
public sealed record SkillRequest
{
    public string? ProductLine { get; init; }
    public string? Tag { get; init; }
    public int? Level { get; init; }
}

/// <summary>A leave period [from, to).</summary>
public sealed record LeaveRequest
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Reason { get; init; }
}

/// <summary>An engineer as the API shows it; the phone is masked for roles that may not see contact details.</summary>
public sealed record EngineerView(
    string Id,
    string Name,
    string Phone,
    Department Department,
    IReadOnlyList<Skill> Skills,
    IReadOnlyList<string> Certifications,
    IReadOnlyList<ServiceRegion> Regions,
    GeoPoint? Base,
    int MaxConcurrent,
    Dictionary<string, List<string>>? Duty,
    IReadOnlyList<LeavePeriod> Leave,
    bool Active,
    int? OpenTickets)
{
    public static EngineerView From(Engineer e, ClaimsPrincipal user, int? load) => new(
        e.Id, e.Name, user.MaySeeContactDetails() ? e.Phone.E164 : e.Phone.Masked, e.Department, e.Skills, e.Certifications, e.Regions,
        e.Base, e.MaxConcurrent, e.Duty is null ? null : WeekText.Format(e.Duty), e.Leave, e.Active, load);
}

/// <summary>The body of a department's settings.</summary>
public sealed record DepartmentRequest
{
    /// <summary>Sign-in names of the department's supervisors.</summary>
    public List<string>? Supervisors { get; init; }
    /// <summary>True: new tickets go to the best engineer automatically; false: the supervisor assigns by hand.</summary>
    public bool? AutoDispatch { get; init; }
}

/// <summary>The dispatcher's ranking for a ticket now, without changing anything.</summary>
public sealed record DispatchPreview(Department Department, IReadOnlyList<DispatchCandidate> Candidates, IReadOnlyList<IneligibleEngineer> Ineligible);

/// <summary>
/// Engineers and teams (<c>/api/engineers</c>, <c>/api/departments</c>) and dispatch by hand
/// (<c>/api/tickets/{id}/dispatch</c>, <c>/api/tickets/{id}/candidates</c>). Staff read; supervisors and managers change.
/// </summary>
public static class TeamApi
{
    private const int MaxItems = 50;

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
            errors.Add("id", $"Required: the name the engineer signs in with ({SignInName.Rule}).");
        }

        var engineer = Parse(body, id ?? string.Empty, errors);
        if (engineer is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The engineer has invalid fields; nothing was saved.");
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
            errors.Add("id", "The id is the engineer's sign-in name and cannot change; add a new engineer instead.");
        }

        var engineer = Parse(body, id, errors);
        if (engineer is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The engineer has invalid fields; nothing was saved.");
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
        var settings = ParseDepartment(body, d, errors);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The department settings are invalid; nothing was saved.");
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

    /// <summary>A department's settings from a request, as PUT /api/departments/{department} reads them; null with errors when invalid.</summary>
    internal static DepartmentSettings? ParseDepartment(DepartmentRequest? body, Department department, FieldErrors errors)
    {
        var supervisors = (body?.Supervisors ?? []).Select(s => s?.Trim() ?? string.Empty).ToList();
        if (supervisors.Count > MaxItems || supervisors.Any(s => !SignInName.IsValid(s)))
        {
            errors.Add("supervisors", $"Up to {MaxItems} sign-in names, each {SignInName.Rule}.");
        }

        if (body?.AutoDispatch is null)
        {
            errors.Add("autoDispatch", "Required: true to dispatch automatically, false for the supervisor to assign by hand.");
        }

        return errors.Count > 0 ? null : new DepartmentSettings(department, supervisors.Distinct(StringComparer.Ordinal).ToList(), body!.AutoDispatch!.Value);
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
        var found = await TicketsApi.FindAsync(idOrNumber, store, ct);
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
        var found = await TicketsApi.FindAsync(idOrNumber, store, ct);
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

    /// <summary>An engineer from the request (the API's and the console's), every wrong field named in <paramref name="errors"/>; null then.</summary>
    internal static Engineer? Parse(EngineerRequest? body, string id, FieldErrors errors)
    {
        if (body is null)
        {
            errors.Add("body", "Send the engineer as a JSON object.");
            return null;
        }

        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            errors.Add("name", "Required, at most 50 characters.");
        }

        var phone = TicketIntakeValidator.Phone(errors, "phone", body.Phone, required: true);
        Department? department = EnumNames.TryParse<Department>(body.Department, out var d) ? d : null;
        if (department is null)
        {
            errors.Add("department", "Required: repair, consultation or complaints.");
        }

        var skills = new List<Skill>();
        foreach (var (s, i) in (body.Skills ?? []).Select((s, i) => (s, i)))
        {
            var line = s.ProductLine?.Trim();
            var tag = s.Tag?.Trim();
            if (string.IsNullOrEmpty(line) || string.IsNullOrEmpty(tag) || line.Length > 50 || tag.Length > 50 || s.Level is not (>= Skill.MinLevel and <= Skill.MaxLevel))
            {
                errors.Add($"skills[{i}]", "Give productLine and tag (\"*\" for any, at most 50 characters) and a level from 1 to 5.");
                continue;
            }

            skills.Add(new Skill(line, tag, s.Level.Value));
        }

        if (skills.Count == 0 && !errors.Has("skills[0]"))
        {
            errors.Add("skills", "At least one skill: the dispatcher only offers work an engineer has a skill for.");
        }

        var regions = new List<ServiceRegion>();
        foreach (var (r, i) in (body.Regions ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(r.City) || r.City.Length > 50 || r.District?.Length > 50)
            {
                errors.Add($"regions[{i}]", "Give a city (and optionally a district), at most 50 characters each.");
                continue;
            }

            regions.Add(new ServiceRegion(r.City.Trim(), string.IsNullOrWhiteSpace(r.District) ? null : r.District.Trim()));
        }

        GeoPoint? home = null;
        if (body.Base is { } b)
        {
            if (b.Latitude is not { } lat || b.Longitude is not { } lon || !new GeoPoint(lat, lon).IsValid)
            {
                errors.Add("base", "Give latitude (-90..90) and longitude (-180..180), or leave base out.");
            }
            else
            {
                home = new GeoPoint(lat, lon);
            }
        }

        if (body.MaxConcurrent is not null and not (>= 1 and <= 100))
        {
            errors.Add("maxConcurrent", "From 1 to 100 tickets at once.");
        }

        WorkingWeek? duty = null;
        if (body.Duty is { } roster)
        {
            try
            {
                duty = WeekText.Parse(roster);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                errors.Add("duty", e.Message);
            }
        }

        var leave = new List<LeavePeriod>();
        foreach (var (l, i) in (body.Leave ?? []).Select((l, i) => (l, i)))
        {
            if (!IsoInstant.TryParse(l.From, out var from) || !IsoInstant.TryParse(l.To, out var to) || to <= from || l.Reason?.Length > 200)
            {
                errors.Add($"leave[{i}]", $"Give from and to as {IsoInstant.Rule} (to after from), e.g. 2026-12-01T00:00:00+08:00.");
                continue;
            }

            leave.Add(new LeavePeriod(from, to, l.Reason?.Trim()));
        }

        var certifications = (body.Certifications ?? []).Select(c => c?.Trim() ?? string.Empty).ToList();
        if (certifications.Any(c => c.Length is 0 or > 100) || certifications.Count > MaxItems || skills.Count > MaxItems || regions.Count > MaxItems || leave.Count > MaxItems)
        {
            errors.Add("certifications", $"Lists hold at most {MaxItems} items; certifications are 1-100 characters.");
        }

        return errors.Count > 0 ? null : new Engineer
        {
            Id = id,
            Name = name!,
            Phone = phone!,
            Department = department!.Value,
            Skills = skills,
            Certifications = certifications,
            Regions = regions,
            Base = home,
            MaxConcurrent = body.MaxConcurrent ?? 5,
            Duty = duty,
            Leave = leave,
            Active = body.Active ?? true,
        };
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such engineer",
        Detail = $"No engineer '{id}'. List them with GET /api/engineers.",
    });
}
