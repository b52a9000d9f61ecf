using System.Globalization;
using System.Net;
using AfterSales.Application.Tickets;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Tickets;

/// <summary>
/// Daily ticket sequences kept in one counter row per business date, advanced with optimistic
/// concurrency (If-Match), so numbers are unique across any number of app instances. Each instance
/// reserves a block of <see cref="Block"/> numbers at a time (more when more are waiting) and hands
/// them out in order, so an intake writes the counter once in ten at most; requests that arrive while
/// a counter update is in flight wait for it and share it. Numbers stay unique and carry their day; an
/// instance that stops, or a day that ends, leaves the rest of its block unused (a gap in the day's
/// sequence, never a repeat).
/// </summary>
public sealed class TableTicketNumberAllocator(StorageClients storage) : ITicketNumberAllocator
{
    /// <summary>Numbers an instance reserves at a time.</summary>
    public const int Block = 10;

    private const string RowKey = "counter";
    private readonly Dictionary<DateOnly, DayCounter> _days = [];
    private readonly Lock _sync = new();

    public ValueTask<int> NextAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        DayCounter day;
        bool startFlush;
        lock (_sync)
        {
            if (!_days.TryGetValue(businessDate, out day!))
            {
                day = new DayCounter(businessDate);
                _days[businessDate] = day;
                // Only today's and yesterday's counters are ever hot; forget older ones.
                foreach (var old in _days.Keys.Where(d => d < businessDate.AddDays(-1)).ToList())
                {
                    _days.Remove(old);
                }
            }

            day.Waiting.Add(waiter);
            startFlush = !day.Flushing;
            day.Flushing = true;
        }

        if (startFlush)
        {
            _ = Task.Run(() => FlushAsync(day), CancellationToken.None);
        }

        return new ValueTask<int>(waiter.Task.WaitAsync(cancellationToken));
    }

    private async Task FlushAsync(DayCounter day)
    {
        while (true)
        {
            List<TaskCompletionSource<int>> batch;
            lock (_sync)
            {
                if (day.Waiting.Count == 0)
                {
                    day.Flushing = false;
                    return;
                }

                batch = day.Waiting;
                day.Waiting = [];
            }

            try
            {
                var numbers = new List<int>(batch.Count);
                while (numbers.Count < batch.Count)
                {
                    if (day.Next <= day.End)
                    {
                        numbers.Add(day.Next++);
                        continue;
                    }

                    var count = Math.Max(Block, batch.Count - numbers.Count);
                    day.Next = await ReserveAsync(day, count);
                    day.End = day.Next + count - 1;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].TrySetResult(numbers[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var waiter in batch)
                {
                    waiter.TrySetException(e);
                }
            }
        }
    }

    /// <summary>Advances the day's counter by <paramref name="count"/>; returns the first reserved value.</summary>
    private async Task<int> ReserveAsync(DayCounter day, int count)
    {
        var table = await storage.TableAsync(storage.Options.TicketNumbersTable, CancellationToken.None);
        var partition = day.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            if (day.ETag is { } etag)
            {
                var next = day.Last + count;
                try
                {
                    var response = await table.UpdateEntityAsync(
                        new TableEntity(partition, RowKey) { ["Value"] = next }, etag, TableUpdateMode.Replace);
                    day.ETag = response.Headers.ETag;
                    day.Last = next;
                    return (int)(next - count + 1);
                }
                catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
                {
                    // Another instance moved the counter: read it again.
                    day.ETag = null;
                }
            }

            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey);
            if (current.HasValue && current.Value is { } entity)
            {
                day.ETag = entity.ETag;
                day.Last = entity.GetInt64("Value") ?? 0;
                continue;
            }

            try
            {
                var added = await table.AddEntityAsync(new TableEntity(partition, RowKey) { ["Value"] = (long)count });
                day.ETag = added.Headers.ETag;
                day.Last = count;
                return 1;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // Another instance created the day's counter first.
            }
        }
    }

    private sealed class DayCounter(DateOnly date)
    {
        public DateOnly Date { get; } = date;
        public List<TaskCompletionSource<int>> Waiting { get; set; } = [];
        public bool Flushing { get; set; }
        public ETag? ETag { get; set; }
        public long Last { get; set; }

        /// <summary>The next number of this instance's block to hand out; past <see cref="End"/>, a new block is needed.</summary>
        public int Next { get; set; } = 1;

        public int End { get; set; }
    }
}
