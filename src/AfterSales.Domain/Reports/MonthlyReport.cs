namespace AfterSales.Domain.Reports;

/// <summary>
/// A month's service report (business rules step 6). Every measure is defined in docs/monthly-report.md. Keys are
/// stable English identifiers (enum names in camelCase, models and tags as written); the renderings translate them.
/// </summary>
public sealed record MonthlyReport
{
    /// <summary>The month, yyyy-MM.</summary>
    public required string Month { get; init; }

    /// <summary>The month compared with, yyyy-MM.</summary>
    public required string PreviousMonth { get; init; }

    /// <summary>The business time zone the month is taken in.</summary>
    public required string TimeZone { get; init; }

    /// <summary>First instant of the month.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>First instant after the month.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>True when the month was not over when the report was made: figures count up to <see cref="AsOf"/>.</summary>
    public bool Provisional { get; init; }

    /// <summary>The cut-off of a provisional report; null once the month is over.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The headline measures with last month's values.</summary>
    public required IReadOnlyList<Kpi> Headline { get; init; }

    /// <summary>Tickets registered in the month, by dimension.</summary>
    public required VolumeSection Volume { get; init; }

    /// <summary>Response, resolution, complaint resolution times and MTTR.</summary>
    public required TimesSection Times { get; init; }

    /// <summary>Shares of SLA clocks kept.</summary>
    public required SlaSection Sla { get; init; }

    /// <summary>First-time fix, reopen and complaint rates.</summary>
    public required QualitySection Quality { get; init; }

    /// <summary>Escalations fired in the month.</summary>
    public required EscalationSection Escalations { get; init; }

    /// <summary>Survey scores, NPS and confirmation ratings.</summary>
    public required SatisfactionSection Satisfaction { get; init; }

    /// <summary>Follow-up calls due in the month.</summary>
    public required FollowUpSection FollowUps { get; init; }

    /// <summary>The most frequent problems (model × tag).</summary>
    public required IReadOnlyList<ProblemRow> Problems { get; init; }

    /// <summary>Per-engineer figures and composite score, best first.</summary>
    public required IReadOnlyList<EngineerRow> Engineers { get; init; }

    /// <summary>Parts used and labour charged.</summary>
    public required PartsSection Parts { get; init; }
}

/// <summary>A headline measure with last month's value.</summary>
/// <param name="Key">Identifier (tickets, slaMet, nps, …).</param>
/// <param name="Unit">count, percent, hours, score, nps or yuan.</param>
/// <param name="Value">This month; null when nothing was measured.</param>
/// <param name="Previous">Last month.</param>
/// <param name="Change">Value − previous.</param>
/// <param name="HigherIsBetter">Which direction is good news.</param>
public sealed record Kpi(string Key, string Unit, double? Value, double? Previous, double? Change, bool HigherIsBetter);

/// <summary>One group of a breakdown.</summary>
/// <param name="Key">The group.</param>
/// <param name="Count">How many.</param>
/// <param name="Share">Percent of the total.</param>
/// <param name="Previous">How many last month.</param>
public sealed record Breakdown(string Key, int Count, double? Share, int Previous);

/// <summary>Tickets registered in the month.</summary>
/// <param name="Total">All tickets registered (cancelled included).</param>
/// <param name="Previous">Last month's total.</param>
/// <param name="Cancelled">Of them, cancelled.</param>
/// <param name="ByType">By type (unclassified: unclassified).</param>
/// <param name="ByTag">By second-level tag (none: none).</param>
/// <param name="ByChannel">By channel.</param>
/// <param name="ByUrgency">By urgency.</param>
/// <param name="ByModel">By product model.</param>
/// <param name="ByRegion">By city (none: unknown).</param>
public sealed record VolumeSection(
    int Total, int Previous, int Cancelled,
    IReadOnlyList<Breakdown> ByType, IReadOnlyList<Breakdown> ByTag, IReadOnlyList<Breakdown> ByChannel,
    IReadOnlyList<Breakdown> ByUrgency, IReadOnlyList<Breakdown> ByModel, IReadOnlyList<Breakdown> ByRegion);

/// <summary>Count, mean, median and p90 of durations, in hours.</summary>
/// <param name="Count">How many durations.</param>
/// <param name="Mean">Mean.</param>
/// <param name="Median">Median.</param>
/// <param name="P90">90th percentile (nearest rank).</param>
public sealed record DurationStats(int Count, double? Mean, double? Median, double? P90);

