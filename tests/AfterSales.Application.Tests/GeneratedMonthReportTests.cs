using AfterSales.Application.Calendars;
using AfterSales.Infrastructure.Reports.Rendering;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using AfterSales.Testing;

namespace AfterSales.Application.Tests;

/// <summary>
/// A generated month (and the month before) whose report is checked against figures this test computes its own
/// way, straight from the definitions in docs/monthly-report.md: filters on the moments, sorting and counting.
/// </summary>
public sealed class GeneratedMonthReportTests
{
    private static readonly ReportMonth November = new(2026, 11);
    private static readonly DateTimeOffset Later = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly List<TicketFacts> October = ReportMonthGenerator.Month(November.Previous, 1500, 7);
    private static readonly List<TicketFacts> NovemberTickets = ReportMonthGenerator.Month(November, 2000, 11);
    private static readonly List<TicketFacts> All = [.. October, .. NovemberTickets];
    private static readonly DateTimeOffset From = November.Start(ReportMonthGenerator.Shanghai);
    private static readonly DateTimeOffset To = November.End(ReportMonthGenerator.Shanghai);

    private static readonly MonthlyReport Report = new MonthlyReportCalculator(
            new CalendarOptions().Build(ReportMonthGenerator.Shanghai), new ReportSettings())
        // What the store gives: every ticket with something in the month, in any order.
        .Compute(November, Rows(November).Reverse(), Rows(November.Previous), Later);

    private static IEnumerable<TicketFacts> Rows(ReportMonth month) => All.Where(f => f.Months(ReportMonthGenerator.Shanghai).Contains(month));

    private static bool InNovember(DateTimeOffset? at) => at >= From && at < To;

    [Fact]
    public void Volume_CountsTicketsRegisteredInTheMonth_ByType_AndComparesWithOctober()
    {
        Assert.Equal(2000, Report.Volume.Total);
        Assert.Equal(1500, Report.Volume.Previous);
        var repairs = NovemberTickets.Count(f => f.Type == TicketType.Repair);
        Assert.Equal(repairs, Report.Volume.ByType.Single(b => b.Key == "repair").Count);
        Assert.Equal(October.Count(f => f.Type == TicketType.Repair), Report.Volume.ByType.Single(b => b.Key == "repair").Previous);
        Assert.Equal(NovemberTickets.Count(f => f.Region is null), Report.Volume.ByRegion.Single(b => b.Key == "none").Count);
        Assert.Equal(2000, Report.Volume.ByChannel.Sum(b => b.Count));
        Assert.False(Report.Provisional);
    }

    [Fact]
    public void ResponseTimes_AreMeanMedianAndNearestRankP90_OfResponsesMadeInTheMonth()
    {
        // Responses in November include October tickets answered in November, not November tickets answered in December.
        var hours = All.Select(f => (f.ReceivedAt, At: f.Milestones.FirstOrDefault(m => m.Milestone == Milestone.Responded)?.At))
            .Where(x => InNovember(x.At)).Select(x => (x.At!.Value - x.ReceivedAt).TotalHours).Order().ToArray();
        Assert.Contains(October, f => InNovember(f.First(Milestone.Responded)));

        Assert.Equal(hours.Length, Report.Times.Response.Elapsed.Count);
        Assert.Equal(Math.Round(hours.Average(), 2), Report.Times.Response.Elapsed.Mean!.Value, 2);
        var median = hours.Length % 2 == 1 ? hours[hours.Length / 2] : (hours[hours.Length / 2 - 1] + hours[hours.Length / 2]) / 2;
        Assert.Equal(Math.Round(median, 2), Report.Times.Response.Elapsed.Median!.Value, 2);
        Assert.Equal(Math.Round(hours[(int)Math.Ceiling(0.9 * hours.Length) - 1], 2), Report.Times.Response.Elapsed.P90!.Value, 2);
        Assert.True(Report.Times.Response.Business.Mean < Report.Times.Response.Elapsed.Mean, "working hours are fewer than elapsed hours");
    }

