namespace AfterSales.Domain.Reports;

/// <summary>
/// The statistics the report uses, defined once: mean; median (the middle value, or the mean of the two middle
/// values of an even count); p90 by nearest rank (the value at position ⌈0.9·n⌉ of the sorted values); shares in
/// percent. Every figure is rounded half away from zero to 2 decimals; nothing is computed from nothing (null).
/// </summary>
public static class ReportStatistics
{
    /// <summary>The arithmetic mean, or null for no values.</summary>
    public static double? Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? null : Round(values.Sum() / values.Count);

    /// <summary>The median, or null for no values.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return Round(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0-100], or null for no values.</summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Round(sorted[Math.Clamp(rank, 1, sorted.Length) - 1]);
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent, or null when the whole is 0.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : Round(100.0 * part / whole);

    /// <summary>Half away from zero, 2 decimals.</summary>
    public static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Half away from zero, 2 decimals.</summary>
    public static double? Round(double? value) => value is { } v ? Round(v) : null;

    /// <summary>The difference, when both are known.</summary>
    public static double? Change(double? value, double? previous) => value is { } v && previous is { } p ? Round(v - p) : null;
}
