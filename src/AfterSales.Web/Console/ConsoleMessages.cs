using System.Text.RegularExpressions;

namespace AfterSales.Web.Console;

/// <summary>
/// The validator's and the dispatcher's messages in Chinese, for the console's Chinese pages. The API answers in
/// English, and the console shows the very messages the API's validator gave (so a form and a request are judged
/// alike); here each known message, matched whole by its pattern, is said in Chinese with its values kept. A
/// message no pattern knows is shown as it came, in English.
/// </summary>
public static class ConsoleMessages
{
    private const string Any = "(.+)";

    private static readonly (Regex English, Func<Match, string> Chinese)[] Known =
    [
        // Any field.
        (P("This field is required."), T("必填。")),
        (P("Required."), T("必填。")),
        (P($"At most {N} characters; this has {N}."), T("最多 $1 个字，现在有 $2 个。")),
        (P($"At most {N} characters."), T("最多 $1 个字。")),
        (P("Control characters are not allowed."), T("不能包含控制字符。")),
        (P($"The text holds the control character {Any}; remove it."), T("文字中有控制字符 $1，请删除。")),
        (P($"Not a valid phone number.{Any}"), T("电话号码无效。请填写大陆手机或固话（13812345678、010-12345678），或带 + 和国家代码的国际号码。")),
        (P("Use the form yyyy-MM-dd, for example 2026-03-15."), T("日期格式为 yyyy-MM-dd，例如 2026-03-15。")),
        (P($"Use a date in the form yyyy-MM-dd{Any}"), T("日期格式为 yyyy-MM-dd，例如 2026-03-15。")),
        (P($"Required: a date and time with its offset{Any}"), T("必填：请填写日期和时间。")),
        (P($"Use a date and time with its offset{Any}"), T("请填写日期和时间（含时区），例如 2026-11-25T18:00:00+08:00。")),
        (P($"'{Any}' is not a date and time with its offset{Any}"), T("“$1”不是有效的日期和时间。")),
        (P($"'{Any}' is not allowed; use one of: {Any}."), T("“$1”不是可选的值，请从以下选择：$2。")),
        (P($"This field is required; use one of: {Any}."), T("必填：请选择一项。")),
        (P($"'{Any}' is not allowed; use yes, maybe or no."), T("“$1”不是可选的值，请选择 会、可能 或 不会。")),

        // Registering a request (template 1).
        (P("The customer is required: name and phone at least."), T("请填写客户信息：至少姓名和电话。")),
        (P("The product is required: model, purchase date and warranty status."), T("请填写产品信息：型号、购买日期和保修状态。")),
        (P("The problem description is required: at least the symptom."), T("请填写问题描述：至少填写故障现象。")),
        (P($"A second-level tag needs a type:{Any}"), T("填写二级标签时也要选择类型，或两者都不填。")),
        (P($"The purchase date cannot be after today ({Any})."), T("购买日期不能晚于今天（$1）。")),
        (P("The contact time cannot be in the future."), T("联系时间不能晚于现在。")),
        (P($"The contact time is more than 7 days ago;{Any}"), T("联系时间早于 7 天前：请不填联系时间登记，并在问题描述中说明。")),
        (P("The expected resolution time must be in the future."), T("期望完成时间必须晚于现在。")),
        (P($"Give latitude (-90..90) and longitude (-180..180){Any}"), T("请同时填写纬度（-90..90）和经度（-180..180），或都不填。")),

        // Service records, quotes, results, surveys.
        (P("A quantity from 1 to 1000."), T("数量为 1 到 1000。")),
        (P($"A unit price in yuan from 0 to {N} (0 under warranty)."), T("单价为 0 到 $1 元（保内为 0）。")),
        (P($"At most {N} parts per visit."), T("每次服务最多 $1 个配件。")),
        (P($"At most {N} lines per quote."), T("每份报价最多 $1 行。")),
        (P($"Give hours (0-100) and amount in yuan (0-{N}; 0 under warranty)."), T("请填写工时（0-100）和金额（0-$1 元；保内为 0）。")),
        (P($"Labour is 0-{N} yuan."), T("工时费为 0-$1 元。")),
        (P("Warranty is 0-120 months."), T("保修期为 0-120 个月。")),
        (P($"Months are 1-120, amounts 0-{N} yuan."), T("月数为 1-120，金额为 0-$1 元。")),
        (P($"Give the number (AS-20261123-00042) or id of the ticket this one duplicates."), T("请填写被重复的工单号（如 AS-20261123-00042）或 ID。")),
        (P($"Required: overall satisfaction from 1{Any}"), T("必填：总体满意度，1（非常不满意）到 10（非常满意）。")),
        (P($"A whole number from {N} to 10."), T("请填写 $1 到 10 的整数。")),
        (P($"Give the survey:{Any}"), T("请填写调查：至少总体满意度（1-10）；服务后还需服务态度、技术水平和效率（1-10）。")),

        // The lifecycle's checks.
        (P("Name the engineer to assign."), T("请选择要派工的工程师。")),
        (P($"Say how the customer answered{Any}"), T("请说明客户是如何答复的（例如 电话确认 14:05），会记入处理记录。")),
        (P("The engineer still has time to answer the offer."), T("工程师仍在接单时限内。")),
        (P("The window must end after it starts."), T("结束时间必须晚于开始时间。")),
        (P($"The window is already over;{Any}"), T("这个时间段已经过去，请约定之后的时间。")),
        (P("The visit must end after it starts."), T("服务结束时间必须晚于开始时间。")),
        (P($"The visit cannot start before the request reached us ({Any}); check the date."), T("服务开始时间不能早于受理时间（$1），请检查日期。")),
        (P("Record a visit once it is over; its end is in the future."), T("服务结束后再记录：结束时间不能晚于现在。")),
        (P("The service record needs what was found and what was done."), T("服务记录需要填写检查情况和处理措施。")),
        (P($"This work costs the customer ¥{Any} in this round, but the approved quotes cover ¥{Any}.{Any}"), T("本轮向客户收费 ¥$1，但客户已同意的报价只有 ¥$2。请先报价并取得客户同意再收费。")),
        (P($"A quote is for chargeable work:{Any}"), T("报价用于收费服务：请填写带价格的配件或工时费。")),
        (P($"Explain the cause and plan, and the risks,{Any}"), T("请先说明故障原因与维修方案以及风险，再请客户付费。")),
        (P($"Quote {N} is no longer the one waiting for an answer."), T("第 $1 份报价已不是等待答复的报价。")),
        (P($"A quote above ¥{Any} (this one: ¥{Any}) is approved only{Any}"), T("超过 ¥$1 的报价（本次 ¥$2）只能由客户在自己手机的链接上确认；可用“重发客户链接”再次发送。")),
        (P($"Overriding a classification needs a reason;{Any}"), T("修改分类需要填写原因，会记入处理记录。")),
        (P($"Say why you assign by hand{Any}"), T("请说明手动派工的原因（例如客户指定这位工程师），会记入处理记录。")),
        (P($"The ticket is already assigned to {Any}."), T("工单已派给 $1。")),
        (P($"Say why ({Any}); it is kept in the history."), T("请说明原因，会记入处理记录。")),
        (P("A duplicate names the ticket it duplicates."), T("重复工单需要填写被重复的工单。")),
        (P("Describe the result."), T("请描述处理结果。")),
        (P($"The product is under warranty: say why the customer pays{Any}"), T("产品在保修期内：请说明客户付费的原因（例如 人为损坏、耗材、保修范围外），或收费填 0。")),
        (P("Say what was done or answered."), T("请说明做了什么或如何解答。")),
        (P($"The customer refused quote {N};{Any}"), T("客户拒绝了第 $1 份报价：请重新报价，或以“客户拒绝报价，未维修”结案。")),
        (P("No refused quote in this round; choose another outcome."), T("本轮没有被拒绝的报价，请选择其他处理结果。")),
        (P("A repair result names the cause found."), T("维修结果需要填写故障原因。")),
        (P("A complaint result says how the complaint was resolved."), T("投诉结果需要说明投诉如何解决。")),
        (P("No follow-up call is open."), T("没有进行中的回访。")),
        (P($"No follow-up is open;{Any}"), T("没有进行中的回访：调查已填写或回访已结束。")),
        (P($"Round {N} already has its follow-up."), T("第 $1 轮已有回访。")),
        (P($"Only a follow-up visit{Any}"), T("只有回访类工单可在服务前进入回访队列。")),

        // Engineers and departments.
        (P("Required, at most 50 characters."), T("必填，最多 50 个字。")),
        (P("From 1 to 100 tickets at once."), T("同时处理 1 到 100 个工单。")),
        (P($"At least one skill:{Any}"), T("至少填写一项技能：系统只把工单派给有相应技能的工程师。")),
        (P($"Give productLine and tag{Any}"), T("请填写产品线和故障类型（* 表示全部，最多 50 个字）以及 1 到 5 的等级。")),
        (P($"Give a city (and optionally a district){Any}"), T("请填写城市（区县可选），各最多 50 个字。")),
        (P($"Give from and to as{Any}"), T("请填写开始和结束时间（结束晚于开始）。")),
        (P($"Required: the name the engineer signs in with{Any}"), T("必填：工程师的登录名（1 到 100 个字符：英文字母、数字和 . _ - @ +，以字母或数字开头和结尾）。")),
        (P($"The windows {Any} and {Any} overlap."), T("时段 $1 与 $2 重叠。")),
        (P($"The {Any} windows {Any} and {Any} overlap."), T("时段 $2 与 $3 重叠。")),
        (P($"Up to {N} sign-in names, each {Any}"), T("最多 $1 个登录名，每个 1 到 100 个字符：英文字母、数字和 . _ - @ +，以字母或数字开头和结尾。")),
        (P($"Required: true to dispatch automatically,{Any}"), T("必填：选择是否自动派工。")),
        (P("Required: repair, consultation or complaints."), T("必填：维修、咨询或投诉。")),

        // The ticket list's filters.
        (P("receivedTo must not be before receivedFrom."), T("结束日期不能早于开始日期。")),

        // Why the dispatcher ruled an engineer out.
        (P("inactive"), T("已停用")),
        (P($"department {Any}, not {Any}"), m => $"部门为{Department(m.Groups[1].Value)}，不是{Department(m.Groups[2].Value)}"),
        (P($"no skill for {Any} / {Any}"), T("没有 $1 / $2 的技能")),
        (P($"does not cover {Any}"), T("服务区域不含 $1")),
        (P("on leave"), T("休假中")),
        (P("off duty"), T("不在班")),
        (P($"at maximum load ({N}/{N})"), T("已满负荷（$1/$2）")),
        (P("already declined or let the offer lapse in this round"), T("本轮已拒单或超时未接")),

        // What a timer function did (管理 → 定时任务 → 立即运行).
        (P($"Removed {N} expired idempotency record(s) older than {Any}."), T("删除了 $1 条已过保留期的幂等记录。")),
        (P($"Removed {N} assignment-index entr(ies) no ticket backs."), T("删除了 $1 条没有工单对应的派工占用。")),
        (P($"Every ticket is in the ticket index ({N} stored earlier indexed now)."), T("所有工单都已编入工单索引（本次为 $1 张早先存储的工单编入）。")),
        (P($"Indexed {N} ticket(s) stored before the ticket index; more remain for the next run."), T("已为 $1 张早先存储的工单编入索引，其余的下次运行时继续。")),
        (P($"{N} due {Any}: {N} ticket(s) escalated, {N} with nothing due, {N} failed."), T("$1 条到期记录：$3 张工单已升级，$4 张无需处理，$5 张失败。")),
        (P($"{Any}: {Any} round {N} {Any} → {Any}"), T("$1：$2 第 $3 轮 $4 → $5")),
        (P($"{N} ticket(s) with SMS work: {N} sent, {N} kept in the local outbox, {N} to retry, {N} failed, {N} cancelled, {N} deferred."),
            T("$1 张工单有短信要处理：发送 $2 条，留在本地发件箱 $3 条，待重试 $4 条，失败 $5 条，取消 $6 条，推迟 $7 条。")),
        (P($"{N} follow-up(s) opened, {N} stale {Any} dropped, {N} failed."), T("新建回访 $1 个，丢弃过时记录 $2 条，失败 $4 个。")),
        (P($"{Any}: follow-up ({Any}) opened for the follow-up queue."), T("$1：新建回访（$2），进入回访队列。")),
        (P($"{Any}: follow-up ({Any}) opened for {Any}."), T("$1：新建回访（$2），交给 $3。")),
        (P($"{N} open ticket(s): {N} orchestration(s) started, {N} stuck one(s) woken."), T("$1 张未结工单：启动流程 $2 个，唤醒停滞的流程 $3 个。")),
        (P($"{N} owed start(s): {N} orchestration(s) started."), T("$1 个待启动的流程：已启动 $2 个。")),
        (P($"{Any}: orchestration started for round {N}."), T("$1：已为第 $2 轮启动流程。")),
        (P($"{Any}: orchestration not updated since {Any}; woken."), T("$1：流程自 $2 起没有进展，已唤醒。")),
        (P($"{Any}: orchestration had none; started for round {N}."), T("$1：没有流程，已为第 $2 轮启动。")),
        (P($"{Any}: orchestration was {Any}; started for round {N}."), T("$1：流程状态为 $2，已为第 $3 轮重新启动。")),
        (P($"Day {N}: the {Any} report is made on the 1st (caught up until day {N})."), T("今天是 $1 日：$2 月报在每月 1 日生成（$3 日前补做）。")),
        (P($"The {Any} report is already stored."), T("$1 月报已经生成。")),
        (P($"The {Any} report is being made by run {Any}."), T("$1 月报正由运行 $2 生成。")),
        (P($"Report {Any} stored (run {Any}, {N} projection rows read)."), T("$1 月报已生成（运行 $2，读取 $3 行统计数据）。")),
        (P($"Report {Any} failed (run {Any}): {Any}"), T("$1 月报生成失败（运行 $2）：$3")),
    ];