    [Fact]
    public void SlaShare_CountsMetClocksWhereTheyStopped_AndLateOnesWhereTheirDeadlinePassed()
    {
        int met = 0, breached = 0;
        foreach (var c in All.SelectMany(f => f.Clocks))
        {
            if (c.Outcome == ClockOutcome.Met && InNovember(c.StoppedAt))
            {
                met++;
            }
            else if (c.Outcome != ClockOutcome.Met && InNovember(c.DueAt))
            {
                // Breached when stopped, or still running once its deadline passed.
                breached++;
            }
        }

        Assert.Equal(met, Report.Sla.All.Met);
        Assert.Equal(breached, Report.Sla.All.Breached);
        Assert.Equal(Math.Round(100.0 * met / (met + breached), 2), Report.Sla.All.Share);
        Assert.Equal(Report.Sla.All.Met, Report.Sla.ByTarget.Sum(s => s.Met));
        Assert.Equal(Report.Sla.All.Breached, Report.Sla.ByStep.Sum(s => s.Breached));
    }

    [Fact]
    public void FirstTimeFix_ReopenAndComplaintRates()
    {
        var repairs = All.Where(f => f.Type == TicketType.Repair && InNovember(f.First(Milestone.Resolved))).ToList();
        var fixedFirst = repairs.Count(f => f.Visits.Count <= 1 && !f.Milestones.Any(m => m.Milestone == Milestone.Reopened && m.At < To));
        Assert.Equal(repairs.Count, Report.Quality.FirstTimeFix.Denominator);
        Assert.Equal(fixedFirst, Report.Quality.FirstTimeFix.Numerator);

        var reopenings = All.SelectMany(f => f.Milestones).Count(m => m.Milestone == Milestone.Reopened && InNovember(m.At));
        var resolutions = All.SelectMany(f => f.Milestones).Count(m => m.Milestone == Milestone.Resolved && InNovember(m.At));
        Assert.Equal((reopenings, resolutions), (Report.Quality.Reopen.Numerator, Report.Quality.Reopen.Denominator));

        Assert.Equal(NovemberTickets.Count(f => f.Type == TicketType.Complaint), Report.Quality.Complaint.Numerator);
        Assert.Equal(Math.Round(100.0 * Report.Quality.Complaint.Numerator / 2000, 2), Report.Quality.Complaint.Value);
    }

    [Fact]
    public void Satisfaction_PerDimension_Nps_AndFollowUpCompletion()
    {
        var surveys = All.SelectMany(f => f.FollowUps).Where(u => u.Status == FollowUpStatus.Done && InNovember(u.FinishedAt)).Select(u => u.Survey!).ToList();
        Assert.Equal(surveys.Count, Report.Satisfaction.Surveys);
        var skill = Report.Satisfaction.Dimensions.Single(d => d.Key == "skill");
        Assert.Equal(Math.Round(surveys.Average(s => s.Skill!.Value), 2), skill.Mean);
        Assert.Equal(Math.Round(100.0 * surveys.Count(s => s.Skill >= 7) / surveys.Count, 2), skill.ShareAtLeastPass);

        var recommend = surveys.Where(s => s.Recommend is not null).Select(s => s.Recommend!.Value).ToList();
        var nps = 100.0 * (recommend.Count(r => r >= 9) - recommend.Count(r => r <= 6)) / recommend.Count;
        Assert.Equal(Math.Round(nps, 2), Report.Satisfaction.Nps.Score);

        var due = All.SelectMany(f => f.FollowUps).Where(u => InNovember(u.DueFrom)).ToList();
        Assert.Equal(due.Count, Report.FollowUps.Due);
        Assert.Equal(due.Count(u => u.Status == FollowUpStatus.Done && u.FinishedAt < To), Report.FollowUps.Done);
        Assert.Equal(Report.FollowUps.Due, Report.FollowUps.Done + Report.FollowUps.Unreachable + Report.FollowUps.Open);
    }

