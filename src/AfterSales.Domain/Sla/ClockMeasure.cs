namespace AfterSales.Domain.Sla;

/// <summary>How a clock counts time.</summary>
public enum ClockMeasure
{
    /// <summary>Wall-clock time, day and night.</summary>
    Elapsed,
    /// <summary>Only working time of the business calendar.</summary>
    Business,
}
