using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>The stored renderings of a monthly report: Excel, CSV, HTML (with charts) and JSON.</summary>
public sealed class ReportRenderer : IReportRenderer
{
    public IReadOnlyList<ReportFile> Render(MonthlyReport report) =>
    [
        new(ReportFormat.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ReportWorkbook.Render(report)),
        new(ReportFormat.Csv, "text/csv; charset=utf-8", ReportCsv.Render(report)),
        new(ReportFormat.Html, "text/html; charset=utf-8", ReportHtml.Render(report)),
        new(ReportFormat.Json, "application/json; charset=utf-8", ReportJson.Render(report)),
    ];
}
