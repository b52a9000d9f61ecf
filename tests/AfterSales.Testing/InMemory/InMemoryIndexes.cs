using AfterSales.Application.Dispatch;
using AfterSales.Application.Inbox;
using AfterSales.Application.Reports;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Tickets;

namespace AfterSales.Testing.InMemory;

/// <summary>The due-index in memory: entries by kind, instant and ticket (writing one again is a no-op, as an upsert is).</summary>
public sealed class InMemoryDueIndex : IDueIndex
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string Kind, DateTimeOffset DueAt, TicketId Ticket)> _entries = [];

    /// <summary>Entry writes (each schedule and each removal).</summary>
    public int Writes { get; private set; }

    public Task ScheduleAsync(string kind, DateTimeOffset dueAt, TicketId ticket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            _entries.Add((kind, dueAt, ticket));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueEntry>> DueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DueEntry>>([.. _entries.Where(e => e.Kind == kind && e.DueAt <= now)
                .OrderBy(e => e.DueAt).ThenBy(e => e.Ticket.Value, StringComparer.Ordinal).Take(max)
                .Select(e => new DueEntry(e.Kind, e.DueAt, e.Ticket))]);
        }
    }

    public Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            _entries.Remove((entry.Kind, entry.DueAt, entry.Ticket));
        }

        return Task.CompletedTask;
    }

    /// <summary>Every entry of <paramref name="kind"/> for the ticket, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> Of(string kind, TicketId ticket)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.Kind == kind && e.Ticket == ticket).Select(e => e.DueAt).Order()];
        }
    }
}

/// <summary>The assignment index in memory, atomic per key as the table's conditional writes make it.</summary>
public sealed class InMemoryAssignmentIndex : IAssignmentIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<AssignmentEntry>> _held = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(string engineer, TicketId ticket, DateTimeOffset at, int? max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entries = _held.TryGetValue(engineer, out var list) ? list : _held[engineer] = [];
            if (entries.Any(e => e.Ticket == ticket))
            {
                return Task.FromResult(true);
            }

            if (max is { } limit && entries.Count >= limit)
            {
                return Task.FromResult(false);
            }

            entries.Add(new AssignmentEntry(ticket, at));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AssignmentEntry>> ListAsync(string engineer, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AssignmentEntry>>(_held.TryGetValue(engineer, out var list) ? [.. list] : []);
        }
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<AssignmentEntry>>> ListAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<AssignmentEntry>>>(
                _held.ToDictionary(h => h.Key, h => (IReadOnlyList<AssignmentEntry>)[.. h.Value], StringComparer.Ordinal));
        }
    }

    public Task RemoveAsync(string engineer, TicketId ticket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(engineer, out var list))
            {
                list.RemoveAll(e => e.Ticket == ticket);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The tickets <paramref name="key"/> holds now.</summary>
    public IReadOnlyList<TicketId> Held(string key)
    {
        lock (_gate)
        {
            return _held.TryGetValue(key, out var list) ? [.. list.Select(e => e.Ticket)] : [];
        }
    }
}

/// <summary>Staff inboxes in memory.</summary>
public sealed class InMemoryInboxStore : IInboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Recipient, TicketId Ticket, string Key), InboxItem> _items = [];

    public Task AddAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                _items[(item.Recipient, item.Ticket, item.Key)] = item;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InboxItem>> ListAsync(string recipient, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<InboxItem>>([.. _items.Values.Where(i => i.Recipient == recipient).Take(max)]);
        }
    }

    public Task RemoveAsync(InboxItem item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _items.Remove((item.Recipient, item.Ticket, item.Key));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Report facts in memory, keeping the newest version of each ticket per month.</summary>
public sealed class InMemoryReportFactStore : IReportFactStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ReportMonth Month, string Id), TicketFacts> _rows = [];

    /// <summary>While true, every write fails as storage would when it is down.</summary>
    public bool Unavailable { get; set; }

    public Task SaveAsync(TicketFacts facts, IReadOnlyCollection<ReportMonth> months, bool likelyNew, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Unavailable)
            {
                throw new InvalidOperationException("The report facts store is unavailable.");
            }

            foreach (var month in months)
            {
                if (!_rows.TryGetValue((month, facts.Id), out var stored) || stored.Version < facts.Version)
                {
                    _rows[(month, facts.Id)] = facts;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TicketFacts>> ReadMonthAsync(ReportMonth month, Action<int>? read, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TicketFacts> rows = [.. _rows.Where(r => r.Key.Month == month).Select(r => r.Value)];
            read?.Invoke(rows.Count);
            return Task.FromResult(rows);
        }
    }

    /// <summary>The version of the ticket's facts stored in any month, or null.</summary>
    public int? VersionOf(TicketId ticket)
    {
        lock (_gate)
        {
            return _rows.Where(r => r.Key.Id == ticket.Value).Select(r => (int?)r.Value.Version).Max();
        }
    }
}

