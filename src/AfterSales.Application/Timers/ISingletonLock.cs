namespace AfterSales.Application.Timers;

/// <summary>A lock that at most one holder across all app instances has at a time.</summary>
public interface ISingletonLock
{
    /// <summary>Takes the lock named <paramref name="name"/>, or returns null when someone else holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}
