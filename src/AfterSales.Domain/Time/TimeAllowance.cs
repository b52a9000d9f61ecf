namespace AfterSales.Domain.Time;

/// <summary>
/// An amount of time a promise allows: a duration (minutes, hours) or a number of working days,
/// optionally up to the close of business of the last one.
/// </summary>
public sealed record TimeAllowance
{
    private TimeAllowance(TimeSpan duration, int workingDays, bool endOfDay)
    {
        Duration = duration;
        WorkingDays = workingDays;
        EndOfDay = endOfDay;
    }

    /// <summary>The duration, when this is not a working-day allowance.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The number of working days; 0 for a duration.</summary>
    public int WorkingDays { get; }

    /// <summary>With working days: due at the close of business of the last day rather than at the same local time.</summary>
    public bool EndOfDay { get; }

    /// <summary>True for a working-day allowance.</summary>
    public bool IsWorkingDays => WorkingDays > 0 || EndOfDay;

    /// <summary>A duration (counted as elapsed or business time by whoever uses it).</summary>
    public static TimeAllowance Of(TimeSpan duration) =>
        duration >= TimeSpan.Zero ? new(duration, 0, false) : throw new ArgumentOutOfRangeException(nameof(duration), "An allowance is not negative.");

    /// <summary>A number of minutes.</summary>
    public static TimeAllowance Minutes(double minutes) => Of(TimeSpan.FromMinutes(minutes));

    /// <summary>A number of hours.</summary>
    public static TimeAllowance Hours(double hours) => Of(TimeSpan.FromHours(hours));

    /// <summary>N working days (see <see cref="BusinessCalendar.AddWorkingDays"/>).</summary>
    public static TimeAllowance Days(int workingDays, bool endOfDay = false) =>
        workingDays >= 0 ? new(TimeSpan.Zero, workingDays, endOfDay) : throw new ArgumentOutOfRangeException(nameof(workingDays), "An allowance is not negative.");

    /// <inheritdoc />
    public override string ToString() => IsWorkingDays
        ? $"{WorkingDays} working day(s){(EndOfDay ? " to end of day" : string.Empty)}"
        : Duration.TotalMinutes % 60 == 0 ? $"{Duration.TotalHours:0} h" : $"{Duration.TotalMinutes:0.##} min";
}
