using System.Globalization;

namespace AfterSales.Application;

/// <summary>Reads calendar dates from request text: <c>yyyy-MM-dd</c> within the same years as <see cref="IsoInstant"/>.</summary>
public static class IsoDate
{
    /// <summary>How the rule reads in a validation message.</summary>
    public const string Rule = "a date in the form yyyy-MM-dd, in the years 2000-2099";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= 2000 and < 2100;
}
