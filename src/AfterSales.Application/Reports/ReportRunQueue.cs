using System.Threading.Channels;
using AfterSales.Application.Timers;
using AfterSales.Domain.Reports;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Application.Reports;

/// <summary>
/// Runs requested on demand (<c>POST /api/reports/monthly/{month}/run</c>) are made in the background, one at a
/// time, while the request returns 202 at once with the run's address.
/// </summary>
public sealed class ReportRunQueue(MonthlyReports reports) : BackgroundService
{
    private readonly Channel<ReportRun> _queue = Channel.CreateUnbounded<ReportRun>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// A run of <paramref name="month"/>'s report asked for by <paramref name="by"/> (the API's and the console's): the one
    /// already queued or running, or a new one queued here; null when the month has not begun at <paramref name="now"/>.
    /// </summary>
    public async Task<ReportRun?> RequestAsync(ReportMonth month, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!reports.HasBegun(month, now))
        {
            return null;
        }

        var run = await reports.ActiveAsync(month, cancellationToken);
        if (run is null)
        {
            run = await reports.QueueAsync(month, TimerTrigger.Manual, by, cancellationToken);
            Enqueue(run);
        }

        return run;
    }

    public void Enqueue(ReportRun run)
    {
        if (!_queue.Writer.TryWrite(run))
        {
            throw new InvalidOperationException("The report queue is closed: the app is stopping.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var run in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await reports.RunAsync(run, stoppingToken);
        }
    }
}
