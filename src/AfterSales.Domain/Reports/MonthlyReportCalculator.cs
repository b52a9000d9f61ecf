using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using static AfterSales.Domain.Reports.ReportStatistics;

namespace AfterSales.Domain.Reports;

/// <summary>
/// Computes a month's report from the facts of the tickets that have something in it (and last month's, for the
/// comparisons). Each measure counts what happened in the month: registrations, responses, resolutions, clocks
/// decided, escalations, surveys, confirmations, follow-ups due, visits ended. Nothing after the month's end (or
/// after <c>now</c>, for a month not yet over) is counted, so a finished month's report does not change when the
/// tickets move on. The output depends only on the facts: their order does not matter.
/// </summary>
public sealed class MonthlyReportCalculator(BusinessCalendar calendar, ReportSettings settings)
{
    /// <summary>The text used for a missing tag, region or model.</summary>
    public const string None = "none";

    /// <summary>The report of <paramref name="month"/>, compared with the month before.</summary>
    public MonthlyReport Compute(ReportMonth month, IEnumerable<TicketFacts> current, IEnumerable<TicketFacts> previous, DateTimeOffset now)
    {
        var before = new Window(month.Previous, calendar.Zone, now, Distinct(previous));
        var window = new Window(month, calendar.Zone, now, Distinct(current));
        var last = Core(before, null);
        return Core(window, (last, before));
    }

