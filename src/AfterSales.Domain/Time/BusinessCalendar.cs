namespace AfterSales.Domain.Time;

/// <summary>
/// When the business works: a time zone, working windows per weekday (several a day, e.g. around a
/// lunch break), closed holidays and worked weekend days (调休), all given as data.
/// </summary>
/// <remarks>
/// <para>The policy, for every question this calendar answers:</para>
/// <list type="bullet">
/// <item>Business time runs only inside working windows, which are half-open: [opening, closing).</item>
/// <item>Counting from a moment outside the windows starts at the next opening.</item>
/// <item>When the budget runs out exactly at a closing time, the deadline is that closing time, not the next opening.</item>
/// <item>A holiday is closed all day; a worked weekend day (调休) uses Monday's windows. A holiday wins over a worked day.</item>
/// <item>
/// N working days: counting starts from the first working moment at or after the start; the deadline is
/// the same local time on the Nth working day after that moment's date. If that day's windows do not hold
/// that time, it moves to the next opening on that day, or to the day's closing time when it is later than
/// every window. With "end of day", the deadline is the closing time of the Nth working day.
/// </item>
/// <item>
/// Windows are local times: on a daylight-saving change day they are converted to instants one by one;
/// a local time that does not exist moves forward by the gap, an ambiguous one takes the earlier instant.
/// </item>
/// </list>
/// <para>Counting backwards ("3 working days before the visit") mirrors every rule:</para>
/// <list type="bullet">
/// <item>Counting back from a moment outside the windows starts at the previous closing.</item>
/// <item>When the budget runs out exactly at an opening time, the answer is that opening time, not the previous closing.</item>
/// <item>
/// N working days back: counting starts from the last working moment at or before the end; the answer is the same
/// local time on the Nth working day before that moment's date. If that day's windows do not hold that time, it moves
/// back to the latest closing before it on that day, or to the day's opening when it is earlier than every window.
/// </item>
/// </list>
/// <para>Every computation walks day by day, never minute by minute: its cost grows with the number of
/// calendar days crossed.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a calendar is searched for working time before it is declared always closed.</summary>
    public const int MaxDaysSearched = 3660;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    /// <summary>Creates a calendar.</summary>
    /// <exception cref="ArgumentException">The week has no working window at all.</exception>
    public BusinessCalendar(TimeZoneInfo zone, WorkingWeek week, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workdays)
    {
        if (week.IsAlwaysClosed)
        {
            throw new ArgumentException("A business calendar needs at least one working window in its week.", nameof(week));
        }

        Zone = zone;
        Week = week;
        _holidays = [.. holidays];
        _workdays = [.. workdays];
    }

    /// <summary>The business time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The regular working week.</summary>
    public WorkingWeek Week { get; }

    /// <summary>Closed dates.</summary>
    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>Weekend dates that are worked (调休), with Monday's windows.</summary>
    public IReadOnlySet<DateOnly> Workdays => _workdays;

    /// <summary>The working windows of a local date: none on a holiday, Monday's on a worked weekend day.</summary>
    public IReadOnlyList<WorkingWindow> WindowsOn(DateOnly date) =>
        _holidays.Contains(date) ? []
        : _workdays.Contains(date) ? Week[DayOfWeek.Monday]
        : Week[date.DayOfWeek];

    /// <summary>True when the date has any working window.</summary>
    public bool IsWorkingDay(DateOnly date) => WindowsOn(date).Count > 0;

    /// <summary>
    /// The instant <paramref name="amount"/> of business time after <paramref name="start"/>.
    /// With zero, the start itself when it is working time or a closing time, else the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var remaining = amount;
        foreach (var (open, close) in IntervalsFrom(start))
        {
            if (close < start)
            {
                continue;
            }

            var from = open > start ? open : start;
            var available = close - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
        }

        throw AlwaysClosed();
    }

    /// <summary>
    /// The latest instant from which <paramref name="amount"/> of business time runs out at <paramref name="end"/>: business
    /// time counted backwards. With zero, the end itself when it is working time or an opening time, else the previous closing.
    /// </summary>
    public DateTimeOffset SubtractBusinessTime(DateTimeOffset end, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var remaining = amount;
        foreach (var (open, close) in IntervalsBefore(end))
        {
            if (open > end)
            {
                continue;
            }

            var to = close < end ? close : end;
            var available = to - open;
            if (remaining <= available)
            {
                return to - remaining;
            }

            remaining -= available;
        }

        throw AlwaysClosed();
    }

    /// <summary>The last working instant at or before <paramref name="instant"/> (an opening time is not working time before it).</summary>
    public DateTimeOffset PreviousWorkingInstant(DateTimeOffset instant)
    {
        foreach (var (open, close) in IntervalsBefore(instant))
        {
            if (open < instant)
            {
                return close < instant ? close : instant;
            }
        }

        throw AlwaysClosed();
    }

    /// <summary>
    /// N working days before <paramref name="end"/>: the same local time on the Nth working day before the date of the
    /// last working moment at or before the end (see the class remarks for the edge cases).
    /// </summary>
    public DateTimeOffset SubtractWorkingDays(DateTimeOffset end, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var from = PreviousWorkingInstant(end);
        var local = TimeZoneInfo.ConvertTime(from, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = local.TimeOfDay;
        if (time == TimeSpan.Zero)
        {
            // Working time before midnight ends at the previous day's 24:00 (no window opens before 00:00).
            (date, time) = (date.AddDays(-1), TimeSpan.FromDays(1));
        }

        for (var found = 0; found < days;)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date))
            {
                found++;
            }
        }

        var windows = WindowsOn(date);
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            if (time > windows[i].Start)
            {
                return ToInstant(date, time < windows[i].End ? time : windows[i].End);
            }
        }

        return ToInstant(date, windows[0].Start);
    }

    /// <summary>
    /// Moves <paramref name="instant"/> by an allowance: forwards as <see cref="Add"/>, or backwards when
    /// <paramref name="backwards"/> (working days as <see cref="SubtractWorkingDays"/>, a duration as <see cref="SubtractBusinessTime"/>).
    /// </summary>
    public DateTimeOffset Move(DateTimeOffset instant, TimeAllowance allowance, bool backwards) => !backwards ? Add(instant, allowance)
        : allowance.IsWorkingDays ? SubtractWorkingDays(instant, allowance.WorkingDays)
        : SubtractBusinessTime(instant, allowance.Duration);

    /// <summary>The business time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -BusinessTimeBetween(to, from);
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in IntervalsFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            var start = open > from ? open : from;
            var end = close < to ? close : to;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>The first working instant at or after <paramref name="instant"/> (a closing time is not working time).</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset instant)
    {
        foreach (var (open, close) in IntervalsFrom(instant))
        {
            if (close > instant)
            {
                return open > instant ? open : instant;
            }
        }

        throw AlwaysClosed();
    }

    /// <summary>
    /// N working days after <paramref name="start"/>: the same local time on the Nth working day after
    /// the date of the first working moment at or after the start (see the class remarks for the edge cases),
    /// or with <paramref name="endOfDay"/> the closing time of that day.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days, bool endOfDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var from = NextWorkingInstant(start);
        var local = TimeZoneInfo.ConvertTime(from, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var found = 0; found < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                found++;
            }
        }

        var windows = WindowsOn(date);
        if (endOfDay)
        {
            return ToInstant(date, windows[^1].End);
        }

        var time = local.TimeOfDay;
        foreach (var window in windows)
        {
            if (time < window.End)
            {
                return ToInstant(date, time > window.Start ? time : window.Start);
            }
        }

        return ToInstant(date, windows[^1].End);
    }

    /// <summary>Adds an allowance: a duration as business time, working days as <see cref="AddWorkingDays"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeAllowance allowance) => allowance.IsWorkingDays
        ? AddWorkingDays(start, allowance.WorkingDays, allowance.EndOfDay)
        : AddBusinessTime(start, allowance.Duration);

    /// <summary>
    /// The business time an allowance grants from <paramref name="start"/>: the duration itself, or for
    /// working days the business time between the start and the deadline they give.
    /// </summary>
    public TimeSpan BusinessTimeOf(DateTimeOffset start, TimeAllowance allowance) => allowance.IsWorkingDays
        ? BusinessTimeBetween(start, AddWorkingDays(start, allowance.WorkingDays, allowance.EndOfDay))
        : allowance.Duration;

    /// <summary>The local date <paramref name="instant"/> falls on, in this calendar's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => BusinessTime.LocalDate(instant, Zone);

    /// <summary>
    /// The instant of a local date and time of day (up to 24:00) in this zone: a time inside a
    /// daylight-saving gap moves forward by the gap; an ambiguous time takes the earlier instant.
    /// </summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        if (Zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }

        if (Zone.IsInvalidTime(local))
        {
            // Read the wall clock with the offset in force just before the gap: 02:30 in a 02:00-03:00
            // spring-forward gap at +01:00 is 01:30Z, shown afterwards as 03:30 at +02:00.
            var before = Zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToOffset(Zone.GetUtcOffset(new DateTimeOffset(local, before)));
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>Working intervals as instants, in order, from the start of the local date of <paramref name="from"/>.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> IntervalsFrom(DateTimeOffset from)
    {
        var date = LocalDate(from);
        for (var day = 0; day < MaxDaysSearched; day++, date = date.AddDays(1))
        {
            foreach (var window in WindowsOn(date))
            {
                var open = ToInstant(date, window.Start);
                var close = ToInstant(date, window.End);
                if (close > open)
                {
                    yield return (open, close);
                }
            }
        }
    }

    /// <summary>Working intervals as instants, latest first, from the end of the local date of <paramref name="to"/> backwards.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> IntervalsBefore(DateTimeOffset to)
    {
        var date = LocalDate(to);
        for (var day = 0; day < MaxDaysSearched; day++, date = date.AddDays(-1))
        {
            var windows = WindowsOn(date);
            for (var i = windows.Count - 1; i >= 0; i--)
            {
                var open = ToInstant(date, windows[i].Start);
                var close = ToInstant(date, windows[i].End);
                if (close > open)
                {
                    yield return (open, close);
                }
            }
        }
    }

    private static InvalidOperationException AlwaysClosed() =>
        new($"The calendar has no working time in the next {MaxDaysSearched} days.");
}