/// <summary>Engineers and departments in memory.</summary>
public sealed class InMemoryTeamStore : ITeamStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredEngineer> _engineers = new(StringComparer.Ordinal);
    private readonly Dictionary<Department, StoredDepartment> _departments = [];
    private long _etags;

    public Task<StoredEngineer?> GetEngineerAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_engineers.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<StoredEngineer>> ListEngineersAsync(Department? department, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredEngineer>>([.. _engineers.Values
                .Where(e => department is null || e.Engineer.Department == department).OrderBy(e => e.Engineer.Id, StringComparer.Ordinal)]);
        }
    }

    /// <summary>A repair engineer who can do anything in 上海市, with room for <paramref name="max"/> tickets.</summary>
    public static Engineer AnyRepair(string id, int max = 5) => new()
    {
        Id = id,
        Name = id,
        Phone = Domain.Customers.PhoneNumber.FromE164("+8613800000000"),
        Department = Department.Repair,
        Skills = [new Skill("*", "*", 3)],
        Regions = [new ServiceRegion("上海市", null)],
        MaxConcurrent = max,
    };

    public Task<string?> TrySaveEngineerAsync(Engineer engineer, string? etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = _engineers.TryGetValue(engineer.Id, out var stored);
            if (etag is null ? exists : !exists || stored!.ETag != etag)
            {
                return Task.FromResult<string?>(null);
            }

            var next = $"W/\"e{++_etags}\"";
            _engineers[engineer.Id] = new StoredEngineer(engineer, next);
            return Task.FromResult<string?>(next);
        }
    }

    public async Task<DepartmentSettings> GetDepartmentAsync(Department department, CancellationToken cancellationToken) =>
        (await ReadDepartmentAsync(department, cancellationToken)).Settings;

    public Task<StoredDepartment> ReadDepartmentAsync(Department department, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_departments.GetValueOrDefault(department) ?? new StoredDepartment(new DepartmentSettings(department, [], AutoDispatch: true), null));
        }
    }

    public Task<string?> TrySaveDepartmentAsync(DepartmentSettings settings, string? ifMatch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _departments.GetValueOrDefault(settings.Department)?.ETag;
            if (ifMatch is not null && ifMatch != (current ?? StoredDepartment.NeverSaved))
            {
                return Task.FromResult<string?>(null);
            }

            var next = $"W/\"d{++_etags}\"";
            _departments[settings.Department] = new StoredDepartment(settings, next);
            return Task.FromResult<string?>(next);
        }
    }
}

/// <summary>Customer codes in memory.</summary>
public sealed class InMemoryCustomerCodeStore : AfterSales.Application.Customers.ICustomerCodeStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AfterSales.Application.Customers.CustomerCodeEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public Task AddAsync(IReadOnlyList<AfterSales.Application.Customers.CustomerCodeEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (!_entries.TryAdd(entry.Key, entry))
            {
                throw new InvalidOperationException("A code's key was stored twice.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<AfterSales.Application.Customers.CustomerCodeEntry?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.GetValueOrDefault(key));
}

/// <summary>Providers' message ids in memory.</summary>
public sealed class InMemorySmsReceiptIndex : AfterSales.Application.Notifications.ISmsReceiptIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> _tags = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), AfterSales.Application.Notifications.SmsDeliveryReport> _held = new();

    public Task RecordAsync(string provider, string providerMessageId, string tag, CancellationToken cancellationToken)
    {
        _tags[(provider, providerMessageId)] = tag;
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken) =>
        Task.FromResult(_tags.GetValueOrDefault((provider, providerMessageId)));

    public Task HoldAsync(string provider, AfterSales.Application.Notifications.SmsDeliveryReport report, CancellationToken cancellationToken)
    {
        _held[(provider, report.ProviderMessageId ?? string.Empty)] = report;
        return Task.CompletedTask;
    }

    public Task<AfterSales.Application.Notifications.SmsDeliveryReport?> TakeHeldAsync(string provider, string providerMessageId, CancellationToken cancellationToken) =>
        Task.FromResult(_held.TryRemove((provider, providerMessageId), out var held) ? held : null);
}

/// <summary>The per-number daily counts in memory.</summary>
public sealed class InMemorySmsNumberQuota : AfterSales.Application.Notifications.ISmsNumberQuota
{
    private readonly Dictionary<(string, DateOnly), int> _counts = [];

    public Task<bool> TryTakeAsync(string number, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            var count = _counts.GetValueOrDefault((number, day));
            if (count >= limit)
            {
                return Task.FromResult(false);
            }

            _counts[(number, day)] = count + 1;
            return Task.FromResult(true);
        }
    }
}
