using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Application.Reports;

/// <summary>
/// Runs requested on demand (<c>POST /api/reports/monthly/{month}/run</c>) are made in the background, one at a
/// time, while the request returns 202 at once with the run's address.
/// </summary>
public sealed class ReportRunQueue(MonthlyReports reports) : BackgroundService
{
    private readonly Channel<ReportRun> _queue = Channel.CreateUnbounded<ReportRun>(new UnboundedChannelOptions { SingleReader = true });

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
