using AfterSales.Domain.Reports;

namespace AfterSales.Application.Reports;

/// <summary>Settings of the monthly report (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>How many frequent problems (model × tag) to list.</summary>
    public int TopProblems { get; set; } = 10;

    /// <summary>A problem jumped when it has at least this multiple of last month's tickets…</summary>
    public double JumpRatio { get; set; } = 1.5;

    /// <summary>…and at least this many.</summary>
    public int JumpMinimum { get; set; } = 5;

    /// <summary>Until this day of the month (business calendar) the daily run makes last month's report if it is missing.</summary>
    public int CatchUpUntilDay { get; set; } = 5;

    public ReportSettings ToSettings(int passScore) => new()
    {
        TopProblems = TopProblems,
        JumpRatio = JumpRatio,
        JumpMinimum = JumpMinimum,
        PassScore = passScore,
    };
}
