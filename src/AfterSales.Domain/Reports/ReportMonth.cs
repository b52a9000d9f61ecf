using System.Globalization;

namespace AfterSales.Domain.Reports;

/// <summary>A calendar month of the business time zone (e.g. 2026-11), the unit of the monthly report.</summary>
/// <param name="Year">Four-digit year.</param>
/// <param name="Month">1-12.</param>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    /// <summary>The month before.</summary>
    public ReportMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    /// <summary>The month after.</summary>
    public ReportMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    /// <summary>The first instant of the month in <paramref name="zone"/>.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => Time.BusinessTime.StartOfDay(new DateOnly(Year, Month, 1), zone);

    /// <summary>The first instant after the month in <paramref name="zone"/> (months are half-open intervals).</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Next.Start(zone);

    /// <summary>The month <paramref name="instant"/> falls in, in <paramref name="zone"/>.</summary>
    public static ReportMonth Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = Time.BusinessTime.LocalDate(instant, zone);
        return new(date.Year, date.Month);
    }

    /// <summary>Reads <c>yyyy-MM</c>; false for anything else (years 2000-2999).</summary>
    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || year is < 2000 or > 2999 || m is < 1 or > 12)
        {
            return false;
        }

        month = new(year, m);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    /// <summary><c>yyyy-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
