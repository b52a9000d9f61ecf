using System.Globalization;

namespace AfterSales.Domain.Time;

/// <summary>
/// A working period within one local day, as the half-open interval [<see cref="Start"/>, <see cref="End"/>)
/// measured from local midnight. <see cref="End"/> may be 24:00, the end of the day.
/// </summary>
public readonly record struct WorkingWindow
{
    /// <summary>Creates a window; throws when it is empty or leaves the day.</summary>
    public WorkingWindow(TimeSpan start, TimeSpan end)
    {
        if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || start >= end)
        {
            throw new ArgumentException($"A working window runs forward within one day (00:00-24:00); {Format(start)}-{Format(end)} does not.");
        }

        Start = start;
        End = end;
    }

    /// <summary>Opening time, from local midnight.</summary>
    public TimeSpan Start { get; }

    /// <summary>Closing time, from local midnight (at most 24:00).</summary>
    public TimeSpan End { get; }

    /// <summary>How long the window is open (its nominal length; a daylight-saving change can shorten or lengthen the real one).</summary>
    public TimeSpan Length => End - Start;

    /// <summary>Parses "HH:mm" clock times; "24:00" is the end of the day. Returns null when either is not a clock time.</summary>
    public static WorkingWindow? TryParse(string? start, string? end) =>
        TryParseTime(start, out var s) && TryParseTime(end, out var e) && s < e ? new WorkingWindow(s, e) : null;

    /// <summary>Parses one "HH:mm" clock time (00:00-24:00).</summary>
    public static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = default;
        if (text is not { Length: 5 } || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(TimeSpan time) =>
        $"{(int)time.TotalHours:00}:{time.Minutes:00}";
}
