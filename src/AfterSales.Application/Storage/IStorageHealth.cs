namespace AfterSales.Application.Storage;

/// <summary>Can the app reach its storage account right now?</summary>
public interface IStorageHealth
{
    Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>The answer: reachable or not, and what to do about it.</summary>
/// <param name="Reachable">Both the Table and the Blob service answered.</param>
/// <param name="Emulator">The connection points at the local emulator (Azurite).</param>
/// <param name="Problem">What failed and how to fix it, when not reachable.</param>
public sealed record StorageHealthReport(bool Reachable, bool Emulator, string? Problem);