    private static List<TicketFacts> Distinct(IEnumerable<TicketFacts> facts) =>
        facts.GroupBy(f => f.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.Version)!)
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    private MonthlyReport Core(Window w, (MonthlyReport Report, Window Window)? last)
    {
        var prev = last?.Report;
        var received = w.Facts.Where(f => w.In(f.ReceivedAt)).ToList();
        var volume = Volume(received, prev?.Volume);

        var times = new TimesSection(
            Times(w, _ => true, Milestone.Responded, prev?.Times.Response),
            Times(w, _ => true, Milestone.Resolved, prev?.Times.Resolution),
            Times(w, f => f.Type == TicketType.Complaint, Milestone.Resolved, prev?.Times.ComplaintResolution),
            Times(w, f => f.Type == TicketType.Repair, Milestone.Resolved, prev?.Times.Mttr));

        var clocks = w.Facts.SelectMany(f => f.Clocks.Select(c => (Clock: c, Kept: Decided(w, c)))).Where(x => x.Kept is not null).ToList();
        SlaShare Share(string key, IEnumerable<(ClockFact Clock, bool? Kept)> items, IReadOnlyList<SlaShare>? before)
        {
            var list = items.ToList();
            var met = list.Count(x => x.Kept == true);
            var breached = list.Count - met;
            return new SlaShare(key, met, breached, Percent(met, met + breached), before?.FirstOrDefault(s => s.Key == key)?.Share);
        }

        var sla = new SlaSection(
            Share("all", clocks, prev is null ? null : [prev.Sla.All]),
            [.. clocks.GroupBy(x => x.Clock.Target, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Share(g.Key, g, prev?.Sla.ByTarget))],
            [.. clocks.GroupBy(x => x.Clock.Kind).OrderBy(g => g.Key).Select(g => Share(Key(g.Key), g, prev?.Sla.ByStep))]);

        var repairsResolved = w.Facts.Where(f => f.Type == TicketType.Repair && w.In(f.First(Milestone.Resolved))).ToList();
        var fixedFirst = repairsResolved.Count(f => FixedFirstTime(w, f));
        var resolutions = w.Facts.Sum(f => f.Milestones.Count(m => m.Milestone == Milestone.Resolved && w.In(m.At)));
        var reopenings = w.Facts.Sum(f => f.Milestones.Count(m => m.Milestone == Milestone.Reopened && w.In(m.At)));
        var complaints = received.Count(f => f.Type == TicketType.Complaint);
        var quality = new QualitySection(
            Rate(fixedFirst, repairsResolved.Count, prev?.Quality.FirstTimeFix),
            Rate(reopenings, resolutions, prev?.Quality.Reopen),
            Rate(complaints, received.Count, prev?.Quality.Complaint));

        var escalations = w.Facts.SelectMany(f => f.Escalations).Where(e => w.In(e.At)).ToList();
        var escalationSection = new EscalationSection(
            escalations.Count, prev?.Escalations.Total ?? 0,
            Breakdowns(escalations.Select(e => Key(e.Level)), prev?.Escalations.ByLevel, Enum.GetValues<EscalationLevel>().Select(v => Key(v))),
            Breakdowns(escalations.Select(e => Key(e.Kind)), prev?.Escalations.ByStep));

        var surveys = w.Facts.SelectMany(f => f.FollowUps.Select(u => (Facts: f, FollowUp: u)))
            .Where(x => x.FollowUp is { Status: FollowUpStatus.Done, Survey: not null } && w.In(x.FollowUp.FinishedAt)).ToList();
        var answers = surveys.Select(x => x.FollowUp.Survey!).ToList();
        var satisfaction = new SatisfactionSection(
            answers.Count,
            [
                Dimension("attitude", answers.Select(a => a.Attitude), prev),
                Dimension("skill", answers.Select(a => a.Skill), prev),
                Dimension("efficiency", answers.Select(a => a.Efficiency), prev),
                Dimension("overall", answers.Select(a => (int?)a.Overall), prev),
            ],
            Nps(answers.Select(a => a.Recommend).OfType<int>().ToList(), prev?.Satisfaction.Nps.Score),
            Breakdowns(
                w.Facts.SelectMany(f => f.Confirmations).Where(c => w.In(c.At)).Select(c => Key(c.Rating)),
                prev?.Satisfaction.Confirmations,
                Enum.GetValues<ConfirmationRating>().Select(v => Key(v))));

        var followUps = FollowUps(w, prev?.FollowUps);
        var problems = Problems(received, last is { } l ? l.Window.Facts.Where(f => l.Window.In(f.ReceivedAt)) : []);
        var engineers = Engineers(w);
        var parts = Parts(w, prev?.Parts.Total ?? 0);

        var headline = new List<Kpi>
        {
            Kpi("tickets", "count", volume.Total, prev?.Volume.Total, false),
            Kpi("complaintRate", "percent", quality.Complaint.Value, prev?.Quality.Complaint.Value, false),
            Kpi("responseHours", "hours", times.Response.Elapsed.Mean, prev?.Times.Response.Elapsed.Mean, false),
            Kpi("resolutionHours", "hours", times.Resolution.Elapsed.Mean, prev?.Times.Resolution.Elapsed.Mean, false),
            Kpi("mttrHours", "hours", times.Mttr.Elapsed.Mean, prev?.Times.Mttr.Elapsed.Mean, false),
            Kpi("slaMet", "percent", sla.All.Share, prev?.Sla.All.Share, true),
            Kpi("firstTimeFix", "percent", quality.FirstTimeFix.Value, prev?.Quality.FirstTimeFix.Value, true),
            Kpi("reopenRate", "percent", quality.Reopen.Value, prev?.Quality.Reopen.Value, false),
            Kpi("satisfaction", "score", satisfaction.Dimensions[3].Mean, prev?.Satisfaction.Dimensions[3].Mean, true),
            Kpi("satisfiedShare", "percent", satisfaction.Dimensions[3].ShareAtLeastPass, prev?.Satisfaction.Dimensions[3].ShareAtLeastPass, true),
            Kpi("nps", "nps", satisfaction.Nps.Score, prev?.Satisfaction.Nps.Score, true),
            Kpi("followUpCompletion", "percent", followUps.Completion.Value, prev?.FollowUps.Completion.Value, true),
            Kpi("escalations", "count", escalationSection.Total, prev?.Escalations.Total, false),
            Kpi("partsAmount", "yuan", (double)parts.Total, prev is null ? null : (double)prev.Parts.Total, false),
        };

        return new MonthlyReport
        {
            Month = w.Month.ToString(),
            PreviousMonth = w.Month.Previous.ToString(),
            TimeZone = calendar.Zone.Id,
            From = w.From,
            To = w.To,
            Provisional = w.Cutoff < w.To,
            AsOf = w.Cutoff < w.To ? w.Cutoff : null,
            Headline = headline,
            Volume = volume,
            Times = times,
            Sla = sla,
            Quality = quality,
            Escalations = escalationSection,
            Satisfaction = satisfaction,
            FollowUps = followUps,
            Problems = problems,
            Engineers = engineers,
            Parts = parts,
        };
    }

    private static VolumeSection Volume(List<TicketFacts> received, VolumeSection? prev) => new(
        received.Count,
        prev?.Total ?? 0,
        received.Count(f => f.Status == TicketStatus.Cancelled),
        Breakdowns(received.Select(f => f.Type is { } t ? Key(t) : "unclassified"), prev?.ByType, Enum.GetValues<TicketType>().Select(v => Key(v))),
        Breakdowns(received.Select(f => Text(f.Tag)), prev?.ByTag),
        Breakdowns(received.Select(f => Key(f.Channel)), prev?.ByChannel, Enum.GetValues<Channel>().Select(v => Key(v))),
        Breakdowns(received.Select(f => Key(f.Urgency)), prev?.ByUrgency, Enum.GetValues<Urgency>().Select(v => Key(v))),
        Breakdowns(received.Select(f => Text(f.Model)), prev?.ByModel),
        Breakdowns(received.Select(f => Text(f.Region)), prev?.ByRegion));

    /// <summary>Registration → the round-1 milestone, for tickets that reached it in the month.</summary>
    private TimeMeasure Times(Window w, Func<TicketFacts, bool> which, Milestone milestone, TimeMeasure? prev)
    {
        var elapsed = new List<double>();
        var business = new List<double>();
        foreach (var f in w.Facts.Where(which))
        {
            if (f.First(milestone) is { } at && w.In(at) && at >= f.ReceivedAt)
            {
                elapsed.Add((at - f.ReceivedAt).TotalHours);
                business.Add(calendar.BusinessTimeBetween(f.ReceivedAt, at).TotalHours);
            }
        }

        return new TimeMeasure(Stats(elapsed), Stats(business), prev?.Elapsed.Mean);
    }

    private static DurationStats Stats(List<double> hours) => new(hours.Count, Mean(hours), Median(hours), Percentile(hours, 90));

    /// <summary>
    /// True (kept) or false (breached) when the clock was decided in the month, null otherwise: a met clock in the
    /// month it stopped; a breached one in the month of its deadline, also while it still runs past it.
    /// </summary>
    private static bool? Decided(Window w, ClockFact c)
    {
        var stopped = c.StoppedAt is { } s && s < w.Cutoff;
        if (stopped && c.Outcome == ClockOutcome.Met)
        {
            return w.In(c.StoppedAt) ? true : null;
        }

        if (stopped && c.Outcome == ClockOutcome.Breached)
        {
            return w.In(c.DueAt ?? c.StoppedAt) ? false : null;
        }

        if (stopped)
        {
            return null;
        }

        // Running at the cut-off (or stopped after it): late once its deadline passed.
        return c.DueAt is { } due && w.In(due) ? false : null;
    }

    private static bool FixedFirstTime(Window w, TicketFacts f) =>
        f.Visits.Count(v => v.Round == 1) <= 1
        && !f.Milestones.Any(m => m.Milestone == Milestone.Reopened && m.At < w.Cutoff);

    private static Rate Rate(int part, int whole, Rate? prev) => new(part, whole, Percent(part, whole), prev?.Value);

    private DimensionScore Dimension(string key, IEnumerable<int?> scores, MonthlyReport? prev)
    {
        var values = scores.OfType<int>().ToList();
        return new DimensionScore(
            key,
            values.Count,
            Mean([.. values.Select(v => (double)v)]),
            Percent(values.Count(v => v >= settings.PassScore), values.Count),
            prev?.Satisfaction.Dimensions.FirstOrDefault(d => d.Key == key)?.Mean);
    }

    private static NetPromoterScore Nps(List<int> recommend, double? prev)
    {
        var promoters = recommend.Count(r => r >= 9);
        var detractors = recommend.Count(r => r <= 6);
        double? score = recommend.Count == 0 ? null : Round(100.0 * (promoters - detractors) / recommend.Count);
        return new NetPromoterScore(recommend.Count, promoters, recommend.Count - promoters - detractors, detractors, score, prev);
    }

    private static FollowUpSection FollowUps(Window w, FollowUpSection? prev)
    {
        var due = w.Facts.SelectMany(f => f.FollowUps.Select(u => (Facts: f, Task: u)))
            .Where(x => w.In(x.Task.DueFrom) && !(x.Task.Status == FollowUpStatus.Withdrawn && x.Task.FinishedAt < w.Cutoff))
            .ToList();
        bool Finished(FollowUpFact u, FollowUpStatus status) => u.Status == status && u.FinishedAt < w.Cutoff;
        var done = due.Where(x => Finished(x.Task, FollowUpStatus.Done)).ToList();
        var unreachable = due.Count(x => Finished(x.Task, FollowUpStatus.Unreachable));
        var onTime = done.Count(x => x.Facts.Clocks.Any(c =>
            c.Kind == SlaKind.FollowUp && c.Round == x.Task.Round && c.Outcome == ClockOutcome.Met && c.StoppedAt < w.Cutoff));
        return new FollowUpSection(
            due.Count, done.Count, unreachable, due.Count - done.Count - unreachable,
            Rate(done.Count, due.Count, prev?.Completion),
            Rate(onTime, due.Count, prev?.OnTime));
    }

    private IReadOnlyList<ProblemRow> Problems(List<TicketFacts> received, IEnumerable<TicketFacts> previous)
    {
        var before = previous.GroupBy(f => (Text(f.Model), Text(f.Tag))).ToDictionary(g => g.Key, g => g.Count());
        return received
            .GroupBy(f => (Model: Text(f.Model), Tag: Text(f.Tag)))
            .Select(g =>
            {
                var count = g.Count();
                var last = before.GetValueOrDefault(g.Key);
                var jumped = count >= settings.JumpMinimum && (last == 0 || count >= last * settings.JumpRatio);
                return new ProblemRow(g.Key.Model, g.Key.Tag, count, last, count - last, last == 0 ? null : Round(100.0 * (count - last) / last), jumped);
            })
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Model, StringComparer.Ordinal)
            .ThenBy(p => p.Tag, StringComparer.Ordinal)
            .Take(settings.TopProblems)
            .ToList();
    }

    private IReadOnlyList<EngineerRow> Engineers(Window w)
    {
        var rows = new Dictionary<string, EngineerTally>(StringComparer.Ordinal);
        EngineerTally Of(string engineer) => rows.TryGetValue(engineer, out var t) ? t : rows[engineer] = new EngineerTally();

        foreach (var f in w.Facts)
        {
            foreach (var m in f.Milestones.Where(m => m.Milestone == Milestone.Resolved && w.In(m.At)))
            {
                if (f.EngineerOf(m.Round) is not { } engineer)
                {
                    continue;
                }

                var tally = Of(engineer);
                tally.Resolved++;
                if (m.Round == 1 && f.Type == TicketType.Repair && f.First(Milestone.Resolved) == m.At)
                {
                    tally.Repairs++;
                    tally.FixedFirst += FixedFirstTime(w, f) ? 1 : 0;
                }
            }

            foreach (var c in f.Clocks.Where(c => c.Kind == SlaKind.Response))
            {
                if (Decided(w, c) is { } kept && f.EngineerOf(c.Round) is { } engineer)
                {
                    var tally = Of(engineer);
                    tally.Responses++;
                    tally.ResponsesKept += kept ? 1 : 0;
                }
            }

            foreach (var u in f.FollowUps.Where(u => u is { Status: FollowUpStatus.Done, Survey: not null } && w.In(u.FinishedAt)))
            {
                if (f.EngineerOf(u.Round) is { } engineer)
                {
                    var tally = Of(engineer);
                    tally.Surveys.Add(u.Survey!);
                }
            }
        }

        var weights = settings.Weights;
        return rows
            .Select(kv =>
            {
                var t = kv.Value;
                double? Scaled(Func<SurveyFact, int?> pick)
                {
                    var values = t.Surveys.Select(pick).OfType<int>().Select(v => v * 10.0).ToList();
                    return Mean(values);
                }

                var speed = Percent(t.ResponsesKept, t.Responses);
                var attitude = Scaled(s => s.Attitude);
                var skill = Scaled(s => s.Skill);
                var efficiency = Scaled(s => s.Efficiency);
                var overall = Scaled(s => s.Overall);
                var parts = new[] { (speed, weights.ResponseSpeed), (attitude, weights.Attitude), (skill, weights.Skill), (efficiency, weights.Efficiency), (overall, weights.Satisfaction) }
                    .Where(p => p.Item1 is not null).ToList();
                var weight = parts.Sum(p => p.Item2);
                double? composite = weight > 0 ? Round(parts.Sum(p => p.Item1!.Value * p.Item2) / weight) : null;
                return new EngineerRow(kv.Key, t.Resolved, Rate(t.FixedFirst, t.Repairs, null), t.Surveys.Count, speed, attitude, skill, efficiency, overall, composite);
            })
            .OrderByDescending(r => r.Composite ?? -1)
            .ThenBy(r => r.Engineer, StringComparer.Ordinal)
            .ToList();
    }

    private static PartsSection Parts(Window w, decimal previousTotal)
    {
        var visits = w.Facts.SelectMany(f => f.Visits.Select(v => (f.Id, Visit: v))).Where(x => w.In(x.Visit.EndedAt)).ToList();
        var parts = visits.SelectMany(x => x.Visit.Parts).ToList();
        var rows = parts
            .GroupBy(p => (p.PartNumber, p.Name))
            .Select(g => new PartRow(g.Key.PartNumber, g.Key.Name, g.Sum(p => p.Quantity), g.Sum(p => p.Quantity * p.UnitPrice)))
            .OrderByDescending(r => r.Amount)
            .ThenByDescending(r => r.Quantity)
            .ThenBy(r => r.PartNumber, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var partsAmount = rows.Sum(r => r.Amount);
        var labour = visits.Sum(x => x.Visit.Labour);
        var tickets = visits.Select(x => x.Id).Distinct(StringComparer.Ordinal).Count();
        var total = partsAmount + labour;
        return new PartsSection(
            visits.Count, tickets, rows.Sum(r => r.Quantity), partsAmount, labour, total,
            tickets == 0 ? null : Math.Round(total / tickets, 2, MidpointRounding.AwayFromZero),
            previousTotal, rows);
    }

    private static IReadOnlyList<Breakdown> Breakdowns(IEnumerable<string> keys, IReadOnlyList<Breakdown>? previous, IEnumerable<string>? always = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in always ?? [])
        {
            counts[key] = 0;
        }

        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var p in previous ?? [])
        {
            counts.TryAdd(p.Key, 0);
        }

        var total = counts.Values.Sum();
        return counts
            .Select(kv => new Breakdown(kv.Key, kv.Value, Percent(kv.Value, total), previous?.FirstOrDefault(p => p.Key == kv.Key)?.Count ?? 0))
            .OrderByDescending(b => b.Count)
            .ThenByDescending(b => b.Previous)
            .ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static Kpi Kpi(string key, string unit, double? value, double? previous, bool higherIsBetter) =>
        new(key, unit, value, previous, Change(value, previous), higherIsBetter);

    /// <summary>An enum value as a report key: its name in camelCase.</summary>
    public static string Key(Enum value)
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? None : value.Trim();

    private sealed class EngineerTally
    {
        public int Resolved;
        public int Repairs;
        public int FixedFirst;
        public int Responses;
        public int ResponsesKept;
        public readonly List<SurveyFact> Surveys = [];
    }

    /// <summary>A month, its facts, and the cut-off: the month's end, or now for a month not yet over.</summary>
    private sealed class Window(ReportMonth month, TimeZoneInfo zone, DateTimeOffset now, List<TicketFacts> facts)
    {
        public ReportMonth Month { get; } = month;

        public DateTimeOffset From { get; } = month.Start(zone);

        public DateTimeOffset To { get; } = month.End(zone);

        public DateTimeOffset Cutoff => now < To ? now : To;

        public List<TicketFacts> Facts { get; } = facts;

        public bool In(DateTimeOffset? at) => at is { } t && t >= From && t < Cutoff;
    }
}
