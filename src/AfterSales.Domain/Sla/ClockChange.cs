namespace AfterSales.Domain.Sla;

/// <summary>What happened to a clock.</summary>
public enum ClockChangeKind
{
    /// <summary>The clock started.</summary>
    Started,
    /// <summary>It stopped in time.</summary>
    Met,
    /// <summary>It stopped late.</summary>
    Breached,
    /// <summary>It stands still (waiting for the customer or parts).</summary>
    Paused,
    /// <summary>It runs again; the deadline moved by the pause.</summary>
    Resumed,
    /// <summary>A reclassification changed its target and deadline.</summary>
    Replanned,
    /// <summary>A reclassification left no target of its kind; it no longer counts.</summary>
    Withdrawn,
    /// <summary>The ticket was cancelled; it no longer counts.</summary>
    Cancelled,
}

/// <summary>A change to one SLA clock, recorded in the history event that caused it.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Kind">What the promise is about.</param>
/// <param name="Change">What happened.</param>
/// <param name="DueAt">The deadline afterwards, while the clock runs.</param>
public sealed record ClockChange(string Target, SlaKind Kind, ClockChangeKind Change, DateTimeOffset? DueAt);
