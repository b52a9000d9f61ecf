using AfterSales.Application.Reports;
using AfterSales.Application.Timers;
using AfterSales.Domain.Reports;
using AfterSales.Functions.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Functions.Api;

/// <summary>
/// Monthly service reports (managers and supervisors): the stored months, one month's report as JSON, CSV, HTML or
/// Excel, and a run on demand whose progress is read at the address it answers with.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/monthly").WithTags("Reports").RequireAuthorization(Policies.Reports);
        group.MapGet("/", ListAsync)
            .WithSummary("The months whose report is stored, newest first, with links to each rendering");
        group.MapGet("/{file}", GetAsync)
            .WithSummary("One month's report: /2026-11 (JSON), /2026-11.csv, /2026-11.html, /2026-11.xlsx")
            .WithDescription("404 while the month has no report: the timer makes last month's on the 1st; POST …/{month}/run makes one now.");
        group.MapPost("/{month}/run", RunAsync)
            .WithSummary("Make (or remake) a month's report now: 202 with Location, where the run's step and progress are read")
            .WithDescription("A month not over gives a provisional report, counted up to now. While a run of the month is in progress, the answer points to it instead of starting another.");
        group.MapGet("/{month}/runs/{id}", RunStatusAsync)
            .WithSummary("A report run: queued, running (step, progress 0-100, rows read), succeeded (links) or failed (why)");
        return app;
    }

    private static async Task<Ok<ReportListView>> ListAsync(IReportArchive archive, CancellationToken ct)
    {
        var stored = await archive.ListAsync(ct);
        return TypedResults.Ok(new ReportListView([.. stored.Select(s => new StoredReportView(s.Month.ToString(), s.StoredAt, Links(s.Month)))]));
    }

    /// <summary>One month's report in one format; the console serves it too.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string file, HttpContext http, IReportArchive archive, CancellationToken ct)
    {
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var monthText = dot < 0 ? file : file[..dot];
        var extension = dot < 0 ? "json" : file[(dot + 1)..];
        if (!ReportMonth.TryParse(monthText, out var month))
        {
            return BadMonth(monthText);
        }

        if (!Enum.TryParse<ReportFormat>(extension, ignoreCase: true, out var format) || !extension.All(char.IsAsciiLetterLower))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown report format.",
                detail: $"'{extension}' is not a report format. Use /{month}, /{month}.csv, /{month}.html or /{month}.xlsx.");
        }

        var stored = await archive.OpenAsync(month, format, ct);
        if (stored is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No report for this month yet.",
                detail: $"The {month} report has not been made. Last month's report is made on the 1st; POST /api/reports/monthly/{month}/run makes it now.");
        }

        if (format == ReportFormat.Html)
        {
            // The page is self-contained: nothing may load from elsewhere, and it runs no script.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        }

        return TypedResults.File(
            stored.Content,
            stored.ContentType,
            format is ReportFormat.Xlsx or ReportFormat.Csv ? $"aftersales-report-{month}.{extension}" : null);
    }

    private static async Task<Results<Accepted<ReportRunView>, ProblemHttpResult>> RunAsync(
        string month, HttpContext http, MonthlyReports reports, ReportRunQueue queue, TimeProvider time, CancellationToken ct)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return BadMonth(month);
        }

        if (await StartAsync(parsed, http.User.ToActor().Name, reports, queue, time, ct) is not { } run)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The month has not begun.",
                detail: $"{parsed} has not begun yet, so there is nothing to report. Ask for this month or an earlier one.");
        }

        var view = ReportRunView.From(run);
        http.Response.Headers.RetryAfter = "2";
        return TypedResults.Accepted(view.Self, view);
    }

    /// <summary>
    /// A run of <paramref name="month"/>'s report asked for by <paramref name="by"/>: the one already queued or running, or a new
    /// one; null when the month has not begun.
    /// </summary>
    internal static async Task<ReportRun?> StartAsync(
        ReportMonth month, string by, MonthlyReports reports, ReportRunQueue queue, TimeProvider time, CancellationToken ct)
    {
        if (!reports.HasBegun(month, time.GetUtcNow()))
        {
            return null;
        }

        var run = await reports.ActiveAsync(month, ct);
        if (run is null)
        {
            run = await reports.QueueAsync(month, TimerTrigger.Manual, by, ct);
            queue.Enqueue(run);
        }

        return run;
    }

    /// <summary>The run as its reader sees it: a queued or running run that stopped reporting progress has failed.</summary>
    internal static ReportRun Current(ReportRun run, DateTimeOffset now) =>
        run.Status is ReportRunStatus.Queued or ReportRunStatus.Running && now - run.UpdatedAt >= MonthlyReports.Abandoned
            ? run with { Status = ReportRunStatus.Failed, Step = "lost", Error = "The run stopped reporting progress (its instance stopped). Start it again." }
            : run;

    private static async Task<Results<Ok<ReportRunView>, ProblemHttpResult>> RunStatusAsync(
        string month, string id, HttpContext http, IReportRunStore runs, TimeProvider time, CancellationToken ct)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return BadMonth(month);
        }

        var run = MonthlyReports.IsRunId(id) ? await runs.GetAsync(parsed, id, ct) : null;
        if (run is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such report run.",
                detail: $"There is no run '{id}' of the {parsed} report. POST /api/reports/monthly/{parsed}/run starts one.");
        }

        run = Current(run, time.GetUtcNow());
        if (run.Status is ReportRunStatus.Queued or ReportRunStatus.Running)
        {
            http.Response.Headers.RetryAfter = "2";
        }

        return TypedResults.Ok(ReportRunView.From(run));
    }

    private static ProblemHttpResult BadMonth(string text) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The month is not valid.",
        detail: $"'{text}' is not a month. Write it as yyyy-MM, e.g. 2026-11.");

    private static ReportLinks Links(ReportMonth month) => new(
        $"/api/reports/monthly/{month}",
        $"/api/reports/monthly/{month}.csv",
        $"/api/reports/monthly/{month}.html",
        $"/api/reports/monthly/{month}.xlsx");

    public sealed record ReportListView(IReadOnlyList<StoredReportView> Reports);

    public sealed record StoredReportView(string Month, DateTimeOffset StoredAt, ReportLinks Links);

    public sealed record ReportLinks(string Json, string Csv, string Html, string Xlsx);

    public sealed record ReportRunView(
        string Id, string Month, string Status, string Step, int Progress, int RowsRead, string Trigger, string? RequestedBy,
        DateTimeOffset QueuedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, string? Error, string Self, ReportLinks? Report)
    {
        public static ReportRunView From(ReportRun run) => new(
            run.Id, run.Month.ToString(), Application.EnumNames.Name(run.Status), run.Step, run.Progress, run.RowsRead, run.Trigger, run.RequestedBy,
            run.QueuedAt, run.UpdatedAt, run.FinishedAt, run.Error,
            $"/api/reports/monthly/{run.Month}/runs/{run.Id}",
            run.Status == ReportRunStatus.Succeeded ? Links(run.Month) : null);
    }
}
