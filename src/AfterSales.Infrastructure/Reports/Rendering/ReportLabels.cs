using System.Globalization;
using AfterSales.Domain.Reports;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>Chinese labels of the report's keys and units, and how its numbers are written.</summary>
public static class ReportLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        // Headline.
        ["tickets"] = "工单量",
        ["complaintRate"] = "投诉率",
        ["responseHours"] = "平均响应时长",
        ["resolutionHours"] = "平均解决时长",
        ["mttrHours"] = "平均修复时长 MTTR",
        ["slaMet"] = "SLA 达成率",
        ["firstTimeFix"] = "一次性解决率",
        ["reopenRate"] = "二次处理率",
        ["satisfaction"] = "总体满意度",
        ["satisfiedShare"] = "满意率（≥7分）",
        ["nps"] = "净推荐值 NPS",
        ["followUpCompletion"] = "回访完成率",
        ["escalations"] = "升级次数",
        ["partsAmount"] = "备件及人工收费",
        // Types.
        ["repair"] = "维修类",
        ["consultation"] = "咨询类",
        ["complaint"] = "投诉类",
        ["followUp"] = "回访",
        ["unclassified"] = "未分类",
        // Channels.
        ["phone"] = "电话",
        ["web"] = "官网",
        ["wechat"] = "微信",
        ["app"] = "APP",
        ["email"] = "邮件",
        ["chat"] = "在线客服",
        ["walkIn"] = "到店",
        // Urgency.
        ["urgent"] = "紧急",
        ["normal"] = "一般",
        ["routine"] = "常规",
        // Escalation levels.
        ["warning"] = "预警",
        ["supervisor"] = "一级（主管）",
        ["manager"] = "二级（经理）",
        // Steps (clock kinds).
        ["registration"] = "登记",
        ["assignment"] = "分类派单",
        ["response"] = "首次响应",
        ["resolution"] = "解决",
        ["feedback"] = "结果反馈",
        ["confirmation"] = "客户确认",
        // Confirmation ratings.
        ["satisfied"] = "满意",
        ["basicallySatisfied"] = "基本满意",
        ["notSatisfied"] = "不满意",
        // Survey dimensions.
        ["attitude"] = "服务态度",
        ["skill"] = "专业技能",
        ["efficiency"] = "处理效率",
        ["overall"] = "总体满意度",
        ["all"] = "全部",
        ["registration"] = "登记时限",
        ["assignment"] = "分类派单时限",
        ["complaint-first-feedback"] = "投诉首次反馈",
        ["complaint-resolution"] = "投诉解决时限",
        ["urgent-response"] = "紧急响应",
        ["urgent-resolution"] = "紧急解决",
        ["normal-response"] = "一般响应",
        ["normal-resolution"] = "一般解决",
        ["routine-response"] = "常规响应",
        ["result-feedback"] = "结果反馈",
        ["customer-confirmation"] = "客户确认",
        ["follow-up"] = "回访时限",
        [MonthlyReportCalculator.None] = "未填写",
    };

    /// <summary>The Chinese label of a key; the key itself for data values (models, tags, cities, targets).</summary>
    public static string Of(string key) => Labels.GetValueOrDefault(key, key);

    /// <summary>The label of a step: "follow-up" is a step limit (回访时限) where it is a clock kind.</summary>
    public static string Step(string key) => key == "followUp" ? "回访" : Of(key);

    /// <summary>A number as the report prints it: at most 2 decimals, invariant digits; "—" for nothing.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A money amount, 2 decimals.</summary>
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A value with its unit (12.5%, 3.2 小时, 8.1 分, ¥1,200.00).</summary>
    public static string WithUnit(double? value, string unit) => value is null ? "—" : unit switch
    {
        "percent" => $"{Number(value)}%",
        "hours" => $"{Number(value)} 小时",
        "score" => $"{Number(value)} 分",
        "yuan" => $"¥{value.Value.ToString("#,0.00", CultureInfo.InvariantCulture)}",
        _ => Number(value),
    };

    /// <summary>A change with its sign and unit (+1.5 个百分点 for percentages).</summary>
    public static string Change(double? change, string unit) => change is not { } c ? "—" : (c > 0 ? "+" : string.Empty) + unit switch
    {
        "percent" => $"{Number(c)} 个百分点",
        "hours" => $"{Number(c)} 小时",
        "yuan" => $"¥{c.ToString("#,0.00", CultureInfo.InvariantCulture)}",
        _ => Number(c),
    };

    /// <summary>"2026年11月".</summary>
    public static string MonthTitle(string month) => $"{month[..4]}年{int.Parse(month[5..], CultureInfo.InvariantCulture)}月";
}
