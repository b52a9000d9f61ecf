using AfterSales.Domain.Classification;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// The built-in classification rules, from the business rules' definitions: urgent = equipment down,
/// safety fault, core business affected; routine = maintenance advice, surveys, non-urgent follow-ups;
/// complaints before faults (a complaint about a fault is a complaint); then repair tags, consultation.
/// </summary>
public static class DefaultClassificationRules
{
    public static IReadOnlyList<ClassificationRule> All { get; } =
    [
        new("urgent-safety-or-down",
            ["停机", "无法开机", "不能开机", "开不了机", "冒烟", "漏电", "安全", "起火", "着火", "火花", "爆炸", "触电", "烧焦", "焦味", "停产", "瘫痪",
             "smoke", "sparks", "fire", "electric shock", "leaking current", "safety", "won't turn on", "will not turn on", "does not turn on", "cannot start", "production stopped", "system down"],
            Urgency: Urgency.Urgent),
        new("routine-maintenance",
            ["保养", "维护建议", "定期维护", "回访", "满意度", "调研", "maintenance advice", "routine maintenance", "survey", "feedback visit"],
            Urgency: Urgency.Routine),
        new("complaint",
            ["投诉", "不满意", "态度差", "态度恶劣", "索赔", "赔偿", "退款", "欺骗", "complaint", "complain", "refund", "compensation", "rude"],
            Type: TicketType.Complaint, Tag: "服务投诉"),
        new("repair-hardware",
            ["无法开机", "不能开机", "开不了机", "冒烟", "漏电", "漏水", "异响", "噪音", "不制冷", "不加热", "损坏", "坏了", "破裂", "烧焦", "停机", "故障",
             "broken", "noise", "leak", "no power", "overheat", "cracked", "won't turn on", "not working"],
            Type: TicketType.Repair, Tag: "硬件故障"),
        new("repair-software",
            ["死机", "闪退", "报错", "错误代码", "蓝屏", "软件", "系统", "固件", "升级失败", "卡顿", "crash", "error code", "bug", "software", "firmware", "freezes", "update failed"],
            Type: TicketType.Repair, Tag: "软件bug"),
        new("repair-installation",
            ["安装", "调试", "移机", "install", "set up", "setup"],
            Type: TicketType.Repair, Tag: "安装调试"),
        new("consultation",
            ["怎么", "如何", "咨询", "请问", "使用方法", "说明书", "价格", "how to", "how do", "question", "manual", "price"],
            Type: TicketType.Consultation, Tag: "使用咨询"),
        new("follow-up",
            ["回访", "follow-up", "follow up"],
            Type: TicketType.FollowUp, Tag: "回访"),
    ];
}
