using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Domain.Sla;

/// <summary>A stretch of time a clock stood still; open while <see cref="To"/> is null.</summary>
public sealed record ClockPause(DateTimeOffset From, DateTimeOffset? To, TicketStatus Status);

/// <summary>How a stopped clock ended.</summary>
public enum ClockOutcome
{
    /// <summary>Stopped in time.</summary>
    Met,
    /// <summary>Stopped late.</summary>
    Breached,
    /// <summary>The ticket was cancelled; not counted.</summary>
    Cancelled,
    /// <summary>After a reclassification no target of this kind applies; not counted.</summary>
    Withdrawn,
}

/// <summary>
/// One SLA clock on a ticket: a promise of <see cref="Target"/> that started at <see cref="StartedAt"/>
/// with a <see cref="Budget"/> of elapsed or business time, standing still during <see cref="Pauses"/>.
/// </summary>
/// <remarks>
/// Time used at instant t = measure(start, t) − measure of the closed pauses before t; remaining =
/// budget − used; due = start + budget + paused time, counted in the clock's measure. A clock is met
/// when it stops with remaining ≥ 0 (stopping exactly at the due instant is in time).
/// </remarks>
public sealed record SlaClock
{
    /// <summary>Name of the target it runs against.</summary>
    public required string Target { get; init; }

    /// <summary>What the promise is about.</summary>
    public required SlaKind Kind { get; init; }

    /// <summary>Elapsed or business time.</summary>
    public required ClockMeasure Measure { get; init; }

    /// <summary>The target's allowance, as configured (e.g. 3 working days).</summary>
    public required TimeAllowance Allowance { get; init; }

    /// <summary>The allowance as an amount of the clock's measure, fixed at the start.</summary>
    public required TimeSpan Budget { get; init; }

    /// <summary>Share of the budget after which the clock is at risk.</summary>
    public required double WarningRatio { get; init; }

    /// <summary>Escalation level 2 comes this share of the budget after the deadline.</summary>
    public double ManagerAfterRatio { get; init; } = SlaTarget.DefaultManagerAfterRatio;

    /// <summary>True when a breach sends the customer an apology.</summary>
    public bool Apology { get; init; }

    /// <summary>The apology promises completion this share of the budget after the breach.</summary>
    public double NewPromiseRatio { get; init; } = SlaTarget.DefaultNewPromiseRatio;

    /// <summary>For a clock the customer must stop: the share of the budget after which they are reminded; null for none.</summary>
    public double? ReminderRatio { get; init; }

    /// <summary>Statuses that stop the clock.</summary>
    public required IReadOnlyList<TicketStatus> PausedBy { get; init; }

    /// <summary>Handling round (1, then 2 after the first reopening, …).</summary>
    public required int Round { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Pauses so far, oldest first; the last one is open while paused.</summary>
    public IReadOnlyList<ClockPause> Pauses { get; init; } = [];

    /// <summary>The deadline while running; null while paused (it moves by the length of the pause).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the clock becomes at risk, while running.</summary>
    public DateTimeOffset? WarningAt { get; init; }

    /// <summary>When the customer is reminded, while running (only clocks with a <see cref="ReminderRatio"/>).</summary>
    public DateTimeOffset? RemindAt { get; init; }

    /// <summary>When it stopped; null while it runs or is paused.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>How it ended, once stopped.</summary>
    public ClockOutcome? Outcome { get; init; }

    /// <summary>True while it has not stopped.</summary>
    public bool IsActive => StoppedAt is null;

    /// <summary>True while an open pause holds it.</summary>
    public bool IsPaused => IsActive && Pauses.Count > 0 && Pauses[^1].To is null;
}
