using System.Threading.Channels;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Sends a ticket's new messages right after the write that created them, off the request's path: the
/// request answers at once and the customer gets the SMS a moment later. Anything this misses (the process
/// stops, the provider is down) the <see cref="SmsRetrySweep"/> picks up from the due-index.
/// </summary>
public sealed partial class SmsDispatcher(SmsDelivery delivery, ILogger<SmsDispatcher> logger) : BackgroundService
{
    private readonly System.Threading.Channels.Channel<(TicketId Ticket, DateTimeOffset Announced)> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<(TicketId, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = false });

    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Asks for the ticket's messages to be sent now; <paramref name="announced"/> is the due-index entry written before the commit.</summary>
    public void Enqueue(TicketId ticket, DateTimeOffset announced)
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _queue.Writer.TryWrite((ticket, announced));
    }

    /// <summary>Completes when everything enqueued so far has been handled (tests and orderly shutdown wait on it).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await foreach (var (ticket, announced) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await delivery.DeliverAsync(ticket, announced, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The due-index entry stays; the retry sweep tries again within a minute.
                LogFailed(logger, e, ticket.Value);
            }
            finally
            {
                lock (_gate)
                {
                    if (--_inFlight == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Sending the new SMS of ticket {TicketId} failed; the retry sweep will send them")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketId);
}
