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
        app.MapGet("/api/admin/sms/templates", SmsTemplatesAsync)
            .WithTags("Operations")
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Each notification's SMS template: the text to submit to Alibaba or Tencent, its variables, and what is configured")
            .WithDescription("The configured template code or id per provider (never a key); provider is the mainland provider in use, or null when messages stay in the local outbox.");
        group.MapPost("/{name}/run", RunAsync)
            .WithSummary("Run a timer function now (manager role); answers with what it did")
            .WithDescription("409 when another instance is running it at this moment; 404 for an unknown name. The run is recorded like a scheduled one, with trigger manual.");
        return app;
    }

    private static Ok<SmsTemplatesView> SmsTemplatesAsync(
        Microsoft.Extensions.Options.IOptions<Application.Notifications.SmsOptions> sms,
        Microsoft.Extensions.Options.IOptions<Application.Customers.CustomerLinkOptions> links,
        HttpContext http)
    {
        var settings = sms.Value;
        var baseUrl = links.Value.BaseUrl is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
        var templates = settings.Catalogue().Select(t =>
        {
            var name = Application.EnumNames.Name(t.Kind);
            return new SmsTemplateView(
                name,
                Application.Notifications.SmsVariables.TemplateText(t, baseUrl),
                [.. Application.Notifications.SmsVariables.For(t.Kind, t).Select(v => new SmsVariableView(v.Name, v.FilledWith, v.MaxLength, v.MayShorten))],
                settings.Aliyun.Templates.TryGetValue(name, out var aliyun) ? aliyun.Code : null,
                settings.Tencent.Templates.TryGetValue(name, out var tencent) ? tencent.Id : null,
                tencent?.MaxParamLength);
        }).ToList();
        return TypedResults.Ok(new SmsTemplatesView(settings.MainProvider, settings.OtherProvider, templates));
    }

    /// <summary>The SMS templates and which provider sends.</summary>
    public sealed record SmsTemplatesView(string? Provider, string? InternationalProvider, IReadOnlyList<SmsTemplateView> Templates);

    /// <summary>One notification's template: the text to submit, its variables in order, and the configured code or id.</summary>
    public sealed record SmsTemplateView(
        string Notification, string Text, IReadOnlyList<SmsVariableView> Variables, string? AliyunCode, string? TencentId, int? TencentMaxParamLength);

    /// <summary>A template variable: its name, what fills it, its longest value, and whether a longer one is shortened.</summary>
    public sealed record SmsVariableView(string Name, string FilledWith, int MaxLength, bool Shortened);

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
