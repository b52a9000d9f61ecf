using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Calendars;

namespace AfterSales.Domain.Tests;

/// <summary>The report's formulas, each with the worked example of docs/monthly-report.md.</summary>
public sealed class MonthlyReportTests
{
    private static readonly ReportMonth November = new(2026, 11);
    private static readonly DateTimeOffset Later = At("2027-01-15T00:00:00+08:00");
    private static readonly MonthlyReportCalculator Calculator = new(China2026, new ReportSettings());

    [Theory]
    [InlineData(new double[] { 2, 4, 6, 30 }, 10.5, 5.0, 30.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5.5, 5.5, 9.0)]
    [InlineData(new double[] { 7 }, 7.0, 7.0, 7.0)]
    [InlineData(new double[] { 3, 1, 2 }, 2.0, 2.0, 3.0)]
    public void MeanMedianAndNearestRankP90(double[] hours, double mean, double median, double p90)
    {
        Assert.Equal(mean, ReportStatistics.Mean(hours));
        Assert.Equal(median, ReportStatistics.Median(hours));
        Assert.Equal(p90, ReportStatistics.Percentile(hours, 90));
    }

    [Fact]
    public void NothingMeasured_IsNull_NotZero()
    {
        Assert.Null(ReportStatistics.Mean([]));
        Assert.Null(ReportStatistics.Percentile([], 90));
        Assert.Null(ReportStatistics.Percent(0, 0));
        Assert.Equal(33.33, ReportStatistics.Percent(1, 3));
    }

    [Theory]
    [InlineData(new[] { 10, 9, 8, 7, 6, 0 }, 2, 2, 2, 0.0)]
    [InlineData(new[] { 10, 10, 10, 6 }, 3, 0, 1, 50.0)]
    [InlineData(new[] { 5, 6, 9 }, 1, 0, 2, -33.33)]
    public void Nps_IsPromotersMinusDetractors_InPercent(int[] recommend, int promoters, int passives, int detractors, double score)
    {
        var facts = recommend.Select((r, i) => Surveyed($"t{i}", 8, 8, 8, 8, r)).ToList();
        var nps = Calculator.Compute(November, facts, [], Later).Satisfaction.Nps;
        Assert.Equal((promoters, passives, detractors, score), (nps.Promoters, nps.Passives, nps.Detractors, nps.Score!.Value));
    }

    [Fact]
    public void Composite_WeighsResponseSpeed10_Attitude20_Skill25_Efficiency30_Satisfaction15()
    {
        // 4 of 5 response limits kept (80); one survey: attitude 9, skill 8, efficiency 7, overall 9.
        // 0.10·80 + 0.20·90 + 0.25·80 + 0.30·70 + 0.15·90 = 8 + 18 + 20 + 21 + 13.5 = 80.5
        var facts = Enumerable.Range(0, 5).Select(i => Responded($"r{i}", late: i == 0)).Append(Surveyed("s", 9, 8, 7, 9, 10)).ToList();
        var row = Calculator.Compute(November, facts, [], Later).Engineers.Single();
        Assert.Equal((80.0, 90.0, 80.0, 70.0, 90.0, 80.5), (row.ResponseSpeed!.Value, row.Attitude!.Value, row.Skill!.Value, row.Efficiency!.Value, row.Satisfaction!.Value, row.Composite!.Value));
    }

    [Fact]
    public void Composite_WithoutSurveys_IsTheDimensionsMeasured()
    {
        var row = Calculator.Compute(November, [Responded("a", late: false), Responded("b", late: true)], [], Later).Engineers.Single();
        Assert.Equal(50, row.Composite);
        Assert.Null(row.Attitude);
    }

    [Theory]
    // Met in November: counted in November.
    [InlineData("2026-11-10T09:00:00+08:00", "2026-11-11T09:00:00+08:00", "2026-11-10T20:00:00+08:00", ClockOutcome.Met, 1, 0)]
    // Met in December: not November's.
    [InlineData("2026-11-30T20:00:00+08:00", "2026-12-01T20:00:00+08:00", "2026-12-01T10:00:00+08:00", ClockOutcome.Met, 0, 0)]
    // Deadline 30 Nov, stopped late on 2 Dec: November's breach.
    [InlineData("2026-11-29T12:00:00+08:00", "2026-11-30T12:00:00+08:00", "2026-12-02T10:00:00+08:00", ClockOutcome.Breached, 0, 1)]
    // Deadline 30 Oct, stopped late in November: October's breach, not November's.
    [InlineData("2026-10-29T12:00:00+08:00", "2026-10-30T12:00:00+08:00", "2026-11-02T10:00:00+08:00", ClockOutcome.Breached, 0, 0)]
    // Still running past its 20 Nov deadline: November's breach.
    [InlineData("2026-11-19T12:00:00+08:00", "2026-11-20T12:00:00+08:00", null, null, 0, 1)]
    // Withdrawn after a reopening: not counted.
    [InlineData("2026-11-19T12:00:00+08:00", "2026-11-20T12:00:00+08:00", "2026-11-19T18:00:00+08:00", ClockOutcome.Withdrawn, 0, 0)]
    public void AClock_CountsWhereItWasDecided(string start, string due, string? stopped, ClockOutcome? outcome, int met, int breached)
    {
        var facts = Ticket("c", At(start)) with
        {
            Clocks = [new ClockFact("normal-response", SlaKind.Response, 1, At(start), At(due), stopped is null ? null : At(stopped), outcome)],
        };
        var sla = Calculator.Compute(November, [facts], [], Later).Sla.All;
        Assert.Equal((met, breached), (sla.Met, sla.Breached));
    }

