using AfterSales.Domain.Time;
using static AfterSales.Domain.Tests.Calendars;

namespace AfterSales.Domain.Tests;

public sealed class BusinessCalendarTests
{
    // what it exercises | start | business minutes | expected deadline
    public static TheoryData<string, string, int, string> MinuteCases => new()
    {
        { "inside one window", "2026-11-23T10:00:00+08:00", 60, "2026-11-23T11:00:00+08:00" },
        { "lunch break is skipped", "2026-11-23T11:30:00+08:00", 60, "2026-11-23T13:30:00+08:00" },
        { "start during lunch counts from 13:00", "2026-11-23T12:15:00+08:00", 30, "2026-11-23T13:30:00+08:00" },
        { "start before opening counts from 09:00", "2026-11-23T07:00:00+08:00", 30, "2026-11-23T09:30:00+08:00" },
        { "start after closing counts from next opening", "2026-11-23T19:00:00+08:00", 30, "2026-11-24T09:30:00+08:00" },
        { "budget ends exactly at closing: deadline is the closing time", "2026-09-30T16:30:00+08:00", 90, "2026-09-30T18:00:00+08:00" },
        { "budget ends exactly at lunch closing", "2026-11-23T11:00:00+08:00", 60, "2026-11-23T12:00:00+08:00" },
        { "one minute past closing goes to the next day", "2026-09-30T16:30:00+08:00", 91, "2026-10-08T09:01:00+08:00" },
        { "weekend is skipped", "2026-11-27T17:00:00+08:00", 120, "2026-11-30T10:00:00+08:00" },
        { "National Day holiday week is skipped", "2026-09-30T17:00:00+08:00", 120, "2026-10-08T10:00:00+08:00" },
        { "调休 Saturday is worked with Monday's windows", "2026-10-09T17:00:00+08:00", 120, "2026-10-10T10:00:00+08:00" },
        { "调休 Sunday before Mid-Autumn is worked", "2026-09-19T10:00:00+08:00", 60, "2026-09-20T10:00:00+08:00" },
        { "Mid-Autumn holiday Friday is closed", "2026-09-24T17:00:00+08:00", 120, "2026-09-28T10:00:00+08:00" },
        { "zero from outside hours is the next opening", "2026-11-28T10:00:00+08:00", 0, "2026-11-30T09:00:00+08:00" },
        { "zero at a closing time stays there", "2026-11-23T18:00:00+08:00", 0, "2026-11-23T18:00:00+08:00" },
        { "start given in UTC is read in business time", "2026-11-23T02:00:00Z", 60, "2026-11-23T11:00:00+08:00" },
        { "a full working day is 8 hours", "2026-11-23T09:00:00+08:00", 480, "2026-11-23T18:00:00+08:00" },
        { "long span: 200 working days of 8 hours", "2026-01-05T09:00:00+08:00", 200 * 480, "2026-10-15T18:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(MinuteCases))]
    public void AddBusinessTime_China2026(string exercises, string start, int minutes, string expected)
    {
        var deadline = China2026.AddBusinessTime(At(start), TimeSpan.FromMinutes(minutes));
        Assert.True(At(expected) == deadline, $"{exercises}: expected {expected}, got {deadline:O}");
    }

    // what it exercises | start | working days | end of day | expected deadline
    public static TheoryData<string, string, int, bool, string> WorkingDayCases => new()
    {
        { "same local time three working days later", "2026-11-23T10:00:00+08:00", 3, false, "2026-11-26T10:00:00+08:00" },
        { "over a weekend", "2026-11-27T15:00:00+08:00", 1, false, "2026-11-30T15:00:00+08:00" },
        { "over the National Day week", "2026-09-30T16:30:00+08:00", 1, false, "2026-10-08T16:30:00+08:00" },
        { "onto a 调休 Saturday", "2026-10-09T10:00:00+08:00", 1, false, "2026-10-10T10:00:00+08:00" },
        { "end of day: closing of the third working day", "2026-11-23T10:00:00+08:00", 3, true, "2026-11-26T18:00:00+08:00" },
        { "start after closing counts from the next opening", "2026-11-23T19:00:00+08:00", 1, false, "2026-11-25T09:00:00+08:00" },
        { "start on a Saturday counts from Monday's opening", "2026-11-28T10:00:00+08:00", 3, false, "2026-12-03T09:00:00+08:00" },
        { "start during lunch counts from 13:00", "2026-11-23T12:30:00+08:00", 1, false, "2026-11-24T13:00:00+08:00" },
        { "zero days with end of day: today's closing", "2026-11-23T10:00:00+08:00", 0, true, "2026-11-23T18:00:00+08:00" },
        { "five working days across a holiday and its 调休", "2026-09-29T11:00:00+08:00", 5, false, "2026-10-12T11:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(WorkingDayCases))]
    public void AddWorkingDays_China2026(string exercises, string start, int days, bool endOfDay, string expected)
    {
        var deadline = China2026.AddWorkingDays(At(start), days, endOfDay);
        Assert.True(At(expected) == deadline, $"{exercises}: expected {expected}, got {deadline:O}");
    }

    // what it exercises | calendar | start | minutes | expected (with the offset in force then)
    public static TheoryData<string, string, string, int, string> DaylightSavingCases => new()
    {
        { "office hours across the spring change (CET to CEST)", "office", "2026-03-27T17:00:00+01:00", 120, "2026-03-30T10:00:00+02:00" },
        { "office hours across the autumn change (CEST to CET)", "office", "2026-10-23T17:00:00+02:00", 120, "2026-10-26T10:00:00+01:00" },
        { "always open through the spring gap: 3 real hours", "always", "2026-03-28T23:00:00+01:00", 180, "2026-03-29T03:00:00+02:00" },
        { "always open through the autumn overlap: 3 real hours", "always", "2026-10-24T23:00:00+02:00", 180, "2026-10-25T02:00:00+02:00" },
        { "the repeated autumn hour counts twice", "always", "2026-10-25T01:00:00+02:00", 120, "2026-10-25T02:00:00+01:00" },
    };

    [Theory]
    [MemberData(nameof(DaylightSavingCases))]
    public void AddBusinessTime_EuropeBerlin(string exercises, string calendar, string start, int minutes, string expected)
    {
        var cal = calendar == "office" ? BerlinOffice : BerlinAlwaysOpen;
        var deadline = cal.AddBusinessTime(At(start), TimeSpan.FromMinutes(minutes));
        Assert.True(At(expected) == deadline, $"{exercises}: expected {expected}, got {deadline:O}");
        Assert.Equal(At(expected).Offset, TimeZoneInfo.ConvertTime(deadline, Berlin).Offset);
    }

    [Fact]
    public void WindowOpeningInsideTheSpringGap_OpensWhenTheClockJumps()
    {
        // A Sunday window 02:30-05:00 on 29 March 2026: 02:30 does not exist in Berlin; it opens at 03:30 CEST.
        var week = new WorkingWeek(new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>
        {
            [DayOfWeek.Sunday] = [new WorkingWindow(new TimeSpan(2, 30, 0), TimeSpan.FromHours(5))],
        });
        var calendar = new BusinessCalendar(Berlin, week, [], []);

        Assert.Equal(At("2026-03-29T04:30:00+02:00"), calendar.AddBusinessTime(At("2026-03-29T00:00:00+01:00"), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(90), calendar.BusinessTimeBetween(At("2026-03-29T00:00:00+01:00"), At("2026-03-29T12:00:00+02:00")));
    }

    [Fact]
    public void BusinessTimeBetween_CountsOnlyWorkingWindows_AndIsSignedWhenReversed()
    {
        var from = At("2026-09-30T16:30:00+08:00");
        var to = At("2026-10-08T10:00:00+08:00");

        Assert.Equal(TimeSpan.FromMinutes(90 + 60), China2026.BusinessTimeBetween(from, to));
        Assert.Equal(TimeSpan.FromMinutes(-150), China2026.BusinessTimeBetween(to, from));
    }

    [Fact]
    public void EndOfDayWindow_2400_ClosesAtMidnight()
    {
        var week = WorkingWeek.Weekdays(new WorkingWindow(TimeSpan.FromHours(20), TimeSpan.FromDays(1)));
        var calendar = new BusinessCalendar(Shanghai, week, [], []);

        Assert.Equal(At("2026-11-24T00:00:00+08:00"), calendar.AddBusinessTime(At("2026-11-23T21:00:00+08:00"), TimeSpan.FromHours(3)));
        Assert.Equal(At("2026-11-24T21:00:00+08:00"), calendar.AddBusinessTime(At("2026-11-23T21:00:00+08:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void WindowsOn_HolidayWinsOverWorkday_AndWorkdayUsesMondaysWindows()
    {
        var both = new DateOnly(2026, 10, 10);
        var calendar = new BusinessCalendar(Shanghai, WorkingWeek.OfficeHours, [both], [both]);

        Assert.Empty(calendar.WindowsOn(both));
        Assert.Equal(WorkingWeek.OfficeHours[DayOfWeek.Monday], China2026.WindowsOn(both));
        Assert.Empty(China2026.WindowsOn(new DateOnly(2026, 10, 11)));
    }

    [Fact]
    public void Construct_WeekWithoutWindows_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Shanghai, new WorkingWeek(new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>()), [], []));
    }

    [Fact]
    public void WorkingWeek_OverlappingWindows_Throws()
    {
        Assert.Throws<ArgumentException>(() => WorkingWeek.Weekdays(
            new WorkingWindow(TimeSpan.FromHours(9), TimeSpan.FromHours(12)),
            new WorkingWindow(TimeSpan.FromHours(11), TimeSpan.FromHours(18))));
    }

    [Theory]
    [InlineData("09:00", "12:00", true)]
    [InlineData("13:00", "24:00", true)]
    [InlineData("00:00", "24:00", true)]
    [InlineData("12:00", "09:00", false)]
    [InlineData("09:00", "09:00", false)]
    [InlineData("24:00", "24:00", false)]
    [InlineData("9:00", "12:00", false)]
    [InlineData("09:60", "12:00", false)]
    [InlineData("24:30", "12:00", false)]
    [InlineData("ab:cd", "12:00", false)]
    public void WorkingWindow_TryParse(string start, string end, bool valid)
    {
        Assert.Equal(valid, WorkingWindow.TryParse(start, end) is not null);
    }
}
