using AfterSales.Domain.Time;
using CsCheck;
using static AfterSales.Domain.Tests.Calendars;

namespace AfterSales.Domain.Tests;

/// <summary>Properties of business-time arithmetic, checked on random starts and durations (CsCheck).</summary>
public sealed class BusinessCalendarPropertyTests
{
    private static readonly DateTimeOffset Origin = At("2026-09-01T00:00:00+08:00");

    /// <summary>Instants over ~2 months around the 2026 holidays, to the minute, with a few seconds now and then.</summary>
    private static readonly Gen<DateTimeOffset> Start =
        Gen.Int[0, 60 * 24 * 60].Select(Gen.Int[0, 59], (m, s) => Origin.AddMinutes(m).AddSeconds(s % 7 == 0 ? s : 0));

    private static readonly Gen<TimeSpan> Minutes = Gen.Int[0, 5000].Select(m => TimeSpan.FromMinutes(m));

    private static readonly BusinessCalendar[] CalendarsUnderTest = [China2026, BerlinOffice];

    [Fact]
    public void Add_IsMonotonicInStart()
    {
        Gen.Select(Start, Start, Minutes).Sample((a, b, d) =>
        {
            var (early, late) = a <= b ? (a, b) : (b, a);
            foreach (var calendar in CalendarsUnderTest)
            {
                Assert.True(calendar.AddBusinessTime(early, d) <= calendar.AddBusinessTime(late, d));
            }
        });
    }

    [Fact]
    public void Add_IsMonotonicInDuration()
    {
        Gen.Select(Start, Minutes, Minutes).Sample((s, a, b) =>
        {
            var (small, large) = a <= b ? (a, b) : (b, a);
            foreach (var calendar in CalendarsUnderTest)
            {
                Assert.True(calendar.AddBusinessTime(s, small) <= calendar.AddBusinessTime(s, large));
            }
        });
    }

    [Fact]
    public void Add_APlusB_EqualsAddingAThenB()
    {
        Gen.Select(Start, Minutes, Minutes).Sample((s, a, b) =>
        {
            foreach (var calendar in CalendarsUnderTest)
            {
                Assert.Equal(calendar.AddBusinessTime(s, a + b), calendar.AddBusinessTime(calendar.AddBusinessTime(s, a), b));
            }
        });
    }

    [Fact]
    public void Add_NeverLandsInNonWorkingTime_ExceptOnAClosingBoundary()
    {
        Gen.Select(Start, Minutes).Sample((s, d) =>
        {
            foreach (var calendar in CalendarsUnderTest)
            {
                var deadline = calendar.AddBusinessTime(s, d);
                if (deadline == s && d == TimeSpan.Zero && !IsWorkingOrClosing(calendar, s))
                {
                    Assert.Fail("Zero from a non-working start must move to the next opening.");
                }

                Assert.True(IsWorkingOrClosing(calendar, deadline), $"{deadline:O} is inside non-working time (start {s:O}, +{d}).");
            }
        });
    }

    [Fact]
    public void BusinessTimeBetween_StartAndDeadline_IsTheBudget()
    {
        Gen.Select(Start, Minutes).Sample((s, d) =>
        {
            foreach (var calendar in CalendarsUnderTest)
            {
                Assert.Equal(d, calendar.BusinessTimeBetween(s, calendar.AddBusinessTime(s, d)));
            }
        });
    }

    [Fact]
    public void Add_AgreesWithMinuteByMinuteReference()
    {
        // The reference steps one minute at a time and counts a minute when it lies inside a window.
        Gen.Select(Gen.Int[0, 60 * 24 * 60].Select(m => Origin.AddMinutes(m)), Gen.Int[1, 1500]).Sample((s, minutes) =>
        {
            var cursor = s;
            for (var left = minutes; left > 0; cursor = cursor.AddMinutes(1))
            {
                if (IsWorking(China2026, cursor))
                {
                    left--;
                }
            }

            Assert.Equal(cursor, China2026.AddBusinessTime(s, TimeSpan.FromMinutes(minutes)));
        }, iter: 200);
    }

    [Fact]
    public void AddWorkingDays_IsMonotonicInDaysAndLandsOnAWorkingDay()
    {
        Gen.Select(Start, Gen.Int[0, 30], Gen.Bool).Sample((s, days, endOfDay) =>
        {
            var deadline = China2026.AddWorkingDays(s, days, endOfDay);
            Assert.True(China2026.AddWorkingDays(s, days + 1, endOfDay) > deadline);
            Assert.True(IsWorkingOrClosing(China2026, deadline));
        });
    }

    private static bool IsWorking(BusinessCalendar calendar, DateTimeOffset instant)
    {
        var date = calendar.LocalDate(instant);
        return calendar.WindowsOn(date).Any(w => instant >= calendar.ToInstant(date, w.Start) && instant < calendar.ToInstant(date, w.End));
    }

    private static bool IsWorkingOrClosing(BusinessCalendar calendar, DateTimeOffset instant)
    {
        var date = calendar.LocalDate(instant);
        return IsWorking(calendar, instant)
            || calendar.WindowsOn(date).Any(w => calendar.ToInstant(date, w.End) == instant)
            || calendar.WindowsOn(date.AddDays(-1)).Any(w => calendar.ToInstant(date.AddDays(-1), w.End) == instant);
    }
}
