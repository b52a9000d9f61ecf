using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Domain.Time;

namespace AfterSales.Application.Calendars;

/// <summary>
/// The default business calendar (section <c>Business:Calendar</c>): working windows per weekday,
/// the shipped official holiday years of a region, and extra closed or worked dates of the company.
/// </summary>
public sealed class CalendarOptions : IValidatableObject
{
    public static IReadOnlyDictionary<string, DayOfWeek> DayKeys => WeekText.DayKeys;

    /// <summary>Region whose shipped holiday years apply (files <c>Calendars/{Region}-{year}.json</c>); empty for none.</summary>
    public string Region { get; set; } = "CN";

    /// <summary>
    /// Windows per weekday (<c>mon</c> … <c>sun</c>) as "HH:mm-HH:mm"; missing days are closed. Empty: Monday to
    /// Friday 09:00-12:00 and 13:00-18:00.
    /// </summary>
    public Dictionary<string, List<string>> Week { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra closed dates (company holidays), yyyy-MM-dd.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Extra worked weekend dates, yyyy-MM-dd; they use Monday's windows.</summary>
    public List<string> Workdays { get; set; } = [];

    /// <summary>Builds the calendar in <paramref name="zone"/>; throws when the options are invalid.</summary>
    public BusinessCalendar Build(TimeZoneInfo zone)
    {
        var years = string.IsNullOrEmpty(Region) ? [] : HolidayYear.Shipped(Region);
        return new BusinessCalendar(
            zone,
            ParseWeek(),
            years.SelectMany(y => y.Holidays).Concat(Holidays.Select(ParseDate)),
            years.SelectMany(y => y.Workdays).Concat(Workdays.Select(ParseDate)));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        if (!string.IsNullOrEmpty(Region) && HolidayYear.Shipped(Region).Count == 0)
        {
            errors.Add(new($"Business:Calendar:Region '{Region}' has no shipped holiday files (shipped: CN); use an empty value for none."));
        }

        try
        {
            if (ParseWeek().IsAlwaysClosed)
            {
                errors.Add(new("Business:Calendar:Week has no working window."));
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors.Add(new($"Business:Calendar:Week: {e.Message}"));
        }

        foreach (var text in Holidays.Concat(Workdays))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add(new($"Business:Calendar: '{text}' is not a yyyy-MM-dd date."));
            }
        }

        return errors;
    }

    private WorkingWeek ParseWeek() => Week.Count == 0 ? WorkingWeek.OfficeHours : WeekText.Parse(Week);

    private static DateOnly ParseDate(string text) =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
