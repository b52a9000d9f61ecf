using AfterSales.Domain.Explanations;
using AfterSales.Application.Timers;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Reports;

/// <summary>
/// Makes a month's report: catch up the projection, read the month's rows and last month's, compute, render JSON,
/// CSV, HTML and Excel, store them. Each run records its step and progress, so whoever asked can watch it. One run
/// per month at a time across instances (a storage lease). The output depends only on the data, so running it again
/// over unchanged data writes the same bytes.
/// </summary>
public sealed partial class MonthlyReports(
    IReportFactStore facts,
    IReportArchive archive,
    IReportRenderer renderer,
    IReportRunStore runs,
    ReportProjection projection,
    MonthlyReportCalculator calculator,
    ISingletonLock singleton,
    Dispatch.ITeamStore team,
    BusinessCalendar calendar,
    TimeProvider time,
    ILogger<MonthlyReports> logger)
{
    /// <summary>A running run that has not reported for this long was lost with its instance.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(3);

    /// <summary>The month before the one <paramref name="now"/> is in (business time zone).</summary>
    public ReportMonth LastMonth(DateTimeOffset now) => ReportMonth.Of(now, calendar.Zone).Previous;

    /// <summary>True when the month has begun, so there is something to report.</summary>
    public bool HasBegun(ReportMonth month, DateTimeOffset now) => month.Start(calendar.Zone) <= now;

    /// <summary>A run still in progress (queued or running and reporting), if any.</summary>
    public async Task<ReportRun?> ActiveAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await runs.RecentAsync(month, 5, cancellationToken);
        return recent.FirstOrDefault(r => r.Status is ReportRunStatus.Queued or ReportRunStatus.Running && now - r.UpdatedAt < Abandoned);
    }

    /// <summary>Whether <paramref name="id"/> is shaped as a run's id (32 lower-case hex digits, as <see cref="QueueAsync"/> makes them).</summary>
    public static bool IsRunId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Records a new run as queued.</summary>
    public async Task<ReportRun> QueueAsync(ReportMonth month, TimerTrigger trigger, string? requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = new ReportRun
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Month = month,
            Status = ReportRunStatus.Queued,
            Step = "queued",
            Trigger = EnumNames.Name(trigger),
            RequestedBy = requestedBy,
            QueuedAt = now,
            UpdatedAt = now,
        };
        await runs.SaveAsync(run, cancellationToken);
        return run;
    }

    /// <summary>Runs a queued run to its end; the returned run says whether it succeeded. Never throws for a failed report.</summary>
    public async Task<ReportRun> RunAsync(ReportRun run, CancellationToken cancellationToken)
    {
        var progress = new Progress(runs, time, run);
        try
        {
            await using var held = await singleton.TryAcquireAsync($"report-{run.Month}", cancellationToken)
                ?? throw new InvalidOperationException($"Another run of the {run.Month} report is in progress; wait for it to finish.");
            await ProduceAsync(run.Month, progress, cancellationToken);
            return await progress.FinishAsync(null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, run.Month.ToString());
            return await progress.FinishAsync(e.Message);
        }
    }

    private async Task ProduceAsync(ReportMonth month, Progress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await progress.StepAsync("catchingUp", 0, cancellationToken);
        await projection.CatchUpAsync(now, n => progress.Read(n, 0, 5), cancellationToken);

        await progress.StepAsync("reading", 5, cancellationToken);
        var current = await facts.ReadMonthAsync(month, n => progress.Read(n, 5, 55), cancellationToken);
        var currentRows = current.Count;
        var previous = await facts.ReadMonthAsync(month.Previous, n => progress.Read(currentRows + n, 55, 80), cancellationToken);

        await progress.StepAsync("computing", 80, cancellationToken, currentRows + previous.Count);
        var report = calculator.Compute(month, current, previous, now);
        // Managers read names, not sign-in ids.
        var names = (await team.ListEngineersAsync(null, cancellationToken)).ToDictionary(e => e.Engineer.Id, e => e.Engineer.Name, StringComparer.Ordinal);
        report = report with { Engineers = report.Engineers.Select(e => e with { Name = names.GetValueOrDefault(e.Engineer) }).ToList() };

        await progress.StepAsync("rendering", 88, cancellationToken);
        var files = renderer.Render(report);

        await progress.StepAsync("storing", 94, cancellationToken);
        await archive.StoreAsync(month, files, cancellationToken);
        LogStored(logger, month.ToString(), current.Count, previous.Count, report.Volume.Total);
    }

    /// <summary>Writes the run's progress: at every step, and while reading at most once a second.</summary>
    private sealed class Progress(IReportRunStore store, TimeProvider clock, ReportRun run)
    {
        private ReportRun _run = run;
        private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
        private Task _pending = Task.CompletedTask;

        public async Task StepAsync(string step, int percent, CancellationToken cancellationToken, int? rows = null)
        {
            await _pending;
            _run = _run with { Status = ReportRunStatus.Running, Step = step, Progress = percent, RowsRead = rows ?? _run.RowsRead, UpdatedAt = clock.GetUtcNow() };
            await store.SaveAsync(_run, cancellationToken);
        }

        /// <summary>Rows read so far; progress moves from <paramref name="from"/> towards <paramref name="to"/> as rows arrive.</summary>
        public void Read(int rows, int from, int to)
        {
            var now = clock.GetUtcNow();
            if (now - _lastWrite < TimeSpan.FromSeconds(1) || !_pending.IsCompleted)
            {
                return;
            }

            _lastWrite = now;
            // The total is unknown until the end: approach the step's end without reaching it.
            var share = rows / (rows + 20_000.0);
            _run = _run with { RowsRead = rows, Progress = from + (int)((to - from) * share), UpdatedAt = now };
            _pending = store.SaveAsync(_run, CancellationToken.None);
        }

        public async Task<ReportRun> FinishAsync(string? error)
        {
            try
            {
                await _pending;
            }
            catch (Exception)
            {
                // A lost progress write does not matter: the final state follows.
            }

            _run = _run with
            {
                Status = error is null ? ReportRunStatus.Succeeded : ReportRunStatus.Failed,
                Step = error is null ? "done" : "failed",
                Progress = error is null ? 100 : _run.Progress,
                UpdatedAt = clock.GetUtcNow(),
                FinishedAt = clock.GetUtcNow(),
                Error = error,
            };
            await store.SaveAsync(_run, CancellationToken.None);
            return _run;
        }
    }

    /// <summary>The run as its reader sees it at <paramref name="now"/>: a queued or running run that stopped reporting progress has failed.</summary>
    public static ReportRun Current(ReportRun run, DateTimeOffset now) =>
        run.Status is ReportRunStatus.Queued or ReportRunStatus.Running && now - run.UpdatedAt >= Abandoned
            ? run with { Status = ReportRunStatus.Failed, Step = "lost", Error = "The run stopped reporting progress (its instance stopped). Start it again." }
            : run;

    /// <summary>What became of <paramref name="run"/>, as a message.</summary>
    public static Explanation Explain(ReportRun run) => run.Status == ReportRunStatus.Succeeded
        ? Explanation.Of(MessageCodes.ReportStored, run.Month, run.Id, run.RowsRead)
        : Explanation.Of(MessageCodes.ReportFailed, run.Month, run.Id, run.Error);

    /// <summary>What became of <paramref name="run"/>, in English (for logs and errors).</summary>
    public static string Describe(ReportRun run) => Language.Messages.English(Explain(run));

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Monthly report {Month} stored: {Rows} projection rows of the month, {PreviousRows} of the month before, {Tickets} tickets registered")]
    private static partial void LogStored(ILogger logger, string month, int rows, int previousRows, int tickets);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Monthly report {Month} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string month);
}
