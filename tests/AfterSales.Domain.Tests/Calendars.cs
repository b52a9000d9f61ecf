using AfterSales.Domain.Time;

namespace AfterSales.Domain.Tests;

/// <summary>Calendars the tests share.</summary>
internal static class Calendars
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>
    /// Shanghai office hours 09:00-12:00 and 13:00-18:00 with the 2026 National Day and Mid-Autumn
    /// holidays (25-27 Sep, 1-7 Oct) and their worked days (Sun 20 Sep, Sat 10 Oct).
    /// </summary>
    public static BusinessCalendar China2026 { get; } = new(
        Shanghai,
        WorkingWeek.OfficeHours,
        Dates("2026-09-25", 3).Concat(Dates("2026-10-01", 7)),
        [new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10)]);

    /// <summary>Berlin, Monday to Friday 09:00-18:00, no holidays.</summary>
    public static BusinessCalendar BerlinOffice { get; } = new(
        Berlin, WorkingWeek.Weekdays(new WorkingWindow(TimeSpan.FromHours(9), TimeSpan.FromHours(18))), [], []);

    /// <summary>Berlin, open round the clock every day: business time equals real time.</summary>
    public static BusinessCalendar BerlinAlwaysOpen { get; } = new(
        Berlin,
        new WorkingWeek(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingWindow>)[new WorkingWindow(TimeSpan.Zero, TimeSpan.FromDays(1))])),
        [],
        []);

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Dates(string first, int count) =>
        Enumerable.Range(0, count).Select(i => DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture).AddDays(i));
}