/// <summary>Durations measured in elapsed time and in business time (working hours of the business calendar).</summary>
/// <param name="Elapsed">Elapsed hours.</param>
/// <param name="Business">Working hours.</param>
/// <param name="PreviousMean">Last month's elapsed mean.</param>
public sealed record TimeMeasure(DurationStats Elapsed, DurationStats Business, double? PreviousMean);

/// <summary>Response, resolution and complaint resolution times, and MTTR.</summary>
/// <param name="Response">Registration → first response (round 1), responses in the month.</param>
/// <param name="Resolution">Registration → resolved (round 1), resolutions in the month.</param>
/// <param name="ComplaintResolution">The same for complaints.</param>
/// <param name="Mttr">The same for repairs: mean time to repair.</param>
public sealed record TimesSection(TimeMeasure Response, TimeMeasure Resolution, TimeMeasure ComplaintResolution, TimeMeasure Mttr);

/// <summary>Clocks decided in the month and the share kept.</summary>
/// <param name="Key">Target name or kind; "all" for every clock.</param>
/// <param name="Met">Stopped in time.</param>
/// <param name="Breached">Past their deadline.</param>
/// <param name="Share">Met ÷ (met + breached), percent.</param>
/// <param name="PreviousShare">Last month's share.</param>
public sealed record SlaShare(string Key, int Met, int Breached, double? Share, double? PreviousShare);

/// <summary>SLA shares overall, per target and per step limit (clock kind).</summary>
/// <param name="All">Every counted clock.</param>
/// <param name="ByTarget">Per configured target.</param>
/// <param name="ByStep">Per step limit.</param>
public sealed record SlaSection(SlaShare All, IReadOnlyList<SlaShare> ByTarget, IReadOnlyList<SlaShare> ByStep);

/// <summary>A rate: numerator ÷ denominator in percent.</summary>
/// <param name="Numerator">Counted.</param>
/// <param name="Denominator">Out of.</param>
/// <param name="Value">Percent, null when the denominator is 0.</param>
/// <param name="Previous">Last month's value.</param>
public sealed record Rate(int Numerator, int Denominator, double? Value, double? Previous);

/// <summary>First-time fix, reopen (second handling) and complaint rates.</summary>
/// <param name="FirstTimeFix">Repairs resolved with one visit and not reopened.</param>
/// <param name="Reopen">Reopenings ÷ resolutions.</param>
/// <param name="Complaint">Complaints ÷ tickets registered.</param>
public sealed record QualitySection(Rate FirstTimeFix, Rate Reopen, Rate Complaint);

/// <summary>Escalations fired in the month.</summary>
/// <param name="Total">All levels.</param>
/// <param name="Previous">Last month's total.</param>
/// <param name="ByLevel">Warning, supervisor, manager.</param>
/// <param name="ByStep">Per clock kind.</param>
public sealed record EscalationSection(int Total, int Previous, IReadOnlyList<Breakdown> ByLevel, IReadOnlyList<Breakdown> ByStep);

/// <summary>One survey dimension.</summary>
/// <param name="Key">attitude, skill, efficiency or overall.</param>
/// <param name="Count">Answers.</param>
/// <param name="Mean">Mean score (1-10).</param>
/// <param name="ShareAtLeastPass">Percent of answers ≥ the pass score (7).</param>
/// <param name="PreviousMean">Last month's mean.</param>
public sealed record DimensionScore(string Key, int Count, double? Mean, double? ShareAtLeastPass, double? PreviousMean);

/// <summary>Net promoter score from "would you recommend us" (0-10).</summary>
/// <param name="Count">Answers.</param>
/// <param name="Promoters">9-10.</param>
/// <param name="Passives">7-8.</param>
/// <param name="Detractors">0-6.</param>
/// <param name="Score">% promoters − % detractors (−100…100).</param>
/// <param name="Previous">Last month's score.</param>
public sealed record NetPromoterScore(int Count, int Promoters, int Passives, int Detractors, double? Score, double? Previous);

/// <summary>Surveys answered and confirmations given in the month.</summary>
/// <param name="Surveys">Surveys answered.</param>
/// <param name="Dimensions">Per dimension.</param>
/// <param name="Nps">NPS.</param>
/// <param name="Confirmations">Confirmation ratings.</param>
public sealed record SatisfactionSection(int Surveys, IReadOnlyList<DimensionScore> Dimensions, NetPromoterScore Nps, IReadOnlyList<Breakdown> Confirmations);

