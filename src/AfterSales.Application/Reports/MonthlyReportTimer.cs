using AfterSales.Domain.Explanations;
using AfterSales.Application.Timers;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Reports;

/// <summary>
/// The monthly report's timer. It runs every day shortly after midnight business time; on the 1st it makes last
/// month's report, and until <see cref="ReportOptions.CatchUpUntilDay"/> it makes it if it is still missing (a
/// failed or missed run of the 1st is made good the next day). On other days it does nothing.
/// </summary>
public sealed class MonthlyReportTimer(MonthlyReports reports, IReportArchive archive, BusinessCalendar calendar, IOptions<ReportOptions> options) : ITimerFunction
{
    public const string FunctionName = "MonthlyReport";

    public string Name => FunctionName;

    /// <summary>After the catch-up days the calendar alone says there is nothing to do (no storage read).</summary>
    public Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.LocalDate(now);
        return Task.FromResult(today.Day > 1 && today.Day > options.Value.CatchUpUntilDay
            ? Explanation.Of(MessageCodes.ReportNotToday, today.Day, reports.LastMonth(now), options.Value.CatchUpUntilDay)
            : null);
    }

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.LocalDate(now);
        var month = reports.LastMonth(now);
        if (today.Day > 1)
        {
            if (today.Day > options.Value.CatchUpUntilDay)
            {
                return new TimerRunResult([Explanation.Of(MessageCodes.ReportNotToday, today.Day, month, options.Value.CatchUpUntilDay)]);
            }

            if (await archive.OpenAsync(month, ReportFormat.Json, cancellationToken) is not null)
            {
                return new TimerRunResult([Explanation.Of(MessageCodes.ReportStoredAlready, month)]);
            }
        }

        if (await reports.ActiveAsync(month, cancellationToken) is { } active)
        {
            return new TimerRunResult([Explanation.Of(MessageCodes.ReportBeingMade, month, active.Id)]);
        }

        var run = await reports.RunAsync(await reports.QueueAsync(month, TimerTrigger.Schedule, null, cancellationToken), cancellationToken);
        if (run.Status != ReportRunStatus.Succeeded)
        {
            throw new InvalidOperationException(MonthlyReports.Describe(run));
        }

        return new TimerRunResult([MonthlyReports.Explain(run)]);
    }
}
