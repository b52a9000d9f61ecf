using System.Globalization;
using System.Text.Json;

namespace AfterSales.Application.Calendars;

/// <summary>
/// One year of official holidays and worked weekend days (调休) for a region, as published: a data
/// file <c>{Region}-{Year}.json</c> in this folder. Dates are <c>yyyy-MM-dd</c> or ranges
/// <c>yyyy-MM-dd..yyyy-MM-dd</c> (both ends included), grouped by the holiday's name.
/// </summary>
public sealed record HolidayYear(string Region, int Year, string Source, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays)
{
    private const string ResourcePrefix = "AfterSales.Application.Calendars.";

    /// <summary>Every year shipped for <paramref name="region"/>, oldest first.</summary>
    public static IReadOnlyList<HolidayYear> Shipped(string region)
    {
        var assembly = typeof(HolidayYear).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix + region + "-", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream, n);
            })
            .ToList();
    }

    /// <summary>Reads a year file; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static HolidayYear Parse(Stream json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var year = root.GetProperty("year").GetInt32();
        var holidays = Dates(root, "holidays", year, name);
        var workdays = Dates(root, "workdays", year, name);
        foreach (var day in workdays)
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || holidays.Contains(day))
            {
                throw new FormatException($"{name}: the worked day {day:yyyy-MM-dd} must be a weekend day that is not a holiday.");
            }
        }

        return new HolidayYear(root.GetProperty("region").GetString()!, year, root.GetProperty("source").GetString()!, holidays, workdays);
    }

    private static List<DateOnly> Dates(JsonElement root, string property, int year, string name)
    {
        var dates = new List<DateOnly>();
        foreach (var group in root.GetProperty(property).EnumerateObject())
        {
            foreach (var item in group.Value.EnumerateArray())
            {
                var text = item.GetString() ?? string.Empty;
                var parts = text.Split("..");
                var from = ParseDate(parts[0], name);
                var to = parts.Length == 2 ? ParseDate(parts[1], name) : from;
                if (parts.Length > 2 || to < from || to.DayNumber - from.DayNumber > 31)
                {
                    throw new FormatException($"{name}: '{text}' in {property}.{group.Name} is not a date or a short date range.");
                }

                for (var day = from; day <= to; day = day.AddDays(1))
                {
                    // A holiday period may start in the year before (a Spring Festival break starting on 31 December).
                    if (Math.Abs(day.Year - year) > 1)
                    {
                        throw new FormatException($"{name}: {day:yyyy-MM-dd} is not near the file's year {year}.");
                    }

                    dates.Add(day);
                }
            }
        }

        return dates;
    }

    private static DateOnly ParseDate(string text, string name) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{name}: '{text}' is not a yyyy-MM-dd date.");
}