    private const string N = "(\\d+)";

    /// <summary>A department by its API name, in words.</summary>
    private static string Department(string name) => name switch
    {
        "repair" => "维修",
        "consultation" => "咨询",
        "complaints" => "投诉",
        _ => name,
    };

    /// <summary>A Chinese message with the values the pattern caught put in for <c>$1</c>, <c>$2</c> ….</summary>
    private static Func<Match, string> T(string chinese) => match => match.Result(chinese);

    /// <summary>The message in Chinese when it is a known one; otherwise as it came.</summary>
    public static string InChinese(string message)
    {
        foreach (var (english, chinese) in Known)
        {
            var match = english.Match(message);
            if (match.Success)
            {
                return chinese(match);
            }
        }

        return message;
    }

    /// <summary>Whether a pattern knows <paramref name="message"/>.</summary>
    public static bool IsKnown(string message) => Known.Any(k => k.English.IsMatch(message));

    /// <summary>A whole message: the text literally, with <c>(.+)</c> and <c>(\d+)</c> standing for values.</summary>
    private static Regex P(string pattern)
    {
        var escaped = Regex.Escape(pattern)
            .Replace(Regex.Escape(Any), Any, StringComparison.Ordinal)
            .Replace(Regex.Escape("(\\d+)"), "(\\d+)", StringComparison.Ordinal);
        return new Regex($"^{escaped}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
    }
}
