using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Reports;

namespace AfterSales.Application.Reports;

/// <summary>Settings of the monthly report (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>How many frequent problems (model × tag) to list.</summary>
    [Range(1, 100, ErrorMessage = "Reports:TopProblems must be a whole number from 1 to 100.")]
    public int TopProblems { get; set; } = 10;

    /// <summary>A problem jumped when it has at least this multiple of last month's tickets…</summary>
    [Range(1.0, 100.0, ErrorMessage = "Reports:JumpRatio must be from 1 to 100 (1.5: half as many again as last month).")]
    public double JumpRatio { get; set; } = 1.5;

    /// <summary>…and at least this many.</summary>
    [Range(1, 100_000, ErrorMessage = "Reports:JumpMinimum must be a whole number from 1 to 100000.")]
    public int JumpMinimum { get; set; } = 5;

    /// <summary>Until this day of the month (business calendar) the daily run makes last month's report if it is missing.</summary>
    [Range(1, 28, ErrorMessage = "Reports:CatchUpUntilDay must be a day of the month from 1 to 28.")]
    public int CatchUpUntilDay { get; set; } = 5;

    public ReportSettings ToSettings(int passScore) => new()
    {
        TopProblems = TopProblems,
        JumpRatio = JumpRatio,
        JumpMinimum = JumpMinimum,
        PassScore = passScore,
    };
}
