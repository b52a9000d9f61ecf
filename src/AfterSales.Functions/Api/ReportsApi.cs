using Microsoft.AspNetCore.Http.HttpResults;
using AfterSales.Application.Access;
using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;

using AfterSales.Web.Console;

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
        group.MapReportFile("/{file}")
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

    private static async Task<Results<Accepted<ReportRunView>, ProblemHttpResult>> RunAsync(
        string month, HttpContext http, ReportRunQueue queue, TimeProvider time, CancellationToken ct)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return BadMonth(month);
        }

        if (await queue.RequestAsync(parsed, http.User.ToActor().Name, time.GetUtcNow(), ct) is not { } run)
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

        run = MonthlyReports.Current(run, time.GetUtcNow());
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
