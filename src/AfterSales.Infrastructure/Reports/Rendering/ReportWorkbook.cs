using System.IO.Compression;
using AfterSales.Domain.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static AfterSales.Infrastructure.Reports.Rendering.ReportLabels;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>
/// The report as an Excel workbook (Open XML SDK), one sheet per section, numbers as numbers. The package is
/// re-zipped with fixed entry times, so the same report gives the same bytes.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The entry time written into the package (zip needs one; a fixed one keeps runs identical).</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Render(MonthlyReport r)
    {
        using var raw = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(raw, SpreadsheetDocumentType.Workbook))
        {
            // Relationship ids are given, not generated: a generated one differs on every run.
            var workbook = document.AddWorkbookPart();
            document.ChangeIdOfPart(workbook, "rId1");
            workbook.Workbook = new Workbook(new Sheets());
            var sheets = workbook.Workbook.Sheets!;
            uint id = 1;
            void Sheet(string name, IEnumerable<IReadOnlyList<object?>> rows)
            {
                var part = workbook.AddNewPart<WorksheetPart>($"rId{id}");
                var data = new SheetData();
                uint index = 1;
                foreach (var values in rows)
                {
                    var row = new Row { RowIndex = index++ };
                    foreach (var value in values)
                    {
                        row.Append(Cell(value));
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                sheets.Append(new Sheet { Id = $"rId{id}", SheetId = id, Name = name });
                id++;
            }

            Sheet("概览", Overview(r));
            Sheet("工单量", Volume(r));
            Sheet("时效", Times(r));
            Sheet("SLA", Sla(r));
            Sheet("质量与回访", Quality(r));
            Sheet("满意度", Satisfaction(r));
            Sheet("高频问题", [["型号", "标签", "本月", "上月", "变化", "变化率%", "激增"], .. r.Problems.Select(p => Row(p.Model, Of(p.Tag), p.Count, p.Previous, p.Change, p.ChangePercent, p.Jumped ? "是" : "否"))]);
            Sheet("工程师", [["工程师", "解决", "一次性解决率%", "调研", "响应速度", "服务态度", "专业技能", "处理效率", "满意度", "综合得分"],
                .. r.Engineers.Select(e => Row(e.Name ?? e.Engineer, e.Resolved, e.FirstTimeFix.Value, e.Surveys, e.ResponseSpeed, e.Attitude, e.Skill, e.Efficiency, e.Satisfaction, e.Composite))]);
            Sheet("备件", [["备件号", "名称", "数量", "金额（元）"], .. r.Parts.Rows.Select(p => Row(p.PartNumber, p.Name, p.Quantity, p.Amount)),
                Row(), Row("备件合计", null, r.Parts.Pieces, r.Parts.PartsAmount), Row("人工", null, null, r.Parts.Labour), Row("合计", null, null, r.Parts.Total), Row("上月合计", null, null, r.Parts.PreviousTotal)]);
            workbook.Workbook.Save();
        }

        return Normalise(raw.ToArray());
    }

    private static IReadOnlyList<object?> Row(params object?[] values) => values;

    private static IEnumerable<IReadOnlyList<object?>> Overview(MonthlyReport r)
    {
        yield return Row("售后服务月度报告", MonthTitle(r.Month));
        yield return Row("统计期间", r.From.ToString("O"), r.To.ToString("O"), r.TimeZone);
        if (r.Provisional)
        {
            yield return Row("临时报告，数据截至", r.AsOf?.ToString("O"));
        }

        yield return Row();
        yield return Row("指标", "本月", "上月", "变化", "单位");
        foreach (var k in r.Headline)
        {
            yield return Row(Of(k.Key), k.Value, k.Previous, k.Change, k.Unit);
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Volume(MonthlyReport r)
    {
        yield return Row("合计", r.Volume.Total, r.Volume.Previous);
        yield return Row("取消", r.Volume.Cancelled);
        foreach (var (title, items) in new[] { ("类型", r.Volume.ByType), ("二级标签", r.Volume.ByTag), ("渠道", r.Volume.ByChannel), ("紧急程度", r.Volume.ByUrgency), ("产品型号", r.Volume.ByModel), ("地区", r.Volume.ByRegion) })
        {
            yield return Row();
            yield return Row(title, "本月", "占比%", "上月");
            foreach (var b in items)
            {
                yield return Row(Of(b.Key), b.Count, b.Share, b.Previous);
            }
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Times(MonthlyReport r)
    {
        yield return Row("指标（小时）", "数量", "平均", "中位数", "P90", "工作时间平均", "工作时间中位数", "工作时间P90", "上月平均");
        foreach (var (label, t) in new[] { ("响应时长", r.Times.Response), ("解决时长", r.Times.Resolution), ("投诉解决时长", r.Times.ComplaintResolution), ("MTTR（维修类）", r.Times.Mttr) })
        {
            yield return Row(label, t.Elapsed.Count, t.Elapsed.Mean, t.Elapsed.Median, t.Elapsed.P90, t.Business.Mean, t.Business.Median, t.Business.P90, t.PreviousMean);
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Sla(MonthlyReport r)
    {
        yield return Row("时限", "达成", "超时", "达成率%", "上月%");
        yield return Row("全部", r.Sla.All.Met, r.Sla.All.Breached, r.Sla.All.Share, r.Sla.All.PreviousShare);
        yield return Row();
        yield return Row("SLA 目标", "达成", "超时", "达成率%", "上月%");
        foreach (var s in r.Sla.ByTarget)
        {
            yield return Row(s.Key, s.Met, s.Breached, s.Share, s.PreviousShare);
        }

        yield return Row();
        yield return Row("环节时限", "达成", "超时", "达成率%", "上月%");
        foreach (var s in r.Sla.ByStep)
        {
            yield return Row(Step(s.Key), s.Met, s.Breached, s.Share, s.PreviousShare);
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Quality(MonthlyReport r)
    {
        yield return Row("指标", "分子", "分母", "本月%", "上月%");
        foreach (var (label, rate) in new[] { ("一次性解决率", r.Quality.FirstTimeFix), ("二次处理率", r.Quality.Reopen), ("投诉率", r.Quality.Complaint), ("回访完成率", r.FollowUps.Completion), ("回访按时完成率", r.FollowUps.OnTime) })
        {
            yield return Row(label, rate.Numerator, rate.Denominator, rate.Value, rate.Previous);
        }

        yield return Row();
        yield return Row("回访到期", r.FollowUps.Due);
        yield return Row("回访完成", r.FollowUps.Done);
        yield return Row("无法联系", r.FollowUps.Unreachable);
        yield return Row("月末未完成", r.FollowUps.Open);
        yield return Row();
        yield return Row("升级级别", "本月", "占比%", "上月");
        foreach (var b in r.Escalations.ByLevel)
        {
            yield return Row(Of(b.Key), b.Count, b.Share, b.Previous);
        }

        yield return Row("升级合计", r.Escalations.Total, null, r.Escalations.Previous);
    }

    private static IEnumerable<IReadOnlyList<object?>> Satisfaction(MonthlyReport r)
    {
        yield return Row("调研份数", r.Satisfaction.Surveys);
        yield return Row();
        yield return Row("维度", "回答数", "平均分", "≥7分占比%", "上月平均");
        foreach (var d in r.Satisfaction.Dimensions)
        {
            yield return Row(Of(d.Key), d.Count, d.Mean, d.ShareAtLeastPass, d.PreviousMean);
        }

        var nps = r.Satisfaction.Nps;
        yield return Row();
        yield return Row("NPS", nps.Score, "上月", nps.Previous);
        yield return Row("推荐者 9-10", nps.Promoters);
        yield return Row("中立者 7-8", nps.Passives);
        yield return Row("贬损者 0-6", nps.Detractors);
        yield return Row();
        yield return Row("客户确认评价", "本月", "占比%", "上月");
        foreach (var b in r.Satisfaction.Confirmations)
        {
            yield return Row(Of(b.Key), b.Count, b.Share, b.Previous);
        }
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i) },
        double d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d) },
        decimal m => new Cell { DataType = CellValues.Number, CellValue = new CellValue(m) },
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? string.Empty)) },
    };

    /// <summary>The same entries, in the same order, with a fixed time: the package writer stamps the current time.</summary>
    private static byte[] Normalise(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
