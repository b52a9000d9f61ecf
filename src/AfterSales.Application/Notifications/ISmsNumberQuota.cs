namespace AfterSales.Application.Notifications;

/// <summary>
/// What each number was sent on each business day, for <see cref="SmsOptions.PerNumberDailyLimit"/>: one count per
/// number and day, taken once per message (at its first attempt), never beyond the limit however many workers take
/// at once.
/// </summary>
public interface ISmsNumberQuota
{
    /// <summary>Takes one of <paramref name="day"/>'s <paramref name="limit"/> sends to <paramref name="number"/>; false when none is left.</summary>
    Task<bool> TryTakeAsync(string number, DateOnly day, int limit, CancellationToken cancellationToken);
}