    [Fact]
    public void FrequentProblems_AreTheTopModelAndTagPairs_WithOctobersCounts()
    {
        var expected = NovemberTickets.GroupBy(f => (f.Model, Tag: f.Tag ?? "none"))
            .Select(g => (g.Key.Model, g.Key.Tag, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Model, StringComparer.Ordinal).ThenBy(x => x.Tag, StringComparer.Ordinal)
            .Take(10).ToList();
        Assert.Equal(expected, Report.Problems.Select(p => (p.Model, p.Tag, p.Count)).ToList());
        var top = Report.Problems[0];
        Assert.Equal(October.Count(f => f.Model == top.Model && (f.Tag ?? "none") == top.Tag), top.Previous);
    }

    [Fact]
    public void EngineerComposite_IsTheWeightedScoreOfTheirMonth()
    {
        var engineer = ReportMonthGenerator.Engineers[0];
        var row = Report.Engineers.Single(e => e.Engineer == engineer);
        var mine = All.Where(f => f.Engineers.Any(e => e.Engineer == engineer)).ToList();
        var surveys = mine.SelectMany(f => f.FollowUps).Where(u => u.Status == FollowUpStatus.Done && InNovember(u.FinishedAt)).Select(u => u.Survey!).ToList();
        var response = mine.SelectMany(f => f.Clocks).Where(c => c.Kind == SlaKind.Response).ToList();
        var kept = response.Count(c => c.Outcome == ClockOutcome.Met && InNovember(c.StoppedAt));
        var late = response.Count(c => c.Outcome != ClockOutcome.Met && InNovember(c.DueAt));
        var composite = 0.10 * (100.0 * kept / (kept + late))
            + 0.20 * surveys.Average(s => s.Attitude!.Value * 10.0)
            + 0.25 * surveys.Average(s => s.Skill!.Value * 10.0)
            + 0.30 * surveys.Average(s => s.Efficiency!.Value * 10.0)
            + 0.15 * surveys.Average(s => s.Overall * 10.0);
        Assert.Equal(surveys.Count, row.Surveys);
        // The row's dimensions are rounded before weighting; the difference stays below a hundredth.
        Assert.Equal(composite, row.Composite!.Value, 0.02);
        Assert.Equal(Report.Engineers.Max(e => e.Composite), Report.Engineers[0].Composite);
    }

    [Fact]
    public void Parts_SumVisitsThatEndedInTheMonth()
    {
        var visits = All.SelectMany(f => f.Visits).Where(v => InNovember(v.EndedAt)).ToList();
        var parts = visits.SelectMany(v => v.Parts).Sum(p => p.Quantity * p.UnitPrice);
        Assert.Equal(parts, Report.Parts.PartsAmount);
        Assert.Equal(parts + visits.Sum(v => v.Labour), Report.Parts.Total);
        Assert.Equal(visits.SelectMany(v => v.Parts).Sum(p => p.Quantity), Report.Parts.Pieces);
    }

    [Fact]
    public void TheSameFacts_InAnyOrder_GiveByteIdenticalRenderings()
    {
        var calculator = new MonthlyReportCalculator(new CalendarOptions().Build(ReportMonthGenerator.Shanghai), new ReportSettings());
        var shuffled = Rows(November).OrderBy(f => f.Number.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToList();
        var again = calculator.Compute(November, shuffled, Rows(November.Previous).Reverse(), Later);
        Assert.Equal(ReportJson.Render(Report), ReportJson.Render(again));
        Assert.Equal(ReportCsv.Render(Report), ReportCsv.Render(again));
        Assert.Equal(ReportHtml.Render(Report), ReportHtml.Render(again));
        Assert.Equal(ReportWorkbook.Render(Report), ReportWorkbook.Render(again));
    }
}
