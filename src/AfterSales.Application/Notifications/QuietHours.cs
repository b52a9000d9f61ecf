using System.Globalization;

namespace AfterSales.Application.Notifications;

/// <summary>
/// A daily stretch of business-local time (<c>21:00-08:00</c>, may cross midnight) in which proactive
/// messages are not sent; they wait for its end.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>No quiet hours.</summary>
    public static QuietHours None { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>True when nothing is quiet.</summary>
    public bool IsNone => Start == End;

    /// <summary>Reads <c>HH:mm-HH:mm</c>; an empty text means none. Null when the text is not in that form.</summary>
    public static QuietHours? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var parts = text.Split('-');
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                ? new QuietHours(start, end)
                : null;
    }

    /// <summary>True when <paramref name="local"/> falls in the quiet stretch [start, end).</summary>
    public bool Contains(TimeOnly local) => !IsNone && (Start < End
        ? local >= Start && local < End
        : local >= Start || local < End);

    /// <summary>The first instant at or after <paramref name="instant"/> outside the quiet stretch, in <paramref name="zone"/>.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time))
        {
            return instant;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var endDay = Start < End || time < End ? day : day.AddDays(1);
        var endLocal = endDay.ToDateTime(End);
        // A quiet end that falls in a daylight-saving gap does not exist; the next valid minute does.
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(1);
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    public override string ToString() => IsNone ? string.Empty : $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
