using AfterSales.Domain.Dispatch;

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
