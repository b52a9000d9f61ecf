using AfterSales.Domain.Time;

namespace AfterSales.Domain.Tests;

public class BusinessTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-11-23T15:59:59.999Z", "2026-11-23")] // 23:59:59.999 in Shanghai: still the 23rd
    [InlineData("2026-11-23T16:00:00Z", "2026-11-24")] // midnight in Shanghai: the 24th begins (half-open)
    [InlineData("2026-12-31T16:30:00Z", "2027-01-01")] // a new year in China while it is still 2026 in UTC
    public void LocalDate_UsesTheBusinessZone(string instant, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessTime.LocalDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Shanghai));
    }

    [Fact]
    public void StartOfDay_IsLocalMidnight()
    {
        var start = BusinessTime.StartOfDay(new DateOnly(2026, 11, 24), Shanghai);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void StartOfDay_MidnightInADaylightSavingGap_IsTheFirstValidTime()
    {
        // Santiago (Chile) skips 00:00-01:00 when daylight-saving time starts: 2026-09-06.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var start = BusinessTime.StartOfDay(new DateOnly(2026, 9, 6), santiago);
        Assert.Equal(new DateOnly(2026, 9, 6), BusinessTime.LocalDate(start, santiago));
        Assert.Equal(1, TimeZoneInfo.ConvertTime(start, santiago).Hour);
    }
}
