namespace AfterSales.Domain.Time;

/// <summary>
/// Conversions between instants and the business-local calendar. Instants (<see cref="DateTimeOffset"/>)
/// say when something happened; local dates say which business day it belongs to. A local date
/// <c>d</c> covers the half-open interval [start of d, start of d+1) in the business time zone.
/// </summary>
public static class BusinessTime
{
    /// <summary>The business-local date that <paramref name="instant"/> falls on.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant the business-local <paramref name="date"/> begins.</summary>
    /// <remarks>
    /// If midnight does not exist that day (a daylight-saving gap), the day starts at the first valid
    /// local time after it; China has no daylight-saving time, so this only matters for other zones.
    /// </remarks>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
