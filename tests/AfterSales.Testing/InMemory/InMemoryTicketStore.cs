using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;

namespace AfterSales.Testing.InMemory;

/// <summary>
/// Tickets in memory, one "partition" per ticket (snapshot, events, SMS outbox rows) written together under one lock,
/// with ETags as Table Storage gives them: a write conditional on a stale ETag stores nothing. It is the ticket store
/// and the SMS outbox at once, as the table is. <see cref="Writes"/> counts committed batches; <see cref="BeforeWrite"/>
/// lets a test change the ticket between a command's read and its write (a lost race).
/// </summary>
public sealed class InMemoryTicketStore : ITicketStore, ISmsOutbox, ITicketIndexCatchUp
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TicketId, Partition> _partitions = [];
    private long _etags;

    /// <summary>Batches committed.</summary>
    public int Writes { get; private set; }

    /// <summary>Snapshot reads (point reads and finds).</summary>
    public int Reads { get; private set; }

    /// <summary>Runs once before the next conditional write is checked (then is cleared).</summary>
    public Action? BeforeWrite { get; set; }

    public Task<string?> TryCreateAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken)
    {
        RunBeforeWrite();
        lock (_gate)
        {
            if (_partitions.ContainsKey(ticket.Id))
            {
                return Task.FromResult<string?>(null);
            }

            var partition = new Partition(ticket, NextETag());
            partition.Events.AddRange(events);
            foreach (var message in messages)
            {
                partition.Sms[message.Key] = (message, NextETag());
            }

            _partitions[ticket.Id] = partition;
            Writes++;
            return Task.FromResult<string?>(partition.ETag);
        }
    }

    public Task<string?> TryAppendAsync(StoredTicket before, Ticket ticket, IReadOnlyList<TicketEvent> events, IReadOnlyList<SmsMessage> messages, CancellationToken cancellationToken)
    {
        var etag = before.ETag;
        RunBeforeWrite();
        lock (_gate)
        {
            if (!_partitions.TryGetValue(ticket.Id, out var partition) || partition.ETag != etag
                || events.Any(e => partition.Events.Any(x => x.Sequence == e.Sequence)) || messages.Any(m => partition.Sms.ContainsKey(m.Key)))
            {
                return Task.FromResult<string?>(null);
            }

            partition.Ticket = ticket;
            partition.ETag = NextETag();
            partition.Events.AddRange(events);
            foreach (var message in messages)
            {
                partition.Sms[message.Key] = (message, NextETag());
            }

            Writes++;
            return Task.FromResult<string?>(partition.ETag);
        }
    }

    public Task<StoredTicket?> GetAsync(TicketId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(_partitions.TryGetValue(id, out var p) ? new StoredTicket(p.Ticket, p.ETag) : null);
        }
    }

    public Task<StoredTicket?> FindByNumberAsync(TicketNumber number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(_partitions.Values.Where(p => p.Ticket.Number == number).Select(p => new StoredTicket(p.Ticket, p.ETag)).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TicketId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TicketEvent>>(_partitions.TryGetValue(id, out var p) ? [.. p.Events.OrderBy(e => e.Sequence)] : []);
        }
    }

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var items = _partitions.Values.Select(p => p.Ticket)
                .Where(query.Matches)
                .OrderBy(t => t.Id.Value, StringComparer.Ordinal).Take(query.PageSize).ToList();
            return Task.FromResult(new TicketPage(items, null));
        }
    }

    /// <summary>Memory needs no index: every ticket is always found.</summary>
    public Task<TicketIndexCatchUp> CatchUpIndexAsync(int max, CancellationToken cancellationToken) => Task.FromResult(new TicketIndexCatchUp(0, Done: true));

    public Task<IReadOnlyList<StoredSms>> ListAsync(TicketId ticket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredSms>>(_partitions.TryGetValue(ticket, out var p)
                ? [.. p.Sms.Values.OrderBy(s => s.Message.Key, StringComparer.Ordinal).Select(s => new StoredSms(s.Message, s.ETag))]
                : []);
        }
    }

    public Task<StoredSms?> GetAsync(TicketId ticket, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_partitions.TryGetValue(ticket, out var p) && p.Sms.TryGetValue(key, out var s) ? new StoredSms(s.Message, s.ETag) : null);
        }
    }

    public Task<string?> TryReplaceAsync(SmsMessage message, string etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_partitions.TryGetValue(message.Ticket, out var p) || !p.Sms.TryGetValue(message.Key, out var s) || s.ETag != etag)
            {
                return Task.FromResult<string?>(null);
            }

            var next = NextETag();
            p.Sms[message.Key] = (message, next);
            return Task.FromResult<string?>(next);
        }
    }

    private readonly Dictionary<(TicketId Ticket, string Key), SmsMessage> _log = [];

    public Task PublishAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _log[(message.Ticket, message.Key)] = message;
        }

        return Task.CompletedTask;
    }

    /// <summary>The message as the staff SMS log shows it (the last state published), or null.</summary>
    public SmsMessage? Logged(TicketId ticket, string key)
    {
        lock (_gate)
        {
            return _log.GetValueOrDefault((ticket, key));
        }
    }

    public Task<SmsPage> SearchAsync(SmsQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new SmsPage([.. _partitions.Values.SelectMany(p => p.Sms.Values).Select(s => s.Message).Take(query.PageSize)], null));
        }
    }

    /// <summary>The ticket's SMS outbox rows, as stored.</summary>
    public IReadOnlyList<SmsMessage> Messages(TicketId ticket)
    {
        lock (_gate)
        {
            return _partitions.TryGetValue(ticket, out var p) ? [.. p.Sms.Values.Select(s => s.Message)] : [];
        }
    }

    private void RunBeforeWrite()
    {
        var hook = BeforeWrite;
        BeforeWrite = null;
        hook?.Invoke();
    }

    private string NextETag() => $"W/\"{Interlocked.Increment(ref _etags)}\"";

    private sealed class Partition(Ticket ticket, string etag)
    {
        public Ticket Ticket { get; set; } = ticket;

        public string ETag { get; set; } = etag;

        public List<TicketEvent> Events { get; } = [];

        public Dictionary<string, (SmsMessage Message, string ETag)> Sms { get; } = new(StringComparer.Ordinal);
    }
}
