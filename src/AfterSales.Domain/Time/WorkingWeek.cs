namespace AfterSales.Domain.Time;

/// <summary>The working windows of each weekday. A weekday without windows is closed.</summary>
public sealed class WorkingWeek
{
    private readonly WorkingWindow[][] _days = new WorkingWindow[7][];

    /// <summary>Creates a week from windows per weekday; windows of one day must not overlap.</summary>
    /// <exception cref="ArgumentException">Two windows of one day overlap.</exception>
    public WorkingWeek(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingWindow>> days)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var windows = days.TryGetValue(day, out var list) ? list.OrderBy(w => w.Start).ToArray() : [];
            for (var i = 1; i < windows.Length; i++)
            {
                if (windows[i].Start < windows[i - 1].End)
                {
                    throw new ArgumentException($"The {day} windows {windows[i - 1]} and {windows[i]} overlap.");
                }
            }

            _days[(int)day] = windows;
        }
    }

    /// <summary>Monday to Friday 09:00-12:00 and 13:00-18:00: office hours with a lunch break.</summary>
    public static WorkingWeek OfficeHours { get; } = Weekdays(
        new WorkingWindow(TimeSpan.FromHours(9), TimeSpan.FromHours(12)),
        new WorkingWindow(TimeSpan.FromHours(13), TimeSpan.FromHours(18)));

    /// <summary>The same windows Monday to Friday; Saturday and Sunday closed.</summary>
    public static WorkingWeek Weekdays(params WorkingWindow[] windows)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>();
        for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            days[day] = windows;
        }

        return new WorkingWeek(days);
    }

    /// <summary>The windows of <paramref name="day"/>, in order.</summary>
    public IReadOnlyList<WorkingWindow> this[DayOfWeek day] => _days[(int)day];

    /// <summary>True when no weekday has any window.</summary>
    public bool IsAlwaysClosed => _days.All(d => d.Length == 0);
}
