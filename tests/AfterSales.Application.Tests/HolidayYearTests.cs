using AfterSales.Application.Calendars;

namespace AfterSales.Application.Tests;

public sealed class HolidayYearTests
{
    [Fact]
    public void Shipped_China_Has2025And2026_FromTheStateCouncilNotices()
    {
        var years = HolidayYear.Shipped("CN");

        Assert.Equal([2025, 2026], years.Select(y => y.Year).ToArray());
        Assert.All(years, y => Assert.Contains("国务院办公厅", y.Source, StringComparison.Ordinal));
    }

    // year | closed days in the notice | worked weekend days | a date to spot-check in each list
    [Theory]
    [InlineData(2025, 28, 5, "2025-01-28", "2025-02-08")]
    [InlineData(2026, 33, 6, "2026-02-23", "2026-02-28")]
    public void Shipped_China_YearsHaveTheNoticesDays(int year, int holidays, int workdays, string aHoliday, string aWorkday)
    {
        var data = HolidayYear.Shipped("CN").Single(y => y.Year == year);

        Assert.Equal(holidays, data.Holidays.Count);
        Assert.Equal(workdays, data.Workdays.Count);
        Assert.Contains(DateOnly.Parse(aHoliday, System.Globalization.CultureInfo.InvariantCulture), data.Holidays);
        Assert.Contains(DateOnly.Parse(aWorkday, System.Globalization.CultureInfo.InvariantCulture), data.Workdays);
        Assert.All(data.Workdays, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Theory]
    [InlineData("""{"region":"CN","year":2027,"source":"x","holidays":{"a":["2027-01-01..2026-12-30"]},"workdays":{}}""")]
    [InlineData("""{"region":"CN","year":2027,"source":"x","holidays":{"a":["2027-1-1"]},"workdays":{}}""")]
    [InlineData("""{"region":"CN","year":2027,"source":"x","holidays":{},"workdays":{"a":["2027-01-04"]}}""")]
    [InlineData("""{"region":"CN","year":2027,"source":"x","holidays":{"a":["2030-01-01"]},"workdays":{}}""")]
    public void Parse_BadYearFile_ThrowsNamingTheProblem(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<FormatException>(() => HolidayYear.Parse(stream, "CN-2027.json"));
        Assert.StartsWith("CN-2027.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CalendarOptions_Build_AppliesShippedYearsAndCompanyDates()
    {
        var options = new CalendarOptions { Holidays = ["2026-12-31"], Week = new() { ["mon"] = ["09:00-17:00"], ["sat"] = ["10:00-14:00"] } };

        var calendar = options.Build(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 31)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 11, 24)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData("mon", "09:00-25:00")]
    [InlineData("monday", "09:00-12:00")]
    [InlineData("mon", "0900-1200")]
    public void CalendarOptions_Validate_ReportsBadWeeks(string day, string window)
    {
        var options = new CalendarOptions { Week = new() { [day] = [window] } };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Business:Calendar:Week", StringComparison.Ordinal));
    }
}
