namespace AfterSales.Application.Timers;

/// <summary>A timer function and its schedule (6-field NCRONTAB, UTC), as the host triggers it.</summary>
public sealed record TimerSchedule(string Name, string Schedule);

/// <summary>The app's timers and their schedules, as the host registered them (operators see them in the console).</summary>
public sealed class TimerCatalog(IReadOnlyList<TimerSchedule> timers)
{
    public IReadOnlyList<TimerSchedule> Timers { get; } = timers;
}
