using AfterSales.Application.Language;
using Microsoft.AspNetCore.Http.HttpResults;
using AfterSales.Application.Access;
using AfterSales.Application.Timers;

namespace AfterSales.Functions.Api;

/// <summary>
/// Operators' view of the timer functions: each one's schedule and last run (<c>GET /api/admin/timers</c>), and a run
/// on demand (<c>POST /api/admin/timers/{name}/run</c>) under the same singleton lock as scheduled runs.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/timers").WithTags("Operations").RequireAuthorization(Policies.Operations);
        group.MapGet("/", ListAsync)
            .WithSummary("Every timer function with its schedule (NCRONTAB, UTC) and its last run: when, how triggered, outcome and log lines");
        group.MapPost("/{name}/run", RunAsync)
            .WithSummary("Run a timer function now (manager role); answers with what it did")
            .WithDescription("409 when another instance is running it at this moment; 404 for an unknown name. The run is recorded like a scheduled one, with trigger manual.");
        return app;
    }

    private static async Task<Ok<TimerListView>> ListAsync(ITimerRunLog runs, TimerCatalog catalog, CancellationToken ct)
    {
        var last = await runs.LastRunsAsync(ct);
        var timers = catalog.Timers
            .Select(t => new TimerView(t.Name, t.Schedule, last.TryGetValue(t.Name, out var run) ? RunView.From(run) : null))
            .ToList();
        return TypedResults.Ok(new TimerListView(timers));
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> RunAsync(
        string name, HttpContext http, TimerRunner runner, TimerCatalog catalog, ITimerRunLog runs, CancellationToken ct)
    {
        if (!runner.Exists(name))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such timer function.",
                detail: $"'{name}' is not a timer function. Timer functions: {string.Join(", ", catalog.Timers.Select(t => t.Name))}.");
        }

        var actor = http.User.ToActor();
        var result = await runner.RunAsSingletonAsync(name, TimerTrigger.Manual, ct, actor.Name);
        if (result is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The timer function is running.",
                detail: $"{name} is running in another instance right now. Try again in a moment, or read GET /api/admin/timers for its last run.");
        }

        var recorded = (await runs.LastRunsAsync(ct)).GetValueOrDefault(name);
        return TypedResults.Ok(recorded is not null && recorded.Trigger == TimerTrigger.Manual
            ? RunView.From(recorded)
            : new RunView(TimerTrigger.Manual.ToString().ToLowerInvariant(), null, null, true, [.. result.Logs.Select(Messages.English)], null, actor.Name));
    }

    public sealed record TimerListView(IReadOnlyList<TimerView> Timers);

    public sealed record TimerView(string Name, string Schedule, RunView? LastRun);

    public sealed record RunView(
        string Trigger, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool Succeeded, IReadOnlyList<string> Logs, string? Error, string? RunBy)
    {
        public double? DurationMs => StartedAt is { } s && FinishedAt is { } f ? Math.Round((f - s).TotalMilliseconds, 1) : null;

        public static RunView From(TimerRun run) => new(
            run.Trigger.ToString().ToLowerInvariant(), run.StartedAt, run.FinishedAt, run.Succeeded, [.. run.Logs.Select(Messages.English)], run.Error, run.RunBy);
    }
}
