using AfterSales.Domain.Tickets;

namespace AfterSales.Web.Console;

/// <summary>
/// The console's words in Chinese (the default) and English. The language is <c>?lang=en</c> / <c>?lang=zh</c>, kept in
/// a cookie once chosen.
/// </summary>
public sealed partial class ConsoleText(bool english)
{
    public const string LanguageCookie = "aftersales.console.lang";

    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["brand"] = ("售后服务台", "AfterSales console"),
        ["myWork"] = ("工作台", "My work"),
        ["signIn"] = ("登录", "Sign in"),
        ["signOut"] = ("退出", "Sign out"),
        ["signInTitle"] = ("登录售后服务台", "Sign in to the AfterSales console"),
        ["devUsers"] = ("开发环境：选择一位开发用户登录（每个角色一位）。", "Development: sign in as one of the development users (one per role)."),
        ["noDevSignIn"] = ("企业账号（Microsoft Entra ID）登录尚未配置（Auth:Entra:Authority 和 Auth:Entra:ClientId），请联系管理员。开发用户只在开发环境中可用。", "Sign-in with your organisation account (Microsoft Entra ID) is not configured yet (Auth:Entra:Authority and Auth:Entra:ClientId); ask your administrator. Development users exist only in Development."),
        ["entraSignIn"] = ("使用企业账号登录（Microsoft Entra ID）", "Sign in with your organisation account (Microsoft Entra ID)"),
        ["entraFailed"] = ("企业账号登录没有完成，请重试；如果一再失败，请联系管理员。", "The sign-in with your organisation account did not complete; try again, and ask your administrator if it keeps failing."),
        ["expired"] = ("页面已过期，请重新选择登录。", "The page had expired; please choose again."),
        ["unknownUser"] = ("没有这个开发用户，请从列表中选择。", "There is no such development user; choose one from the list."),
        ["deniedTitle"] = ("无权访问", "Not allowed"),
        ["deniedBody"] = ("您的角色不能打开这个页面。请返回工作台，或换一个有权限的账号登录。", "Your role cannot open this page. Go back to your work, or sign in with an account that may."),
        ["inboxEmpty"] = ("暂无待办事项。新的升级、回访电话和二次处理会出现在这里。", "Nothing needs you now. New escalations, follow-up calls and second handlings appear here."),
        ["items"] = ("待办", "Items"),
        ["kind.escalation"] = ("升级", "Escalation"),
        ["kind.followUp"] = ("回访电话", "Follow-up call"),
        ["kind.secondHandling"] = ("二次处理", "Second handling"),
        ["level.warning"] = ("预警", "Warning"),
        ["level.supervisor"] = ("一级升级", "Level 1"),
        ["level.manager"] = ("二级升级", "Level 2"),
        ["ticket"] = ("工单", "Ticket"),
        ["what"] = ("事项", "What"),
        ["due"] = ("时限", "Due"),
        ["status"] = ("状态", "Status"),
        ["nextCall"] = ("下次拨打", "Next call"),
        ["left"] = ("剩余{0}", "{0} left"),
        ["late"] = ("已超时{0}", "{0} late"),
        ["notFoundTitle"] = ("找不到工单或页面", "Ticket or page not found"),
        ["notFoundBody"] = ("请检查工单号或地址后重试，或回到工作台。", "Check the ticket number or the address and try again, or go back to your work."),
        ["summary"] = ("概况", "Summary"),
        ["customer"] = ("客户", "Customer"),
        ["phone"] = ("电话", "Phone"),
        ["address"] = ("地址", "Address"),
        ["masked"] = ("（已脱敏：您的角色不需要完整联系方式）", "(masked: your role does not need the full contact details)"),
        ["product"] = ("产品", "Product"),
        ["purchased"] = ("购买日期", "Purchased"),
        ["warranty"] = ("保修", "Warranty"),
        ["problem"] = ("问题描述", "Problem"),
        ["channel"] = ("渠道", "Channel"),
        ["received"] = ("受理时间", "Received"),
        ["classification"] = ("分类", "Classification"),
        ["decidedBy"] = ("依据", "Decided by"),
        ["assignedTo"] = ("工程师", "Engineer"),
        ["round"] = ("处理轮次", "Round"),
        ["clocks"] = ("服务时限", "Time limits"),
        ["workflow"] = ("流程", "Workflow"),
        ["waitsFor"] = ("等待", "Waits for"),
        ["until"] = ("截止", "Until"),
        ["timeline"] = ("处理记录", "Timeline"),
        ["allowed"] = ("当前可执行操作", "Commands allowed now"),
        ["none"] = ("无", "none"),
        ["state.running"] = ("正常", "On track"),
        ["state.atRisk"] = ("预警", "At risk"),
        ["state.breached"] = ("已超时", "Breached"),
        ["state.paused"] = ("已暂停", "Paused"),
        ["state.met"] = ("已达成", "Met"),
        ["state.notCounted"] = ("不计", "Not counted"),
        ["by"] = ("操作人", "By"),
        ["when"] = ("时间", "When"),
        ["event"] = ("事件", "Event"),
        ["note"] = ("说明", "Note"),
        ["language"] = ("English", "中文"),
        ["tickets"] = ("工单", "Tickets"),
        ["filter"] = ("筛选", "Filter"),
        ["clear"] = ("清除", "Clear"),
        ["any"] = ("全部", "Any"),
        ["receivedFrom"] = ("受理日期从", "Received from"),
        ["receivedTo"] = ("至", "to"),
        ["queue"] = ("待派队列", "Queue"),
        ["next"] = ("下一页", "Next page"),
        ["noTickets"] = ("没有符合条件的工单。", "No ticket matches."),
        ["typeUrgency"] = ("类型/紧急程度", "Type / urgency"),
        ["clock"] = ("最紧迫时限", "Most urgent limit"),
        ["fixFilters"] = ("筛选条件有误，请按提示修改。", "Some filters are wrong; fix them as shown."),
        ["Department.Repair"] = ("维修", "Repair"),
        ["Department.Consultation"] = ("咨询", "Consultation"),
        ["Department.Complaints"] = ("投诉", "Complaints"),
    };

    private static readonly Dictionary<TicketStatus, (string Zh, string En)> Statuses = new()
    {
        [TicketStatus.Received] = ("已受理", "Received"),
        [TicketStatus.Classified] = ("待派工", "Classified"),
        [TicketStatus.Assigned] = ("已派工待接单", "Assigned"),
        [TicketStatus.Accepted] = ("已接单", "Accepted"),
        [TicketStatus.InService] = ("服务中", "In service"),
        [TicketStatus.WaitingForCustomer] = ("等待客户", "Waiting for customer"),
        [TicketStatus.WaitingForParts] = ("等待备件", "Waiting for parts"),
        [TicketStatus.WaitingForApproval] = ("等待报价确认", "Waiting for approval"),
        [TicketStatus.Resolved] = ("已解决待反馈", "Resolved"),
        [TicketStatus.AwaitingConfirmation] = ("待客户确认", "Awaiting confirmation"),
        [TicketStatus.Confirmed] = ("已确认", "Confirmed"),
        [TicketStatus.FollowUp] = ("回访中", "Follow-up"),
        [TicketStatus.Closed] = ("已关闭", "Closed"),
        [TicketStatus.Cancelled] = ("已取消", "Cancelled"),
        [TicketStatus.Reopened] = ("二次处理", "Reopened"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Roles = new(StringComparer.Ordinal)
    {
        ["agent"] = ("客服专员", "Agent"),
        ["supervisor"] = ("客服主管", "Supervisor"),
        ["engineer"] = ("工程师", "Engineer"),
        ["followup"] = ("回访专员", "Follow-up agent"),
        ["manager"] = ("客服经理", "Manager"),
        ["system"] = ("系统", "System"),
        ["customer"] = ("客户", "Customer"),
        ["integration"] = ("对接系统", "Integration"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Values = new(StringComparer.Ordinal)
    {
        ["TicketType.Repair"] = ("维修", "Repair"),
        ["TicketType.Consultation"] = ("咨询", "Consultation"),
        ["TicketType.Complaint"] = ("投诉", "Complaint"),
        ["TicketType.FollowUp"] = ("回访", "Follow-up"),
        ["Urgency.Urgent"] = ("紧急", "Urgent"),
        ["Urgency.Normal"] = ("一般", "Normal"),
        ["Urgency.Routine"] = ("常规", "Routine"),
        ["Channel.Phone"] = ("电话", "Phone"),
        ["Channel.Web"] = ("官网", "Website"),
        ["Channel.Wechat"] = ("微信", "WeChat"),
        ["Channel.App"] = ("手机应用", "App"),
        ["Channel.Email"] = ("邮件", "Email"),
        ["Channel.Chat"] = ("在线客服", "Online chat"),
        ["Channel.WalkIn"] = ("到店", "Walk-in"),
        ["WarrantyStatus.InWarranty"] = ("保内", "In warranty"),
        ["WarrantyStatus.OutOfWarranty"] = ("保外", "Out of warranty"),
        ["WarrantyStatus.Unknown"] = ("不详", "Unknown"),
        ["ClassificationSource.Rules"] = ("分类规则", "Rules"),
        ["ClassificationSource.Staff"] = ("人工", "Staff"),
    };

    public bool English { get; } = english;

    /// <summary>A value of the domain's enums in words (维修, 紧急, 电话, 保内 …); the value's name when it has none.</summary>
    public string Name<T>(T? value) where T : struct, Enum =>
        value is not { } v ? this["none"]
        : Choice(typeof(T), v.ToString());

    /// <summary>A value of the enum <paramref name="type"/>, given by its name (either case), in words; the name when it has none.</summary>
    public string Choice(Type type, string name)
    {
        var key = $"{type.Name}.{char.ToUpperInvariant(name[0])}{name[1..]}";
        return Values.TryGetValue(key, out var w) || FormValues.TryGetValue(key, out w) || Words.TryGetValue(key, out w) ? (English ? w.En : w.Zh) : name;
    }

    /// <summary>The <c>lang</c> attribute of the page.</summary>
    public string HtmlLang => English ? "en" : "zh-CN";

    /// <summary>The language the request asks for: <c>?lang=</c>, else the cookie, else Chinese.</summary>
    public static ConsoleText For(HttpContext context) =>
        new(string.Equals(context.Request.Query["lang"].FirstOrDefault() ?? context.Request.Cookies[LanguageCookie], "en", StringComparison.OrdinalIgnoreCase));

    public string this[string key] => Words.TryGetValue(key, out var w) || FormWords.TryGetValue(key, out w) ? (English ? w.En : w.Zh) : key;

    /// <summary>A message of the validator or the dispatcher (in English) as this page's language says it.</summary>
    public string Message(AfterSales.Domain.Explanations.Explanation message) =>
        AfterSales.Application.Language.Messages.Say(message, English ? AfterSales.Domain.Customers.CustomerLanguage.En : AfterSales.Domain.Customers.CustomerLanguage.Zh);

    public string Format(string key, params object[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], values);

    public string Status(TicketStatus status) => Statuses.TryGetValue(status, out var s) ? (English ? s.En : s.Zh) : status.ToString();

    public string Role(string role) => Roles.TryGetValue(role, out var r) ? (English ? r.En : r.Zh) : role;

    /// <summary>An instant in the business's time zone: 11月23日 10:00 (23 Nov 10:00), with the year when <paramref name="year"/>.</summary>
    public string Local(DateTimeOffset instant, TimeZoneInfo zone, bool year = false) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(
            English ? (year ? "d MMM yyyy HH:mm" : "d MMM HH:mm") : (year ? "yyyy年M月d日 HH:mm" : "M月d日 HH:mm"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A span of time as people say it: 2天3小时, 1小时20分, 45分 (2d 3h, 1h 20m, 45m).</summary>
    public string Span(TimeSpan span)
    {
        span = span.Duration();
        var (d, h, m) = ((int)span.TotalDays, span.Hours, Math.Max(span.Minutes, span.TotalMinutes < 1 ? 1 : 0));
        return English
            ? d > 0 ? $"{d}d {h}h" : h > 0 ? $"{h}h {m}m" : $"{m}m"
            : d > 0 ? $"{d}天{h}小时" : h > 0 ? $"{h}小时{m}分" : $"{m}分";
    }
}
