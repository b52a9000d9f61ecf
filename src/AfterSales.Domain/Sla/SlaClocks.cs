using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Domain.Sla;

/// <summary>
/// Clock arithmetic against a business calendar: starting, pausing, resuming, stopping, replanning
/// and reading clocks. Pure; the instant is always a parameter.
/// </summary>
public sealed class SlaClocks(SlaPolicy policy, BusinessCalendar calendar)
{
    /// <summary>The policy the clocks run against.</summary>
    public SlaPolicy Policy { get; } = policy;

    /// <summary>The calendar business time is counted on.</summary>
    public BusinessCalendar Calendar { get; } = calendar;

    /// <summary>A new clock for <paramref name="target"/>, started at <paramref name="at"/>.</summary>
    public SlaClock Start(SlaTarget target, DateTimeOffset at, int round)
    {
        var budget = target.Measure == ClockMeasure.Business ? Calendar.BusinessTimeOf(at, target.Allowance) : target.Allowance.Duration;
        return Plan(new SlaClock
        {
            Target = target.Name,
            Kind = target.Kind,
            Measure = target.Measure,
            Allowance = target.Allowance,
            Budget = budget,
            WarningRatio = target.WarningRatio,
            ManagerAfterRatio = target.ManagerAfterRatio,
            Apology = target.Apology,
            NewPromiseRatio = target.NewPromiseRatio,
            ReminderRatio = target.ReminderRatio,
            PausedBy = target.PausedBy,
            Round = round,
            StartedAt = at,
        });
    }

    /// <summary>Stops a clock at <paramref name="at"/>: met when no budget was overdrawn, else breached.</summary>
    public SlaClock Stop(SlaClock clock, DateTimeOffset at, ClockOutcome? outcome = null)
    {
        var closed = ClosePause(clock, at);
        var result = outcome ?? (Read(closed, at).Remaining >= TimeSpan.Zero ? ClockOutcome.Met : ClockOutcome.Breached);
        return closed with { StoppedAt = at, Outcome = result, WarningAt = null, RemindAt = null };
    }

    /// <summary>Pauses a running clock.</summary>
    public SlaClock Pause(SlaClock clock, DateTimeOffset at, TicketStatus status) =>
        clock with { Pauses = [.. clock.Pauses, new ClockPause(at, null, status)], DueAt = null, WarningAt = null, RemindAt = null };

    /// <summary>Resumes a paused clock; its deadline moves by the pause.</summary>
    public SlaClock Resume(SlaClock clock, DateTimeOffset at) => Plan(ClosePause(clock, at));

    /// <summary>Moves a clock to another target, keeping its start and pauses.</summary>
    public SlaClock Replan(SlaClock clock, SlaTarget target)
    {
        var fresh = Start(target, clock.StartedAt, clock.Round);
        var moved = fresh with { Pauses = clock.Pauses };
        return clock.IsPaused ? moved with { DueAt = null, WarningAt = null, RemindAt = null } : Plan(moved);
    }

    /// <summary>Reads a clock at <paramref name="now"/> (or at its stop, if it stopped before).</summary>
    public ClockReading Read(SlaClock clock, DateTimeOffset now)
    {
        var at = clock.StoppedAt ?? (clock.IsPaused ? clock.Pauses[^1].From : now);
        var paused = clock.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + Between(clock.Measure, p.From, p.To ?? at));
        var used = Between(clock.Measure, clock.StartedAt, at) - paused;
        var remaining = clock.Budget - used;
        var state = clock.Outcome switch
        {
            ClockOutcome.Met => ClockState.Met,
            ClockOutcome.Breached => ClockState.Breached,
            ClockOutcome.Cancelled or ClockOutcome.Withdrawn => ClockState.NotCounted,
            _ when remaining < TimeSpan.Zero => ClockState.Breached,
            _ when clock.IsPaused => ClockState.Paused,
            _ when used >= clock.Budget * clock.WarningRatio => ClockState.AtRisk,
            _ => ClockState.Running,
        };
        return new ClockReading(clock, state, used, remaining, paused);
    }

    /// <summary>When a running clock's breach goes on to the service manager (escalation level 2); null while paused or stopped.</summary>
    public DateTimeOffset? ManagerAt(SlaClock clock) =>
        clock.IsActive && clock.DueAt is { } due ? Add(clock.Measure, due, clock.Budget * clock.ManagerAfterRatio) : null;

    /// <summary>The new expected time an apology at <paramref name="breachAt"/> promises.</summary>
    public DateTimeOffset NewPromise(SlaClock clock, DateTimeOffset breachAt) =>
        Add(clock.Measure, breachAt, clock.Budget * clock.NewPromiseRatio);

    /// <summary>Time between two instants in a measure.</summary>
    public TimeSpan Between(ClockMeasure measure, DateTimeOffset from, DateTimeOffset to) =>
        measure == ClockMeasure.Business ? Calendar.BusinessTimeBetween(from, to) : to - from;

    private DateTimeOffset Add(ClockMeasure measure, DateTimeOffset from, TimeSpan amount) =>
        measure == ClockMeasure.Business ? Calendar.AddBusinessTime(from, amount) : from + amount;

    private SlaClock Plan(SlaClock clock)
    {
        var paused = clock.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + Between(clock.Measure, p.From, p.To!.Value));
        return clock with
        {
            DueAt = Add(clock.Measure, clock.StartedAt, clock.Budget + paused),
            WarningAt = Add(clock.Measure, clock.StartedAt, (clock.Budget * clock.WarningRatio) + paused),
            RemindAt = clock.ReminderRatio is { } remind ? Add(clock.Measure, clock.StartedAt, (clock.Budget * remind) + paused) : null,
        };
    }

    private static SlaClock ClosePause(SlaClock clock, DateTimeOffset at) => clock.IsPaused
        ? clock with { Pauses = [.. clock.Pauses.Take(clock.Pauses.Count - 1), clock.Pauses[^1] with { To = at }] }
        : clock;

    /// <summary>The milestones that start clocks of a kind; see <see cref="SlaKinds"/>.</summary>
    internal static bool Starts(SlaKind kind, Milestone milestone) => SlaKinds.StartsAt(kind).Contains(milestone);
}
