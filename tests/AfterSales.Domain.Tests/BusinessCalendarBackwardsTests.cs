using AfterSales.Domain.Time;
using CsCheck;
using static AfterSales.Domain.Tests.Calendars;

namespace AfterSales.Domain.Tests;

/// <summary>Counting backwards over the same calendar: "3 working days before the visit, when must the part be ordered?"</summary>
public sealed class BusinessCalendarBackwardsTests
{
    // what it exercises | end | business minutes back | expected start
    public static TheoryData<string, string, int, string> MinuteCases => new()
    {
        { "inside one window", "2026-11-23T11:00:00+08:00", 60, "2026-11-23T10:00:00+08:00" },
        { "lunch break is skipped", "2026-11-23T13:30:00+08:00", 60, "2026-11-23T11:30:00+08:00" },
        { "end during lunch counts back from 12:00", "2026-11-23T12:45:00+08:00", 30, "2026-11-23T11:30:00+08:00" },
        { "end after closing counts back from 18:00", "2026-11-23T21:00:00+08:00", 30, "2026-11-23T17:30:00+08:00" },
        { "end before opening counts back from the previous closing", "2026-11-24T07:00:00+08:00", 30, "2026-11-23T17:30:00+08:00" },
        { "budget ends exactly at an opening: that opening", "2026-11-23T10:00:00+08:00", 60, "2026-11-23T09:00:00+08:00" },
        { "budget ends exactly at the afternoon opening", "2026-11-23T14:00:00+08:00", 60, "2026-11-23T13:00:00+08:00" },
        { "one minute more goes to the previous day", "2026-11-23T10:00:00+08:00", 61, "2026-11-20T17:59:00+08:00" },
        { "weekend is skipped", "2026-11-30T10:00:00+08:00", 120, "2026-11-27T17:00:00+08:00" },
        { "National Day holiday week is skipped", "2026-10-08T10:00:00+08:00", 120, "2026-09-30T17:00:00+08:00" },
        { "调休 Saturday is worked with Monday's windows", "2026-10-10T10:00:00+08:00", 120, "2026-10-09T17:00:00+08:00" },
        { "Mid-Autumn holiday Friday is closed", "2026-09-28T10:00:00+08:00", 120, "2026-09-24T17:00:00+08:00" },
        { "zero from outside hours is the previous closing", "2026-11-28T10:00:00+08:00", 0, "2026-11-27T18:00:00+08:00" },
        { "zero at an opening stays there", "2026-11-23T09:00:00+08:00", 0, "2026-11-23T09:00:00+08:00" },
        { "a full working day is 8 hours", "2026-11-23T18:00:00+08:00", 480, "2026-11-23T09:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(MinuteCases))]
    public void SubtractBusinessTime_China2026(string exercises, string end, int minutes, string expected)
    {
        var start = China2026.SubtractBusinessTime(At(end), TimeSpan.FromMinutes(minutes));
        Assert.True(At(expected) == start, $"{exercises}: expected {expected}, got {start:O}");
    }

    // what it exercises | end | working days back | expected
    public static TheoryData<string, string, int, string> WorkingDayCases => new()
    {
        { "same local time three working days earlier", "2026-11-26T10:00:00+08:00", 3, "2026-11-23T10:00:00+08:00" },
        { "over a weekend", "2026-11-30T15:00:00+08:00", 1, "2026-11-27T15:00:00+08:00" },
        { "over the National Day week", "2026-10-08T16:30:00+08:00", 1, "2026-09-30T16:30:00+08:00" },
        { "from a 调休 Saturday", "2026-10-10T10:00:00+08:00", 1, "2026-10-09T10:00:00+08:00" },
        { "end before opening counts back from the previous closing", "2026-11-25T08:00:00+08:00", 1, "2026-11-23T18:00:00+08:00" },
        { "end on a Sunday counts back from Friday's closing", "2026-11-29T10:00:00+08:00", 3, "2026-11-24T18:00:00+08:00" },
        { "end during lunch counts back from 12:00", "2026-11-24T12:30:00+08:00", 1, "2026-11-23T12:00:00+08:00" },
        { "zero days inside hours: the end itself", "2026-11-23T10:00:00+08:00", 0, "2026-11-23T10:00:00+08:00" },
        { "five working days back across a holiday and its 调休", "2026-10-12T11:00:00+08:00", 5, "2026-09-29T11:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(WorkingDayCases))]
    public void SubtractWorkingDays_China2026(string exercises, string end, int days, string expected)
    {
        var start = China2026.SubtractWorkingDays(At(end), days);
        Assert.True(At(expected) == start, $"{exercises}: expected {expected}, got {start:O}");
    }

    [Fact]
    public void SubtractWorkingDays_FromMidnight_CountsFromThePreviousDaysEnd_AndAddingGoesBack()
    {
        // Midnight is the 22nd's 24:00: two days before it is the 20th's 24:00, and two days after that is midnight again.
        var back = BerlinAlwaysOpen.SubtractWorkingDays(At("2026-11-23T00:00:00+01:00"), 2);
        Assert.Equal(At("2026-11-21T00:00:00+01:00"), back);
        Assert.Equal(At("2026-11-23T00:00:00+01:00"), BerlinAlwaysOpen.AddWorkingDays(back, 2, endOfDay: false));
    }

    [Fact]
    public void SubtractBusinessTime_UndoesAdd_AndGivesBackTheBusinessTimeBetween()
    {
        var origin = At("2026-09-01T00:00:00+08:00");
        Gen.Select(Gen.Int[0, 60 * 24 * 60], Gen.Int[1, 5000]).Sample((m, minutes) =>
        {
            foreach (var calendar in new[] { China2026, BerlinOffice })
            {
                var start = origin.AddMinutes(m);
                var amount = TimeSpan.FromMinutes(minutes);
                var deadline = calendar.AddBusinessTime(start, amount);
                var back = calendar.SubtractBusinessTime(deadline, amount);
                // Back lands on the latest instant with that much business time to the deadline: the start moved to working time.
                Assert.Equal(amount, calendar.BusinessTimeBetween(back, deadline));
                Assert.True(back >= start, $"{start:O} + {minutes} min = {deadline:O}, back {back:O}");
                Assert.Equal(calendar.AddBusinessTime(back, amount), deadline);
            }
        });
    }

    [Fact]
    public void Move_Backwards_ChoosesTheBackwardRuleForEachKindOfAllowance()
    {
        var end = At("2026-11-26T10:00:00+08:00");
        Assert.Equal(At("2026-11-23T10:00:00+08:00"), China2026.Move(end, TimeAllowance.Days(3), backwards: true));
        Assert.Equal(At("2026-11-25T17:00:00+08:00"), China2026.Move(end, TimeAllowance.Hours(2), backwards: true));
        Assert.Equal(China2026.Add(end, TimeAllowance.Hours(2)), China2026.Move(end, TimeAllowance.Hours(2), backwards: false));
    }
}
