using System.Collections.Concurrent;
using AfterSales.Domain.Dispatch;

namespace AfterSales.Application.Dispatch;

/// <summary>
/// The team store, with the reads dispatch makes at every intake — a department's settings and its engineers — kept for
/// <see cref="DispatchOptions.TeamCacheFor"/> (<see cref="DepartmentForDispatchAsync"/>, <see cref="EngineersForDispatchAsync"/>),
/// so a burst of intakes reads the team once instead of once per ticket. Everything else (the API's reads) reads the
/// store afresh. A change made through this instance (an engineer saved, a department's settings) is seen by dispatch at
/// once; one made by another instance within that time at the latest. Engineers' loads are never kept: they come from
/// the assignment index at every decision, and the writer's claim on an engineer's place is checked against the index.
/// </summary>
public sealed class CachedTeamStore(ITeamStore inner, TimeProvider time, TimeSpan keepFor) : ITeamStore
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, object Value)> _reads = new(StringComparer.Ordinal);

    /// <summary>The department's settings as dispatch sees them (kept for a while).</summary>
    public Task<DepartmentSettings> DepartmentForDispatchAsync(Department department, CancellationToken cancellationToken) =>
        ReadAsync($"department:{department}", ct => inner.GetDepartmentAsync(department, ct), cancellationToken);

    /// <summary>The department's engineers as dispatch sees them (kept for a while).</summary>
    public Task<IReadOnlyList<StoredEngineer>> EngineersForDispatchAsync(Department department, CancellationToken cancellationToken) =>
        ReadAsync($"engineers:{department}", ct => inner.ListEngineersAsync(department, ct), cancellationToken);

    public Task<StoredEngineer?> GetEngineerAsync(string id, CancellationToken cancellationToken) => inner.GetEngineerAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredEngineer>> ListEngineersAsync(Department? department, CancellationToken cancellationToken) =>
        inner.ListEngineersAsync(department, cancellationToken);

    public async Task<string?> TrySaveEngineerAsync(Engineer engineer, string? etag, CancellationToken cancellationToken)
    {
        var saved = await inner.TrySaveEngineerAsync(engineer, etag, cancellationToken);
        _reads.Clear(); // the engineer may have moved between departments
        return saved;
    }

    public Task<DepartmentSettings> GetDepartmentAsync(Department department, CancellationToken cancellationToken) =>
        inner.GetDepartmentAsync(department, cancellationToken);

    public Task<StoredDepartment> ReadDepartmentAsync(Department department, CancellationToken cancellationToken) =>
        inner.ReadDepartmentAsync(department, cancellationToken);

    public async Task<string?> TrySaveDepartmentAsync(DepartmentSettings settings, string? ifMatch, CancellationToken cancellationToken)
    {
        var saved = await inner.TrySaveDepartmentAsync(settings, ifMatch, cancellationToken);
        _reads.Clear();
        return saved;
    }

    private async Task<T> ReadAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : notnull
    {
        var now = time.GetUtcNow();
        if (keepFor > TimeSpan.Zero && _reads.TryGetValue(key, out var kept) && now - kept.ReadAt < keepFor && now >= kept.ReadAt)
        {
            return (T)kept.Value;
        }

        var value = await read(cancellationToken);
        if (keepFor > TimeSpan.Zero)
        {
            _reads[key] = (now, value);
        }

        return value;
    }
}
