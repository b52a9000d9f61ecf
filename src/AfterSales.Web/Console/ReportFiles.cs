using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Web.Console;

/// <summary>A stored month's report as a file: JSON, CSV, HTML or Excel (the API's and the console's download).</summary>
public static class ReportFiles
{
    /// <summary>Maps <see cref="GetAsync"/> at <paramref name="pattern"/> (which names a <c>{file}</c>): the API's and the console's download.</summary>
    public static RouteHandlerBuilder MapReportFile(this IEndpointRouteBuilder app, string pattern) => app.MapGet(pattern, GetAsync);

    /// <summary>One month's report in one format; the console serves it too.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string file, HttpContext http, IReportArchive archive, CancellationToken ct)
    {
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var monthText = dot < 0 ? file : file[..dot];
        var extension = dot < 0 ? "json" : file[(dot + 1)..];
        if (!ReportMonth.TryParse(monthText, out var month))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The month is not valid.",
                detail: $"'{monthText}' is not a month. Write it as yyyy-MM, e.g. 2026-11.");
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
}
