using AfterSales.Domain.Time;

namespace AfterSales.Application.Calendars;

/// <summary>
/// A working week written as text, the way configuration and the API spell it:
/// <c>{"mon": ["09:00-12:00", "13:00-18:00"], …}</c> with keys mon…sun; a missing day is closed.
/// </summary>
public static class WeekText
{
    public static readonly IReadOnlyDictionary<string, DayOfWeek> DayKeys = new Dictionary<string, DayOfWeek>(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>Reads a week; throws <see cref="FormatException"/> naming the bad key or window, <see cref="ArgumentException"/> for overlaps.</summary>
    public static WorkingWeek Parse(IEnumerable<KeyValuePair<string, List<string>>> week)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>();
        foreach (var (key, windows) in week)
        {
            if (!DayKeys.TryGetValue(key, out var day))
            {
                throw new FormatException($"'{key}' is not a weekday; use mon, tue, wed, thu, fri, sat or sun.");
            }

            if (windows is null)
            {
                throw new FormatException($"{key} has no list of windows; give e.g. [\"09:00-18:00\"], or leave the day out when it is closed.");
            }

            days[day] = windows.Select(w =>
            {
                var parts = w.Split('-');
                return parts.Length == 2 && WorkingWindow.TryParse(parts[0].Trim(), parts[1].Trim()) is { } window
                    ? window
                    : throw new FormatException($"'{w}' on {key} is not a window like 09:00-12:00.");
            }).ToList();
        }

        return new WorkingWeek(days);
    }

    /// <summary>Writes a week; closed days are left out.</summary>
    public static Dictionary<string, List<string>> Format(WorkingWeek week) =>
        DayKeys.Where(d => week[d.Value].Count > 0)
            .ToDictionary(d => d.Key, d => week[d.Value].Select(w => w.ToString()).ToList());
}
