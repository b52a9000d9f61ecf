using System.Globalization;

namespace AfterSales.Application;

/// <summary>
/// Reads instants from request text: a date and time with an explicit offset (or Z), never a local time, and
/// never outside <see cref="Earliest"/>..<see cref="Latest"/> — so that no deadline arithmetic on an accepted
/// instant can leave the calendar.
/// </summary>
public static class IsoInstant
{
    /// <summary>The first instant the API accepts.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The instant the API's range ends at (exclusive).</summary>
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How the rule reads in a validation message.</summary>
    public const string Rule = "a date and time with its offset, in the years 2000-2099";

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
            && HasExplicitOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && instant >= Earliest && instant < Latest;
    }

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
