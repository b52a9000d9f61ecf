namespace AfterSales.Domain.Sla;

/// <summary>The state of a clock as seen at one instant.</summary>
public enum ClockState
{
    /// <summary>Running, with less than the warning share used.</summary>
    Running,
    /// <summary>Running, past the warning threshold.</summary>
    AtRisk,
    /// <summary>Standing still.</summary>
    Paused,
    /// <summary>Past its deadline (running or paused), or stopped late.</summary>
    Breached,
    /// <summary>Stopped in time.</summary>
    Met,
    /// <summary>Stopped without counting (ticket cancelled or target withdrawn).</summary>
    NotCounted,
}

/// <summary>A clock read at an instant.</summary>
/// <param name="Clock">The clock.</param>
/// <param name="State">Its state then.</param>
/// <param name="Used">Budget used (excluding pauses), in the clock's measure.</param>
/// <param name="Remaining">Budget left, negative when late.</param>
/// <param name="Paused">Time spent paused, in the clock's measure.</param>
public sealed record ClockReading(SlaClock Clock, ClockState State, TimeSpan Used, TimeSpan Remaining, TimeSpan Paused)
{
    /// <summary>Share of the budget used (may exceed 1).</summary>
    public double UsedRatio => Clock.Budget <= TimeSpan.Zero ? (Used > TimeSpan.Zero ? double.PositiveInfinity : 0) : Used / Clock.Budget;
}
