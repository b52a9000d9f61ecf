using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Application;

/// <summary>
/// Work done right after a write, off the request's path: the request answers at once and the work follows a moment
/// later, on a few consumers. What a crash or a fault loses here is always recoverable from storage by its owner
/// (a due entry, a catch-up), so the queue itself is in memory.
/// </summary>
public abstract class BackgroundQueue<T>(int consumers) : BackgroundService
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = consumers == 1 });
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Queues one piece of work.</summary>
    protected void Post(T work)
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _queue.Writer.TryWrite(work);
    }

    /// <summary>Completes when everything queued so far has been handled (tests and orderly shutdown wait on it).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>Does one piece of work.</summary>
    protected abstract Task HandleAsync(T work, CancellationToken cancellationToken);

    /// <summary>A piece of work failed; it is left to its owner's recovery.</summary>
    protected abstract void Failed(T work, Exception exception);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, consumers).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(work, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(work, e);
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
}
