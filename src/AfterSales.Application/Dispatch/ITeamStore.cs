using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Dispatch;

/// <summary>Settings of one department: who supervises it and whether the dispatcher assigns its tickets.</summary>
/// <param name="Department">Which department.</param>
/// <param name="Supervisors">Sign-in names of its supervisors; they see its queue.</param>
/// <param name="AutoDispatch">True: new tickets go to the best engineer automatically; false: the supervisor assigns by hand.</param>
public sealed record DepartmentSettings(Department Department, IReadOnlyList<string> Supervisors, bool AutoDispatch);

/// <summary>
/// A department's settings with the concurrency tag of their stored row; <see cref="ETag"/> is null while they were
/// never saved (the defaults are shown).
/// </summary>
public sealed record StoredDepartment(DepartmentSettings Settings, string? ETag)
{
    /// <summary>The condition for saving settings only if none were saved yet.</summary>
    public const string NeverSaved = "";
}

/// <summary>An engineer with the concurrency tag of the stored row.</summary>
public sealed record StoredEngineer(Engineer Engineer, string ETag);

/// <summary>Engineers and departments.</summary>
public interface ITeamStore
{
    Task<StoredEngineer?> GetEngineerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Engineers, by id; optionally only one department's.</summary>
    Task<IReadOnlyList<StoredEngineer>> ListEngineersAsync(Department? department, CancellationToken cancellationToken);

    /// <summary>
    /// Adds (<paramref name="etag"/> null: fails with null if the id exists) or replaces (only if the stored
    /// row still has <paramref name="etag"/>) an engineer. Returns the new ETag, or null when refused.
    /// </summary>
    Task<string?> TrySaveEngineerAsync(Engineer engineer, string? etag, CancellationToken cancellationToken);

    /// <summary>The department's settings; defaults (no supervisors, automatic dispatch on) when never saved.</summary>
    Task<DepartmentSettings> GetDepartmentAsync(Department department, CancellationToken cancellationToken);

    /// <summary>The department's settings with the ETag of their row (null while never saved).</summary>
    Task<StoredDepartment> ReadDepartmentAsync(Department department, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a department's settings: <paramref name="ifMatch"/> null saves regardless; <see cref="StoredDepartment.NeverSaved"/>
    /// only if none were saved yet; an ETag only if the stored row still has it. Returns the new ETag, or null when refused.
    /// </summary>
    Task<string?> TrySaveDepartmentAsync(DepartmentSettings settings, string? ifMatch, CancellationToken cancellationToken);
}

/// <summary>
/// Which tickets each engineer holds, as an index beside the tickets: an engineer's load is the number of
/// their entries. An entry is written before the assignment it announces is committed and removed after
/// the ticket leaves the engineer, so a crash can leave a stale entry (the engineer looks busier) but
/// never a missing one (the engineer overloaded); housekeeping checks old entries against their tickets.
/// </summary>
public interface IAssignmentIndex
{
    /// <summary>
    /// Records that <paramref name="ticket"/> is being given to <paramref name="engineer"/> at <paramref name="at"/>,
    /// only if the engineer then holds at most <paramref name="max"/> tickets (null: always, a person's override).
    /// True when the engineer holds the ticket afterwards (also when they held it already). Atomic per engineer:
    /// writers racing for an engineer's last place cannot both get it.
    /// </summary>
    Task<bool> TryAddAsync(string engineer, TicketId ticket, DateTimeOffset at, int? max, CancellationToken cancellationToken);

    Task<IReadOnlyList<AssignmentEntry>> ListAsync(string engineer, CancellationToken cancellationToken);

    /// <summary>Every engineer's entries (one query: the index holds only tickets being worked on).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<AssignmentEntry>>> ListAllAsync(CancellationToken cancellationToken);

    Task RemoveAsync(string engineer, TicketId ticket, CancellationToken cancellationToken);
}

/// <summary>
/// Deadlines to act on, by kind (e.g. an engineer's offer lapsing), ordered by time. Entries are written
/// before the change that sets the deadline is committed; the sweep re-reads the ticket before acting, so
/// a stale entry costs one read and is then removed.
/// </summary>
public interface IDueIndex
{
    Task ScheduleAsync(string kind, DateTimeOffset dueAt, TicketId ticket, CancellationToken cancellationToken);

    /// <summary>Entries of <paramref name="kind"/> due at or before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DueEntry>> DueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken);
}

/// <summary>One entry of the assignment index and when it was written (business clock).</summary>
public sealed record AssignmentEntry(TicketId Ticket, DateTimeOffset At);

/// <summary>One deadline.</summary>
public sealed record DueEntry(string Kind, DateTimeOffset DueAt, TicketId Ticket)
{
    /// <summary>Where the store keeps it, when the store says (to remove exactly that entry).</summary>
    public string? Partition { get; init; }
}
