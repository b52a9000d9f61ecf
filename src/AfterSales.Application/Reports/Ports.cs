using AfterSales.Domain.Reports;

namespace AfterSales.Application.Reports;

/// <summary>
/// The report projection: one row of <see cref="TicketFacts"/> per ticket and month the ticket has something in,
/// partitioned by month, so a month's report reads its own rows and never scans tickets.
/// </summary>
public interface IReportFactStore
{
    /// <summary>
    /// Writes the facts into each of <paramref name="months"/>, unless a row there already holds the same or a
    /// later version of the ticket (a late writer never puts an older state back). With <paramref name="likelyNew"/> (the
    /// ticket was just created) a row is first added without reading; one that exists after all is handled as usual.
    /// </summary>
    Task SaveAsync(TicketFacts facts, IReadOnlyCollection<ReportMonth> months, bool likelyNew, CancellationToken cancellationToken);

    /// <summary>All rows of <paramref name="month"/>; <paramref name="read"/> is told the running count as pages arrive.</summary>
    Task<IReadOnlyList<TicketFacts>> ReadMonthAsync(ReportMonth month, Action<int>? read, CancellationToken cancellationToken);
}

/// <summary>A rendering of a report.</summary>
public enum ReportFormat
{
    /// <summary>application/json.</summary>
    Json,
    /// <summary>text/csv, one measure per line.</summary>
    Csv,
    /// <summary>text/html, self-contained with inline SVG charts.</summary>
    Html,
    /// <summary>An Excel workbook.</summary>
    Xlsx,
}

/// <summary>One stored rendering: its bytes and content type.</summary>
public sealed record ReportFile(ReportFormat Format, string ContentType, byte[] Content);

/// <summary>Turns a computed report into the files that are stored and downloaded (one per <see cref="ReportFormat"/>).</summary>
public interface IReportRenderer
{
    IReadOnlyList<ReportFile> Render(MonthlyReport report);
}

/// <summary>A month whose report is stored.</summary>
public sealed record StoredReport(ReportMonth Month, DateTimeOffset StoredAt, long JsonBytes);

/// <summary>Where reports are kept (Blob Storage): <c>monthly/{yyyy-MM}.{json|csv|html|xlsx}</c>.</summary>
public interface IReportArchive
{
    /// <summary>Stores every rendering of the month's report; the JSON last, so its presence means the set is complete.</summary>
    Task StoreAsync(ReportMonth month, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken);

    /// <summary>One rendering, or null when the month has no report.</summary>
    Task<ReportFile?> OpenAsync(ReportMonth month, ReportFormat format, CancellationToken cancellationToken);

    /// <summary>The month's stored report as data (read from its JSON rendering), or null when the month has no report.</summary>
    Task<MonthlyReport?> ReadAsync(ReportMonth month, CancellationToken cancellationToken);

    /// <summary>The months with a stored report, newest first.</summary>
    Task<IReadOnlyList<StoredReport>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>Where a report run is.</summary>
public enum ReportRunStatus
{
    /// <summary>Accepted, not started.</summary>
    Queued,
    /// <summary>Working; see the step and progress.</summary>
    Running,
    /// <summary>Stored.</summary>
    Succeeded,
    /// <summary>Stopped by an error.</summary>
    Failed,
}

/// <summary>One run of a month's report, with its progress (0-100) for whoever waits.</summary>
public sealed record ReportRun
{
    /// <summary>Run id (sortable by start).</summary>
    public required string Id { get; init; }

    /// <summary>The month reported.</summary>
    public required ReportMonth Month { get; init; }

    /// <summary>Where it is.</summary>
    public required ReportRunStatus Status { get; init; }

    /// <summary>What it does now (catching up, reading, computing, rendering, storing, done).</summary>
    public required string Step { get; init; }

    /// <summary>0-100.</summary>
    public int Progress { get; init; }

    /// <summary>Projection rows read so far.</summary>
    public int RowsRead { get; init; }

    /// <summary>schedule, host or manual.</summary>
    public required string Trigger { get; init; }

    /// <summary>Who asked (manual runs).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>Last progress report; a running run that stops reporting was lost with its instance.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }
}

/// <summary>Report runs and their progress.</summary>
public interface IReportRunStore
{
    Task SaveAsync(ReportRun run, CancellationToken cancellationToken);

    Task<ReportRun?> GetAsync(ReportMonth month, string id, CancellationToken cancellationToken);

    /// <summary>The month's runs, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ReportRun>> RecentAsync(ReportMonth month, int max, CancellationToken cancellationToken);
}