    [Theory]
    [InlineData(1, null, 1)]
    [InlineData(2, null, 0)]
    [InlineData(1, "2026-11-25T10:00:00+08:00", 0)]
    // Reopened after the month: November's report keeps it as fixed the first time.
    [InlineData(1, "2026-12-03T10:00:00+08:00", 1)]
    public void FirstTimeFix_IsOneVisit_AndNoReopeningByTheMonthsEnd(int visits, string? reopened, int fixedFirst)
    {
        var resolved = At("2026-11-20T16:00:00+08:00");
        var milestones = new List<MilestoneReached> { new(Milestone.Resolved, resolved, 1) };
        if (reopened is not null)
        {
            milestones.Add(new(Milestone.Reopened, At(reopened), 2));
        }

        var facts = Ticket("f", At("2026-11-20T09:00:00+08:00")) with
        {
            Milestones = milestones,
            Visits = [.. Enumerable.Range(0, visits).Select(i => new VisitFact("eng", 1, resolved.AddHours(-2 - i * 24), resolved.AddHours(-1 - i * 24), [], 0))],
        };
        var rate = Calculator.Compute(November, [facts], [], Later).Quality.FirstTimeFix;
        Assert.Equal((fixedFirst, 1), (rate.Numerator, rate.Denominator));
    }

    [Theory]
    [InlineData(5, 2, true)]
    [InlineData(5, 4, false)]
    [InlineData(4, 0, false)]
    [InlineData(5, 0, true)]
    [InlineData(6, 4, true)]
    public void AProblemJumped_WhenAtLeastFiveAndHalfAgainAsMany(int now, int before, bool jumped)
    {
        var current = Enumerable.Range(0, now).Select(i => Ticket($"n{i}", At("2026-11-10T10:00:00+08:00"))).ToList();
        var previous = Enumerable.Range(0, before).Select(i => Ticket($"p{i}", At("2026-10-10T10:00:00+08:00"))).ToList();
        var problem = Calculator.Compute(November, current, previous, Later).Problems.Single();
        Assert.Equal(("KFR-35GW", "硬件故障", now, before, jumped), (problem.Model, problem.Tag, problem.Count, problem.Previous, problem.Jumped));
    }

    [Fact]
    public void ResponseTime_InElapsedAndWorkingHours_AcrossAWeekend()
    {
        // Registered Friday 20 Nov 17:00, responded Monday 23 Nov 10:00: 65 h elapsed, 2 working hours (Fri 17-18, Mon 9-10).
        var facts = Ticket("w", At("2026-11-20T17:00:00+08:00")) with
        {
            Milestones = [new(Milestone.Responded, At("2026-11-23T10:00:00+08:00"), 1)],
        };
        var response = Calculator.Compute(November, [facts], [], Later).Times.Response;
        Assert.Equal((65.0, 2.0), (response.Elapsed.Mean!.Value, response.Business.Mean!.Value));
    }

    [Fact]
    public void ATicketBelongsToTheMonthOfItsLocalRegistration_AndAMonthNotOverIsProvisional()
    {
        // 23:30 on 31 October in Shanghai is 15:30 UTC: October's ticket.
        var facts = Ticket("o", At("2026-10-31T23:30:00+08:00"));
        var report = Calculator.Compute(November, [facts], [facts], At("2026-11-20T12:00:00+08:00"));
        Assert.Equal((0, 1), (report.Volume.Total, report.Volume.Previous));
        Assert.True(report.Provisional);
        Assert.Equal(At("2026-11-20T12:00:00+08:00"), report.AsOf);
        Assert.Equal(new ReportMonth(2026, 10), ReportMonth.Of(facts.ReceivedAt, Shanghai));
        Assert.Equal([new ReportMonth(2026, 10)], facts.Months(Shanghai));
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-1", false)]
    [InlineData("2026-13", false)]
    [InlineData("26-11-01", false)]
    [InlineData("+026-11", false)]
    public void MonthsAreWrittenYyyyMm(string text, bool valid) => Assert.Equal(valid, ReportMonth.TryParse(text, out _));

    [Fact]
    public void Facts_RegionOfATicketWithoutOne_IsReadFromTheAddress_AsDispatchReadsIt()
    {
        var (ticket, _) = Workflows.Register(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8)));

        Assert.Null(ticket.Intake.Region);
        Assert.Equal("杭州市", TicketFacts.From(ticket).Region);
        Assert.Equal(ticket.ServiceArea?.City, TicketFacts.From(ticket).Region);
    }

    private static TicketFacts Ticket(string id, DateTimeOffset received) => new()
    {
        Id = id,
        Number = id,
        Version = 1,
        ReceivedAt = received,
        Type = TicketType.Repair,
        Tag = "硬件故障",
        Channel = Channel.Phone,
        Model = "KFR-35GW",
        Status = TicketStatus.Accepted,
        Engineers = [new RoundEngineer(1, "eng")],
    };

    private static TicketFacts Responded(string id, bool late)
    {
        var received = At("2026-11-10T09:00:00+08:00");
        var stop = received.AddHours(late ? 30 : 3);
        return Ticket(id, received) with
        {
            Clocks = [new ClockFact("normal-response", SlaKind.Response, 1, received, received.AddHours(24), stop, late ? ClockOutcome.Breached : ClockOutcome.Met)],
        };
    }

    private static TicketFacts Surveyed(string id, int attitude, int skill, int efficiency, int overall, int recommend) =>
        Ticket(id, At("2026-11-02T09:00:00+08:00")) with
        {
            FollowUps = [new FollowUpFact(FollowUpReason.Repair, 1, At("2026-11-05T09:00:00+08:00"), FollowUpStatus.Done, At("2026-11-05T15:00:00+08:00"),
                new SurveyFact(attitude, skill, efficiency, overall, recommend))],
        };
}
