using System.Text;
using AfterSales.Domain.Reports;
using static AfterSales.Infrastructure.Reports.Rendering.ReportLabels;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads the Chinese): one figure per line —
/// section, measure, key, label, value, previous month. Easy to load into any spreadsheet or BI tool.
/// </summary>
public static class ReportCsv
{
    public static byte[] Render(MonthlyReport r)
    {
        var csv = new StringBuilder();
        void Line(string section, string measure, string key, double? value, double? previous = null, string? label = null) =>
            csv.Append(Field(section)).Append(',').Append(Field(measure)).Append(',').Append(Field(key)).Append(',')
                .Append(Field(label ?? Of(key))).Append(',').Append(Number(value)).Append(',').Append(Number(previous)).Append("\r\n");

        csv.Append("section,measure,key,label,value,previous\r\n");
        foreach (var k in r.Headline)
        {
            Line("headline", k.Unit, k.Key, k.Value, k.Previous);
        }

        void Breakdowns(string section, string measure, IEnumerable<Breakdown> items)
        {
            foreach (var b in items)
            {
                Line(section, measure, b.Key, b.Count, b.Previous);
            }
        }

        Line("volume", "total", "all", r.Volume.Total, r.Volume.Previous);
        Line("volume", "cancelled", "all", r.Volume.Cancelled);
        Breakdowns("volume", "type", r.Volume.ByType);
        Breakdowns("volume", "tag", r.Volume.ByTag);
        Breakdowns("volume", "channel", r.Volume.ByChannel);
        Breakdowns("volume", "urgency", r.Volume.ByUrgency);
        Breakdowns("volume", "model", r.Volume.ByModel);
        Breakdowns("volume", "region", r.Volume.ByRegion);

        foreach (var (name, t) in new[] { ("response", r.Times.Response), ("resolution", r.Times.Resolution), ("complaintResolution", r.Times.ComplaintResolution), ("mttr", r.Times.Mttr) })
        {
            foreach (var (measure, s) in new[] { ("elapsed", t.Elapsed), ("business", t.Business) })
            {
                Line("times", $"{name}.{measure}", "count", s.Count, label: "数量");
                Line("times", $"{name}.{measure}", "meanHours", s.Mean, measure == "elapsed" ? t.PreviousMean : null, "平均（小时）");
                Line("times", $"{name}.{measure}", "medianHours", s.Median, label: "中位数（小时）");
                Line("times", $"{name}.{measure}", "p90Hours", s.P90, label: "P90（小时）");
            }
        }

        foreach (var (measure, shares) in new[] { ("all", (IEnumerable<SlaShare>)[r.Sla.All]), ("target", r.Sla.ByTarget), ("step", r.Sla.ByStep) })
        {
            foreach (var s in shares)
            {
                Line("sla", $"{measure}.metPercent", s.Key, s.Share, s.PreviousShare, measure == "step" ? Step(s.Key) : Of(s.Key));
                Line("sla", $"{measure}.met", s.Key, s.Met, label: measure == "step" ? Step(s.Key) : Of(s.Key));
                Line("sla", $"{measure}.breached", s.Key, s.Breached, label: measure == "step" ? Step(s.Key) : Of(s.Key));
            }
        }

        foreach (var (key, rate) in new[] { ("firstTimeFix", r.Quality.FirstTimeFix), ("reopenRate", r.Quality.Reopen), ("complaintRate", r.Quality.Complaint), ("followUpCompletion", r.FollowUps.Completion), ("followUpOnTime", r.FollowUps.OnTime) })
        {
            Line("rates", "percent", key, rate.Value, rate.Previous);
            Line("rates", "numerator", key, rate.Numerator);
            Line("rates", "denominator", key, rate.Denominator);
        }

        Line("escalations", "total", "all", r.Escalations.Total, r.Escalations.Previous);
        Breakdowns("escalations", "level", r.Escalations.ByLevel);
        Breakdowns("escalations", "step", r.Escalations.ByStep);

        Line("satisfaction", "surveys", "all", r.Satisfaction.Surveys);
        foreach (var d in r.Satisfaction.Dimensions)
        {
            Line("satisfaction", "mean", d.Key, d.Mean, d.PreviousMean);
            Line("satisfaction", "satisfiedPercent", d.Key, d.ShareAtLeastPass);
            Line("satisfaction", "answers", d.Key, d.Count);
        }

        var nps = r.Satisfaction.Nps;
        Line("satisfaction", "nps", "score", nps.Score, nps.Previous, "NPS");
        Line("satisfaction", "nps", "promoters", nps.Promoters, label: "推荐者 9-10");
        Line("satisfaction", "nps", "passives", nps.Passives, label: "中立者 7-8");
        Line("satisfaction", "nps", "detractors", nps.Detractors, label: "贬损者 0-6");
        Breakdowns("satisfaction", "confirmation", r.Satisfaction.Confirmations);

        Line("followUps", "due", "all", r.FollowUps.Due);
        Line("followUps", "done", "all", r.FollowUps.Done);
        Line("followUps", "unreachable", "all", r.FollowUps.Unreachable);
        Line("followUps", "open", "all", r.FollowUps.Open);

        foreach (var p in r.Problems)
        {
            var key = $"{p.Model} × {p.Tag}";
            Line("problems", p.Jumped ? "count.jumped" : "count", key, p.Count, p.Previous, $"{p.Model} × {Of(p.Tag)}");
        }

        foreach (var e in r.Engineers)
        {
            Line("engineers", "resolved", e.Engineer, e.Resolved);
            Line("engineers", "firstTimeFixPercent", e.Engineer, e.FirstTimeFix.Value);
            Line("engineers", "surveys", e.Engineer, e.Surveys);
            Line("engineers", "responseSpeed", e.Engineer, e.ResponseSpeed);
            Line("engineers", "attitude", e.Engineer, e.Attitude);
            Line("engineers", "skill", e.Engineer, e.Skill);
            Line("engineers", "efficiency", e.Engineer, e.Efficiency);
            Line("engineers", "satisfaction", e.Engineer, e.Satisfaction);
            Line("engineers", "composite", e.Engineer, e.Composite);
        }

        Line("parts", "visits", "all", r.Parts.Visits);
        Line("parts", "pieces", "all", r.Parts.Pieces);
        Line("parts", "partsAmount", "all", (double)r.Parts.PartsAmount);
        Line("parts", "labour", "all", (double)r.Parts.Labour);
        Line("parts", "total", "all", (double)r.Parts.Total, (double)r.Parts.PreviousTotal);
        foreach (var p in r.Parts.Rows)
        {
            Line("parts", "quantity", p.PartNumber, p.Quantity, label: p.Name);
            Line("parts", "amount", p.PartNumber, (double)p.Amount, label: p.Name);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Quoted when needed; a leading = + - @ (a formula to a spreadsheet) is neutralised with an apostrophe.</summary>
    private static string Field(string raw)
    {
        var text = raw.Length > 0 && raw[0] is '=' or '+' or '-' or '@' ? "'" + raw : raw;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