/// <summary>Follow-up calls due in the month.</summary>
/// <param name="Due">Due in the month (not withdrawn).</param>
/// <param name="Done">Answered by the end of the month.</param>
/// <param name="Unreachable">Ended unreachable.</param>
/// <param name="Open">Still open at the end of the month.</param>
/// <param name="Completion">Done ÷ due.</param>
/// <param name="OnTime">Done within the follow-up limit ÷ due.</param>
public sealed record FollowUpSection(int Due, int Done, int Unreachable, int Open, Rate Completion, Rate OnTime);

/// <summary>One frequent problem.</summary>
/// <param name="Model">Product model.</param>
/// <param name="Tag">Second-level tag (none: none).</param>
/// <param name="Count">Tickets registered in the month.</param>
/// <param name="Previous">Last month.</param>
/// <param name="Change">Count − previous.</param>
/// <param name="ChangePercent">Change ÷ previous, percent; null when previous is 0.</param>
/// <param name="Jumped">True when the problem jumped (see <see cref="ReportSettings"/>).</param>
public sealed record ProblemRow(string Model, string Tag, int Count, int Previous, int Change, double? ChangePercent, bool Jumped);

/// <summary>One engineer's month.</summary>
/// <param name="Engineer">Sign-in name.</param>
/// <param name="Resolved">Rounds resolved in the month.</param>
/// <param name="FirstTimeFix">Their repairs fixed at the first visit.</param>
/// <param name="Surveys">Surveys about their rounds.</param>
/// <param name="ResponseSpeed">Response clocks kept, percent (0-100).</param>
/// <param name="Attitude">Mean attitude × 10 (0-100).</param>
/// <param name="Skill">Mean skill × 10.</param>
/// <param name="Efficiency">Mean efficiency × 10.</param>
/// <param name="Satisfaction">Mean overall × 10.</param>
/// <param name="Composite">The weighted score (0-100) over the dimensions measured.</param>
public sealed record EngineerRow(
    string Engineer, int Resolved, Rate FirstTimeFix, int Surveys,
    double? ResponseSpeed, double? Attitude, double? Skill, double? Efficiency, double? Satisfaction, double? Composite)
{
    /// <summary>The engineer's name as managers read it (李工); null when the engineer is no longer on the team.</summary>
    public string? Name { get; init; }
}

/// <summary>One part number.</summary>
/// <param name="PartNumber">Manufacturer's part number.</param>
/// <param name="Name">What it is.</param>
/// <param name="Quantity">Pieces used.</param>
/// <param name="Amount">Quantity × unit price, yuan.</param>
public sealed record PartRow(string PartNumber, string Name, int Quantity, decimal Amount);

/// <summary>Parts and labour of visits that ended in the month.</summary>
/// <param name="Visits">Visits.</param>
/// <param name="Tickets">Tickets with a visit.</param>
/// <param name="Pieces">Parts used, pieces.</param>
/// <param name="PartsAmount">Parts charged, yuan.</param>
/// <param name="Labour">Labour charged, yuan.</param>
/// <param name="Total">Parts + labour.</param>
/// <param name="PerTicket">Total ÷ tickets.</param>
/// <param name="PreviousTotal">Last month's total.</param>
/// <param name="Rows">Per part number, by amount.</param>
public sealed record PartsSection(int Visits, int Tickets, int Pieces, decimal PartsAmount, decimal Labour, decimal Total, decimal? PerTicket, decimal PreviousTotal, IReadOnlyList<PartRow> Rows);

/// <summary>Choices of the report.</summary>
public sealed record ReportSettings
{
    /// <summary>How many frequent problems to list.</summary>
    public int TopProblems { get; init; } = 10;

    /// <summary>A problem jumped when its count is at least this multiple of last month's…</summary>
    public double JumpRatio { get; init; } = 1.5;

    /// <summary>…and at least this many tickets (new problems need this many to count as a jump).</summary>
    public int JumpMinimum { get; init; } = 5;

    /// <summary>Survey scores at or above this count as satisfied (the second-handling threshold).</summary>
    public int PassScore { get; init; } = 7;

    /// <summary>Weights of the engineer composite score (business rules, source 002).</summary>
    public EngineerWeights Weights { get; init; } = new();
}

/// <summary>The weights of the engineer composite score; they sum to 1.</summary>
/// <param name="ResponseSpeed">Response speed, 10 %.</param>
/// <param name="Attitude">Service attitude, 20 %.</param>
/// <param name="Skill">Professional skill, 25 %.</param>
/// <param name="Efficiency">Resolution efficiency, 30 %.</param>
/// <param name="Satisfaction">Customer satisfaction, 15 %.</param>
public sealed record EngineerWeights(double ResponseSpeed = 0.10, double Attitude = 0.20, double Skill = 0.25, double Efficiency = 0.30, double Satisfaction = 0.15);
