using System.Globalization;
using System.Net;
using System.Text;
using AfterSales.Domain.Reports;
using static AfterSales.Infrastructure.Reports.Rendering.ReportLabels;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>
/// The report as one self-contained HTML page for people: Chinese labels, inline SVG charts, no scripts, no external
/// fonts or styles; one column on a phone, wider on a desk, and printable on A4.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        :root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--accent:#1f6feb;--prev:#c8d1dc;--good:#1a7f37;--bad:#cf222e;--warn:#bf8700}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);background:#f6f8fa}
        main{max-width:980px;margin:0 auto;padding:16px}
        header h1{font-size:22px;margin:8px 0 4px}
        header p{margin:0;color:var(--muted);font-size:13px}
        .banner{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:8px 12px;margin:12px 0;font-size:14px}
        section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 14px 10px;margin:14px 0;break-inside:avoid}
        h2{font-size:17px;margin:0 0 10px}
        h3{font-size:14px;margin:14px 0 6px;color:var(--muted)}
        .kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:10px}
        .kpi{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 12px}
        .kpi .label{font-size:12px;color:var(--muted)}
        .kpi .value{font-size:21px;font-weight:600;margin:2px 0}
        .kpi .change{font-size:12px}
        .good{color:var(--good)}.bad{color:var(--bad)}.flat{color:var(--muted)}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
        th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
        th:first-child,td:first-child,.t{text-align:left}
        th{font-weight:600;color:var(--muted);background:#fafbfc}
        .jump{color:var(--bad);font-weight:600}
        svg{display:block;width:100%;max-width:640px;height:auto;margin:4px 0 8px}
        svg text{font-size:13px;fill:var(--ink)}
        .legend{font-size:12px;color:var(--muted)}
        .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
        .note{font-size:12px;color:var(--muted)}
        @media (min-width:720px){.kpis{grid-template-columns:repeat(4,1fr)}.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}}
        @media print{body{background:#fff}main{max-width:none;padding:0}section,.kpi{border-color:#bbb}.scroll{overflow:visible}@page{size:A4;margin:12mm}}
        """;

    public static byte[] Render(MonthlyReport r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>售后服务月度报告 ").Append(E(MonthTitle(r.Month))).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");

        h.Append("<header><h1>售后服务月度报告 · ").Append(E(MonthTitle(r.Month))).Append("</h1>")
            .Append("<p>统计期间 ").Append(E(Local(r.From, r.TimeZone))).Append(" 至 ").Append(E(Local(r.To, r.TimeZone)))
            .Append("（").Append(E(r.TimeZone)).Append("），对比 ").Append(E(MonthTitle(r.PreviousMonth))).Append("</p></header>\n");
        if (r.Provisional)
        {
            h.Append("<p class=\"banner\">本月尚未结束：数据截至 ").Append(E(Local(r.AsOf!.Value, r.TimeZone))).Append("，为临时报告。</p>\n");
        }

        h.Append("<div class=\"kpis\" id=\"headline\">\n");
        foreach (var k in r.Headline)
        {
            var tone = k.Change is not { } c || c == 0 ? "flat" : (c > 0) == k.HigherIsBetter ? "good" : "bad";
            var arrow = k.Change is not { } d || d == 0 ? "→" : d > 0 ? "↑" : "↓";
            h.Append("<div class=\"kpi\"><div class=\"label\">").Append(E(Of(k.Key))).Append("</div><div class=\"value\">")
                .Append(E(WithUnit(k.Value, k.Unit))).Append("</div><div class=\"change ").Append(tone).Append("\">").Append(arrow).Append(' ')
                .Append(E(Change(k.Change, k.Unit))).Append("<span class=\"flat\"> · 上月 ").Append(E(WithUnit(k.Previous, k.Unit))).Append("</span></div></div>\n");
        }

        h.Append("</div>\n");

        // Volume.
        h.Append("<section id=\"volume\"><h2>工单量</h2><p>本月登记 <b>").Append(r.Volume.Total).Append("</b> 单（上月 ").Append(r.Volume.Previous)
            .Append("），其中取消 ").Append(r.Volume.Cancelled).Append(" 单。</p>").Append(Legend());
        h.Append("<div class=\"two\"><div><h3>按类型</h3>").Append(Bars("按类型", r.Volume.ByType.Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, b.Count.ToString(CultureInfo.InvariantCulture)))))
            .Append("</div><div><h3>按渠道</h3>").Append(Bars("按渠道", r.Volume.ByChannel.Where(b => b.Count + b.Previous > 0).Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, b.Count.ToString(CultureInfo.InvariantCulture)))))
            .Append("</div></div>");
        h.Append("<div class=\"two\"><div><h3>按紧急程度</h3>").Append(Bars("按紧急程度", r.Volume.ByUrgency.Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, b.Count.ToString(CultureInfo.InvariantCulture)))))
            .Append("</div><div><h3>按地区（前 10）</h3>").Append(Bars("按地区", r.Volume.ByRegion.Take(10).Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, b.Count.ToString(CultureInfo.InvariantCulture)))))
            .Append("</div></div>");
        h.Append("<div class=\"two\"><div><h3>按二级标签</h3>").Append(CountTable("标签", r.Volume.ByTag)).Append("</div><div><h3>按产品型号</h3>").Append(CountTable("型号", r.Volume.ByModel)).Append("</div></div></section>\n");

        // Times.
        h.Append("<section id=\"times\"><h2>时效</h2><div class=\"scroll\"><table><thead><tr><th>指标</th><th>数量</th><th>平均</th><th>中位数</th><th>P90</th><th>工作时间平均</th><th>工作时间中位数</th><th>工作时间 P90</th><th>上月平均</th></tr></thead><tbody>");
        foreach (var (label, t) in new[] { ("响应时长（登记→首次响应）", r.Times.Response), ("解决时长（登记→解决）", r.Times.Resolution), ("投诉解决时长", r.Times.ComplaintResolution), ("MTTR（维修类）", r.Times.Mttr) })
        {
            h.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(t.Elapsed.Count).Append("</td><td>").Append(Number(t.Elapsed.Mean)).Append("</td><td>").Append(Number(t.Elapsed.Median))
                .Append("</td><td>").Append(Number(t.Elapsed.P90)).Append("</td><td>").Append(Number(t.Business.Mean)).Append("</td><td>").Append(Number(t.Business.Median))
                .Append("</td><td>").Append(Number(t.Business.P90)).Append("</td><td>").Append(Number(t.PreviousMean)).Append("</td></tr>");
        }

        h.Append("</tbody></table></div><p class=\"note\">单位：小时。工作时间按营业日历（含法定节假日与调休）计算。</p></section>\n");

        // SLA.
        h.Append("<section id=\"sla\"><h2>SLA 达成</h2><p>全部时限：达成 ").Append(r.Sla.All.Met).Append("，超时 ").Append(r.Sla.All.Breached).Append("，达成率 <b>")
            .Append(E(WithUnit(r.Sla.All.Share, "percent"))).Append("</b>（上月 ").Append(E(WithUnit(r.Sla.All.PreviousShare, "percent"))).Append("）。</p>").Append(Legend());
        h.Append("<h3>按 SLA 目标</h3>").Append(Bars("按 SLA 目标达成率", r.Sla.ByTarget.Select(s => (Of(s.Key), s.Share ?? 0, s.PreviousShare, $"{Number(s.Share)}% ({s.Met}/{s.Met + s.Breached})")), 100));
        h.Append("<h3>按环节时限</h3>").Append(Bars("按环节达成率", r.Sla.ByStep.Select(s => (Step(s.Key), s.Share ?? 0, s.PreviousShare, $"{Number(s.Share)}% ({s.Met}/{s.Met + s.Breached})")), 100)).Append("</section>\n");

        // Quality and escalations.
        h.Append("<section id=\"quality\"><h2>质量与升级</h2><div class=\"scroll\"><table><thead><tr><th>指标</th><th>分子</th><th>分母</th><th>本月</th><th>上月</th></tr></thead><tbody>");
        foreach (var (label, rate) in new[] { ("一次性解决率", r.Quality.FirstTimeFix), ("二次处理率", r.Quality.Reopen), ("投诉率", r.Quality.Complaint), ("回访完成率", r.FollowUps.Completion), ("回访按时完成率", r.FollowUps.OnTime) })
        {
            h.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(rate.Numerator).Append("</td><td>").Append(rate.Denominator).Append("</td><td>")
                .Append(E(WithUnit(rate.Value, "percent"))).Append("</td><td>").Append(E(WithUnit(rate.Previous, "percent"))).Append("</td></tr>");
        }

        h.Append("</tbody></table></div><h3>升级（共 ").Append(r.Escalations.Total).Append(" 次，上月 ").Append(r.Escalations.Previous).Append(" 次）</h3>")
            .Append(Bars("升级次数按级别", r.Escalations.ByLevel.Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, b.Count.ToString(CultureInfo.InvariantCulture)))))
            .Append("<p class=\"note\">回访：到期 ").Append(r.FollowUps.Due).Append("，完成 ").Append(r.FollowUps.Done).Append("，无法联系 ").Append(r.FollowUps.Unreachable).Append("，月末仍未完成 ").Append(r.FollowUps.Open).Append("。</p></section>\n");

        // Satisfaction.
        var nps = r.Satisfaction.Nps;
        h.Append("<section id=\"satisfaction\"><h2>客户满意度</h2><p>本月回访调研 ").Append(r.Satisfaction.Surveys).Append(" 份。</p>").Append(Legend())
            .Append(Bars("各维度平均分", r.Satisfaction.Dimensions.Select(d => (Of(d.Key), d.Mean ?? 0, d.PreviousMean, $"{Number(d.Mean)} 分 · ≥7分 {Number(d.ShareAtLeastPass)}%")), 10));
        h.Append("<h3>净推荐值 NPS：<b>").Append(Number(nps.Score)).Append("</b>（上月 ").Append(Number(nps.Previous)).Append("，").Append(nps.Count).Append(" 人回答）</h3>").Append(Stack(nps));
        h.Append("<h3>客户确认评价</h3>").Append(Bars("客户确认评价", r.Satisfaction.Confirmations.Select(b => (Of(b.Key), (double)b.Count, (double?)b.Previous, $"{b.Count}（{Number(b.Share)}%）")))).Append("</section>\n");

        // Problems.
        h.Append("<section id=\"problems\"><h2>高频问题（型号 × 标签）</h2>").Append(Legend())
            .Append(Bars("高频问题", r.Problems.Select(p => ($"{p.Model} · {Of(p.Tag)}", (double)p.Count, (double?)p.Previous, p.Jumped ? $"{p.Count} ▲激增" : p.Count.ToString(CultureInfo.InvariantCulture)))));
        h.Append("<div class=\"scroll\"><table><thead><tr><th>型号</th><th class=\"t\">标签</th><th>本月</th><th>上月</th><th>变化</th><th>变化率</th><th></th></tr></thead><tbody>");
        foreach (var p in r.Problems)
        {
            h.Append("<tr><td>").Append(E(p.Model)).Append("</td><td class=\"t\">").Append(E(Of(p.Tag))).Append("</td><td>").Append(p.Count).Append("</td><td>").Append(p.Previous)
                .Append("</td><td>").Append(p.Change > 0 ? "+" : string.Empty).Append(p.Change).Append("</td><td>").Append(p.ChangePercent is null ? "新增" : Number(p.ChangePercent) + "%")
                .Append("</td><td>").Append(p.Jumped ? "<span class=\"jump\">▲ 激增</span>" : string.Empty).Append("</td></tr>");
        }

        h.Append("</tbody></table></div></section>\n");

        // Engineers.
        h.Append("<section id=\"engineers\"><h2>工程师绩效</h2><div class=\"scroll\"><table><thead><tr><th>工程师</th><th>解决</th><th>一次性解决率</th><th>调研</th><th>响应速度 10%</th><th>服务态度 20%</th><th>专业技能 25%</th><th>处理效率 30%</th><th>满意度 15%</th><th>综合得分</th></tr></thead><tbody>");
        foreach (var e in r.Engineers)
        {
            h.Append("<tr><td>").Append(E(e.Name ?? e.Engineer)).Append("</td><td>").Append(e.Resolved).Append("</td><td>").Append(E(WithUnit(e.FirstTimeFix.Value, "percent"))).Append("</td><td>").Append(e.Surveys)
                .Append("</td><td>").Append(Number(e.ResponseSpeed)).Append("</td><td>").Append(Number(e.Attitude)).Append("</td><td>").Append(Number(e.Skill))
                .Append("</td><td>").Append(Number(e.Efficiency)).Append("</td><td>").Append(Number(e.Satisfaction)).Append("</td><td><b>").Append(Number(e.Composite)).Append("</b></td></tr>");
        }

        h.Append("</tbody></table></div><p class=\"note\">各维度按百分制：响应速度 = 响应时限达成率；态度、技能、效率、满意度 = 回访评分平均 × 10。综合得分为加权平均（缺少的维度不计入，权重按比例放大）。</p></section>\n");

        // Parts.
        h.Append("<section id=\"parts\"><h2>备件与费用</h2><p>本月 ").Append(r.Parts.Visits).Append(" 次服务（").Append(r.Parts.Tickets).Append(" 单）使用备件 ").Append(r.Parts.Pieces)
            .Append(" 件；备件 ¥").Append(Money(r.Parts.PartsAmount)).Append("，人工 ¥").Append(Money(r.Parts.Labour)).Append("，合计 <b>¥").Append(Money(r.Parts.Total))
            .Append("</b>（上月 ¥").Append(Money(r.Parts.PreviousTotal)).Append("），单均 ").Append(r.Parts.PerTicket is { } per ? "¥" + Money(per) : "—").Append("。</p>");
        h.Append("<div class=\"scroll\"><table><thead><tr><th>备件号</th><th class=\"t\">名称</th><th>数量</th><th>金额（元）</th></tr></thead><tbody>");
        foreach (var p in r.Parts.Rows.Take(20))
        {
            h.Append("<tr><td>").Append(E(p.PartNumber)).Append("</td><td class=\"t\">").Append(E(p.Name)).Append("</td><td>").Append(p.Quantity).Append("</td><td>").Append(Money(p.Amount)).Append("</td></tr>");
        }

        h.Append("</tbody></table></div></section>\n");
        h.Append("<p class=\"note\">各指标的定义、公式与算例见《月度服务报告指标说明》。同一月份数据不变时，重新生成的报告逐字节相同。</p>\n</main>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(h.ToString());
    }

    private static string Legend() => "<p class=\"legend\"><i style=\"background:var(--accent)\"></i>本月<i style=\"background:var(--prev)\"></i>上月</p>";

    /// <summary>A horizontal bar chart: this month's bar over last month's thinner one, the value written beside.</summary>
    private static string Bars(string title, IEnumerable<(string Label, double Value, double? Previous, string Text)> rows, double? scale = null)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return "<p class=\"note\">本月无数据。</p>";
        }

        const int rowHeight = 34, labelWidth = 170, barWidth = 300;
        var max = scale ?? Math.Max(1, list.Max(r => Math.Max(r.Value, r.Previous ?? 0)));
        var svg = new StringBuilder();
        svg.Append("<svg viewBox=\"0 0 640 ").Append(list.Count * rowHeight + 4).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\">");
        for (var i = 0; i < list.Count; i++)
        {
            var (label, value, previous, text) = list[i];
            var y = i * rowHeight;
            var w = Math.Round(barWidth * Math.Clamp(value / max, 0, 1), 1);
            svg.Append("<text x=\"0\" y=\"").Append(y + 19).Append("\">").Append(E(Clip(label))).Append("</text>");
            svg.Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 5).Append("\" width=\"").Append(F(w)).Append("\" height=\"16\" rx=\"2\" fill=\"#1f6feb\"/>");
            if (previous is { } p)
            {
                var pw = Math.Round(barWidth * Math.Clamp(p / max, 0, 1), 1);
                svg.Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 23).Append("\" width=\"").Append(F(pw)).Append("\" height=\"5\" rx=\"1\" fill=\"#c8d1dc\"/>");
            }

            svg.Append("<text x=\"").Append(F(labelWidth + w + 6)).Append("\" y=\"").Append(y + 18).Append("\">").Append(E(text)).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>NPS answers as one stacked bar: detractors, passives, promoters.</summary>
    private static string Stack(NetPromoterScore nps)
    {
        if (nps.Count == 0)
        {
            return "<p class=\"note\">本月无推荐意愿数据。</p>";
        }

        var svg = new StringBuilder("<svg viewBox=\"0 0 640 54\" role=\"img\" aria-label=\"NPS 构成\">");
        var x = 0.0;
        foreach (var (count, colour, label) in new[] { (nps.Detractors, "#cf222e", "贬损"), (nps.Passives, "#bf8700", "中立"), (nps.Promoters, "#1a7f37", "推荐") })
        {
            var w = Math.Round(640.0 * count / nps.Count, 1);
            svg.Append("<rect x=\"").Append(F(x)).Append("\" y=\"0\" width=\"").Append(F(w)).Append("\" height=\"22\" fill=\"").Append(colour).Append("\"/>");
            if (count > 0)
            {
                svg.Append("<text x=\"").Append(F(x + 2)).Append("\" y=\"42\">").Append(label).Append(' ').Append(count).Append("</text>");
            }

            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    private static string CountTable(string title, IReadOnlyList<Breakdown> rows)
    {
        var t = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>").Append(title).Append("</th><th>本月</th><th>占比</th><th>上月</th></tr></thead><tbody>");
        foreach (var b in rows.Take(15))
        {
            t.Append("<tr><td>").Append(E(Of(b.Key))).Append("</td><td>").Append(b.Count).Append("</td><td>").Append(E(WithUnit(b.Share, "percent"))).Append("</td><td>").Append(b.Previous).Append("</td></tr>");
        }

        return t.Append("</tbody></table></div>").ToString();
    }

    /// <summary>What fits beside a bar: about 24 Latin letters, a Chinese character counting as two.</summary>
    private static string Clip(string text)
    {
        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += text[i] > 0x2E7F ? 2 : 1;
            if (width > 24)
            {
                return text[..Math.Max(1, i - 1)] + "…";
            }
        }

        return text;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(Application.DisplayText.Neutralise(text));

    private static string Local(DateTimeOffset instant, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
