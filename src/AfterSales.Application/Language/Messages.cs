using AfterSales.Domain.Explanations;
using System.Globalization;
using System.Text;
using AfterSales.Domain.Customers;

namespace AfterSales.Application.Language;

/// <summary>
/// What the validators, the lifecycle's checks, the dispatcher and the timers say, by code (<see cref="MessageCodes"/>),
/// in each language the product speaks: one entry per code with its English and its Chinese text, side by side so
/// that neither can be forgotten. A message is put into words where it is shown — the API in English, the console and
/// the customer's pages in the reader's language. Placeholders are <c>{0}</c>, <c>{1}</c> …; <c>{n:department}</c>
/// writes a department's API name in the reader's words, <c>{n:line}</c> and <c>{n:tag}</c> an empty one as "any".
/// </summary>
public static class Messages
{
    private static readonly Dictionary<string, (string English, string Chinese)> Texts = new(StringComparer.Ordinal)
    {
        // Any field.
        [MessageCodes.Required] = ("This field is required.", "必填。"),
        [MessageCodes.RequiredShort] = ("Required.", "必填。"),
        [MessageCodes.Number] = ("Enter a number (for example 2 or 12.5).", "请填写数字（例如 2 或 12.5）。"),
        [MessageCodes.TooLongHas] = ("At most {0} characters; this has {1}.", "最多 {0} 个字，现在有 {1} 个。"),
        [MessageCodes.TooLong] = ("At most {0} characters.", "最多 {0} 个字。"),
        [MessageCodes.ControlCharacters] = ("Control characters are not allowed.", "不能包含控制字符。"),
        [MessageCodes.Phone] = (
            "Not a valid phone number. Use a mainland mobile or landline (13812345678, 010-12345678) or an international number with + and country code.",
            "电话号码无效。请填写大陆手机或固话（13812345678、010-12345678），或以 + 和国家代码开头的国际号码。"),
        [MessageCodes.Date] = ("Use the form yyyy-MM-dd, for example 2026-03-15.", "请按“年-月-日”填写日期，例如 2026-03-15。"),
        [MessageCodes.DateRule] = ("Use a date in the form yyyy-MM-dd, in the years 2000-2099 (business-local).", "请按“年-月-日”填写 2000 至 2099 年的日期，例如 2026-03-15。"),
        [MessageCodes.Instant] = ("Use a date and time with its offset, in the years 2000-2099, for example {0}.", "请填写日期和时间，例如 2026-11-25 18:00。"),
        [MessageCodes.InstantRequired] = ("Required: a date and time with its offset, in the years 2000-2099, e.g. {0}.", "必填：请填写日期和时间。"),
        [MessageCodes.InstantWrong] = ("'{0}' is not a date and time with its offset, in the years 2000-2099, e.g. {1}.", "“{0}”不是有效的日期和时间，请重新选择。"),
        [MessageCodes.NotAllowed] = ("'{0}' is not allowed; use one of: {1}.", "“{0}”不是可选的值，请从列表中选择。"),
        [MessageCodes.RequiredChoice] = ("This field is required; use one of: {0}.", "必填：请选择一项。"),

        // Registering a request (template 1).
        [MessageCodes.IntakeCustomer] = ("The customer is required: name and phone at least.", "请填写客户信息：至少姓名和电话。"),
        [MessageCodes.IntakeProduct] = ("The product is required: model, purchase date and warranty status.", "请填写产品信息：型号、购买日期和保修状态。"),
        [MessageCodes.IntakeDescription] = ("The problem description is required: at least the symptom.", "请填写问题描述：至少填写故障现象。"),
        [MessageCodes.IntakeTagNeedsType] = ("A second-level tag needs a type: send type as well, or leave both out.", "填写二级标签时也要选择类型，或两者都不填。"),
        [MessageCodes.IntakePurchaseAfterToday] = ("The purchase date cannot be after today ({0}).", "购买日期不能晚于今天（{0}）。"),
        [MessageCodes.IntakeContactFuture] = ("The contact time cannot be in the future.", "联系时间不能晚于现在。"),
        [MessageCodes.IntakeContactTooOld] = (
            "The contact time is more than 7 days ago; register the request without it and explain in the description.",
            "联系时间早于 7 天前：请不填联系时间登记，并在问题描述中说明。"),
        [MessageCodes.IntakeExpectedPast] = ("The expected resolution time must be in the future.", "期望完成时间必须晚于现在。"),
        [MessageCodes.IntakeLocation] = ("Give latitude (-90..90) and longitude (-180..180) in degrees, or leave location out.", "请同时填写纬度（-90..90）和经度（-180..180），或都不填。"),

        // Service records, quotes, results, surveys.
        [MessageCodes.PartQuantity] = ("A quantity from 1 to 1000.", "数量为 1 到 1000。"),
        [MessageCodes.PartUnitPrice] = ("A unit price in yuan from 0 to {0} (0 under warranty).", "单价为 0 到 {0} 元（保内为 0）。"),
        [MessageCodes.PartsPerVisit] = ("At most {0} parts per visit.", "每次服务最多 {0} 个配件。"),
        [MessageCodes.LinesPerQuote] = ("At most {0} lines per quote.", "每份报价最多 {0} 行。"),
        [MessageCodes.VisitLabour] = ("Give hours (0-100) and amount in yuan (0-{0}; 0 under warranty).", "请填写工时（0-100）和金额（0-{0} 元；保内为 0）。"),
        [MessageCodes.QuoteLabour] = ("Labour is 0-{0} yuan.", "工时费为 0-{0} 元。"),
        [MessageCodes.WarrantyMonths] = ("Warranty is 0-120 months.", "保修期为 0-120 个月。"),
        [MessageCodes.CompensationRange] = ("Months are 1-120, amounts 0-{0} yuan.", "月数为 1-120，金额为 0-{0} 元。"),
        [MessageCodes.DuplicateOf] = ("Give the number (AS-20261123-00042) or id of the ticket this one duplicates.", "请填写被重复的工单号（如 AS-20261123-00042）。"),
        [MessageCodes.SurveyMissing] = (
            "Give the survey: at least overall (1-10); attitude, skill and efficiency (1-10) after a service.",
            "请填写调查：至少总体满意度（1-10）；服务后还需服务态度、技术水平和效率（1-10）。"),
        [MessageCodes.SurveyOverall] = ("Required: overall satisfaction from 1 (very dissatisfied) to 10 (very satisfied).", "必填：总体满意度，1（非常不满意）到 10（非常满意）。"),
        [MessageCodes.SurveyBuyAgain] = ("'{0}' is not allowed; use yes, maybe or no.", "“{0}”不是可选的值，请选择 会、可能 或 不会。"),
        [MessageCodes.SurveyScore] = ("A whole number from {0} to 10.", "请填写 {0} 到 10 的整数。"),
        [MessageCodes.SurveyScores] = ("Scores are whole numbers from 1 (very dissatisfied) to 10 (very satisfied).", "评分为 1（非常不满意）到 10（非常满意）的整数。"),
        [MessageCodes.SurveyRecommend] = ("Likelihood to recommend is 0 (not at all) to 10 (certainly).", "推荐意愿为 0（完全不会）到 10（一定会）。"),

        // The lifecycle's checks.
        [MessageCodes.QuoteAboveLimitLink] = (
            "A quote above ¥{0} (this one: ¥{1}) is approved only by the customer through the link sent to their phone; send it again with resend-link.",
            "超过 ¥{0} 的报价（本次 ¥{1}）只能由客户在自己手机的链接上确认；可用“重发客户链接”再次发送。"),
        [MessageCodes.QuoteAboveLimitOwnPhone] = (
            "A quote above ¥{0} (this one: ¥{1}) is approved only on the customer's own phone; send the link with resend-link.",
            "超过 ¥{0} 的报价（本次 ¥{1}）只能在客户自己的手机上确认；请用“重发客户链接”发送。"),
        [MessageCodes.AssignWho] = ("Name the engineer to assign.", "请选择要派工的工程师。"),
        [MessageCodes.QuoteAnswerHow] = ("Say how the customer answered (e.g. 电话确认 14:05); it is kept in the history.", "请说明客户是如何答复的（例如 电话确认 14:05），会记入处理记录。"),
        [MessageCodes.OfferStillOpen] = ("The engineer still has time to answer the offer.", "工程师仍在接单时限内。"),
        [MessageCodes.WindowBackwards] = ("The window must end after it starts.", "结束时间必须晚于开始时间。"),
        [MessageCodes.WindowOver] = ("The window is already over; agree a time that is still to come.", "这个时间段已经过去，请约定之后的时间。"),
        [MessageCodes.VisitBackwards] = ("The visit must end after it starts.", "服务结束时间必须晚于开始时间。"),
        [MessageCodes.VisitBeforeRequest] = ("The visit cannot start before the request reached us ({0}); check the date.", "服务开始时间不能早于受理时间（{0}），请检查日期。"),
        [MessageCodes.VisitInFuture] = ("Record a visit once it is over; its end is in the future.", "服务结束后再记录：结束时间不能晚于现在。"),
        [MessageCodes.VisitRecord] = ("The service record needs what was found and what was done.", "服务记录需要填写检查情况和处理措施。"),
        [MessageCodes.ChargeAboveApproved] = (
            "This work costs the customer ¥{0} in this round, but the approved quotes cover ¥{1}. Send a quote and get the customer's approval before charging.",
            "本轮向客户收费 ¥{0}，但客户已同意的报价只有 ¥{1}。请先报价并取得客户同意再收费。"),
        [MessageCodes.QuoteEmpty] = ("A quote is for chargeable work: give parts or labour with a price.", "报价用于收费服务：请填写带价格的配件或工时费。"),
        [MessageCodes.QuotePlan] = ("Explain the cause and plan, and the risks, before asking the customer to pay.", "请先说明故障原因与维修方案以及风险，再请客户付费。"),
        [MessageCodes.QuoteNotWaiting] = ("Quote {0} is no longer the one waiting for an answer.", "第 {0} 份报价已不是等待答复的报价。"),
        [MessageCodes.ConfirmationRound] = ("This confirmation is for handling round {0}; the ticket is in round {1}.", "这份确认属于第 {0} 轮处理，工单现在是第 {1} 轮。"),
        [MessageCodes.OverrideReason] = ("Overriding a classification needs a reason; it is kept in the history.", "修改分类需要填写原因，会记入处理记录。"),
        [MessageCodes.AssignReason] = ("Say why you assign by hand (e.g. the customer asked for this engineer); it is kept in the history.", "请说明手动派工的原因（例如客户指定这位工程师），会记入处理记录。"),
        [MessageCodes.AlreadyAssigned] = ("The ticket is already assigned to {0}.", "工单已派给 {0}。"),
        [MessageCodes.ReasonRequired] = ("Say why ({0}); it is kept in the history.", "请说明原因，会记入处理记录。"),
        [MessageCodes.DuplicateNamesTicket] = ("A duplicate names the ticket it duplicates.", "重复工单需要填写被重复的工单。"),
        [MessageCodes.DescribeResult] = ("Describe the result.", "请描述处理结果。"),
        [MessageCodes.EscalationMade] = ("Escalation {0} has already been made.", "这次升级（{0}）已经做过。"),
        [MessageCodes.AlreadyReminded] = ("The customer has already been reminded of {0} in round {1}.", "第 {1} 轮已经提醒过客户。"),
        [MessageCodes.FollowUpExists] = ("Round {0} already has its follow-up.", "第 {0} 轮已有回访。"),
        [MessageCodes.WarrantyChargeQuote] = (
            "The product is under warranty: say why the customer pays (e.g. 人为损坏, 耗材, 保修范围外); the customer sees it with the quote.",
            "产品在保修期内：请说明客户付费的原因（例如 人为损坏、耗材、保修范围外），客户会在报价中看到。"),
        [MessageCodes.WarrantyChargeVisit] = (
            "The product is under warranty: say why the customer pays for this visit (e.g. 人为损坏, 耗材, 保修范围外), or charge 0.",
            "产品在保修期内：请说明客户付费的原因（例如 人为损坏、耗材、保修范围外），或收费填 0。"),
        [MessageCodes.ResultSolution] = ("Say what was done or answered.", "请说明做了什么或如何解答。"),
        [MessageCodes.ResultQuoteRefused] = (
            "The customer refused quote {0}; send a new quote, or resolve as notRepairedQuoteRefused.",
            "客户拒绝了第 {0} 份报价：请重新报价，或以“客户拒绝报价，未维修”结案。"),
        [MessageCodes.ResultNoRefusedQuote] = ("No refused quote in this round; choose another outcome.", "本轮没有被拒绝的报价，请选择其他处理结果。"),
        [MessageCodes.ResultCause] = ("A repair result names the cause found.", "维修结果需要填写故障原因。"),
        [MessageCodes.ResultComplaint] = ("A complaint result says how the complaint was resolved.", "投诉结果需要说明投诉如何解决。"),
        [MessageCodes.FollowUpOnlyVisits] = ("Only a follow-up visit (回访类) goes to the follow-up queue before it is served.", "只有回访类工单可在服务前进入回访队列。"),
        [MessageCodes.FollowUpDone] = ("Round {0}'s follow-up is already {1}.", "第 {0} 轮的回访已经结束。"),
        [MessageCodes.NoCallOpen] = ("No follow-up call is open.", "没有进行中的回访。"),
        [MessageCodes.NoFollowUpOpen] = ("No follow-up is open; the survey has already been answered or the task closed.", "没有进行中的回访：调查已填写或回访已结束。"),

        // Engineers and departments.
        [MessageCodes.EngineerBody] = ("Send the engineer as a JSON object.", "请填写工程师信息。"),
        [MessageCodes.EngineerName] = ("Required, at most 50 characters.", "必填，最多 50 个字。"),
        [MessageCodes.EngineerDepartment] = ("Required: repair, consultation or complaints.", "必填：维修、咨询或投诉。"),
        [MessageCodes.EngineerSkill] = ("Give productLine and tag (\"*\" for any, at most 50 characters) and a level from 1 to 5.", "请填写产品线和故障类型（* 表示全部，最多 50 个字）以及 1 到 5 的等级。"),
        [MessageCodes.EngineerSkills] = ("At least one skill: the dispatcher only offers work an engineer has a skill for.", "至少填写一项技能：系统只把工单派给有相应技能的工程师。"),
        [MessageCodes.EngineerRegion] = ("Give a city (and optionally a district), at most 50 characters each.", "请填写城市（区县可选），各最多 50 个字。"),
        [MessageCodes.EngineerBase] = ("Give latitude (-90..90) and longitude (-180..180), or leave base out.", "请同时填写纬度（-90..90）和经度（-180..180），或都不填。"),
        [MessageCodes.EngineerLoad] = ("From 1 to 100 tickets at once.", "同时处理 1 到 100 个工单。"),
        [MessageCodes.EngineerDuty] = ("{0}", "值班时段写作 09:00-12:00，每天可写几段，以空格分隔，时段不能重叠。"),
        [MessageCodes.EngineerLeave] = ("Give from and to as a date and time with its offset, in the years 2000-2099 (to after from), e.g. 2026-12-01T00:00:00+08:00.", "请填写开始和结束时间（结束晚于开始），原因最多 200 个字。"),
        [MessageCodes.EngineerLists] = ("Lists hold at most {0} items; certifications are 1-100 characters.", "每项最多 {0} 条；每个证书 1 到 100 个字。"),
        [MessageCodes.EngineerId] = ("Required: the name the engineer signs in with ({0}).", "必填：工程师的登录名（1 到 100 个字符：英文字母、数字和 . _ - @ +，以字母或数字开头和结尾）。"),
        [MessageCodes.Supervisors] = ("Up to {0} sign-in names, each {1}.", "最多 {0} 个登录名，每个 1 到 100 个字符：英文字母、数字和 . _ - @ +，以字母或数字开头和结尾。"),
        [MessageCodes.EngineerUnknown] = ("No engineer '{0}'. Add them with POST /api/engineers, or pick one from GET /api/engineers.", "没有登录名为“{0}”的工程师，请从列表中选择。"),
        [MessageCodes.AutoDispatch] = ("Required: true to dispatch automatically, false for the supervisor to assign by hand.", "必填：选择是否自动派工。"),

        // Repeating a request safely.
        [MessageCodes.IdempotencyKeyEmpty] = ("An Idempotency-Key cannot be empty; leave the header out or send a unique value such as a UUID.", "幂等键不能为空：不发送此请求头，或发送唯一值（如 UUID）。"),
        [MessageCodes.IdempotencyKeyLength] = ("An Idempotency-Key has at most {0} characters.", "幂等键最多 {0} 个字符。"),
        [MessageCodes.IdempotencyKeyCharacters] = ("An Idempotency-Key uses printable ASCII characters only (a UUID is a good choice).", "幂等键只能使用可打印的 ASCII 字符（建议使用 UUID）。"),

        // Lists and the SLA preview.
        [MessageCodes.PageSize] = ("pageSize must be a whole number from 1 to {0}.", "每页条数为 1 到 {0}。"),
        [MessageCodes.PageSizeBetween] = ("pageSize must be between 1 and {0}.", "每页条数为 1 到 {0}。"),
        [MessageCodes.ContinuationToken] = ("Not a continuation token from this API; start again without it.", "翻页标记无效，请从第一页重新查看。"),
        [MessageCodes.AssignedToLength] = ("An engineer's sign-in name has at most 100 characters.", "工程师的登录名最多 100 个字符。"),
        [MessageCodes.ReceivedRange] = ("receivedTo must not be before receivedFrom.", "结束日期不能早于开始日期。"),
        [MessageCodes.SlaWorkingDays] = ("A whole number of working days from -{0} to {0} (negative counts backwards).", "工作日数为 -{0} 到 {0} 的整数（负数表示向前推算）。"),
        [MessageCodes.SlaEndOfDayForward] = ("endOfDay goes with a forward count of working days only.", "“到当天下班”只能与向后推算的工作日数一起使用。"),
        [MessageCodes.SlaEndOfDay] = ("endOfDay is true or false, and only goes with workingDays.", "“到当天下班”只能与工作日数一起使用。"),
        [MessageCodes.SlaMinutes] = ("A number from -{0} to {0} minutes (negative counts backwards).", "分钟数为 -{0} 到 {0}（负数表示向前推算）。"),
        [MessageCodes.SlaStart] = ("Required: a date and time with its offset, in the years 2000-2099, e.g. 2026-09-30T16:30:00+08:00.", "必填：请填写开始时间。"),
        [MessageCodes.SlaTooFar] = (
            "The answer is more than {0} days away on this calendar; use a smaller amount or more working hours.",
            "按这个日历，结果在 {0} 天之后：请减少时长，或增加工作时间。"),

        // The customer's pages.
        [MessageCodes.SignatureMissing] = ("No signature arrived; sign in the box.", "没有收到签名，请在签名框内签字。"),
        [MessageCodes.SignatureInvalid] = ("The signature image is not valid; clear it and sign again.", "签名图片无效，请清除后重新签字。"),
        [MessageCodes.SignatureUnreadable] = ("The signature image cannot be read; clear it and sign again.", "签名图片无法读取，请清除后重新签字。"),
        [MessageCodes.SignatureFormat] = ("This kind of signature image is not supported; sign in the box on this page.", "签名图片格式不受支持，请在本页签名框内签字。"),
        [MessageCodes.SignatureTooLarge] = ("The signature image is too large; clear it and sign again in the box on this page.", "签名图片尺寸过大，请清除后在本页签名框内重新签字。"),
        [MessageCodes.SignatureTooShort] = ("The signature is too short or empty; sign your name in the box with a finger or the mouse.", "签名太短或为空，请在签名框内用手指或鼠标签上您的姓名。"),
        [MessageCodes.CommentTooLong] = ("A comment has at most {0} characters.", "留言最多 {0} 字。"),
        [MessageCodes.Busy] = ("The system is busy; please submit again in a moment.", "系统繁忙，请稍后再提交一次。"),

        // Why the dispatcher ruled an engineer out.
        [MessageCodes.RuledOutInactive] = ("inactive", "已停用"),
        [MessageCodes.RuledOutDepartment] = ("department {0}, not {1}", "部门为{0:department}，不是{1:department}"),
        [MessageCodes.RuledOutSkill] = ("no skill for {0:line} / {1:tag}", "没有 {0:line} / {1:tag} 的技能"),
        [MessageCodes.RuledOutRegion] = ("does not cover {0}", "服务区域不含 {0}"),
        [MessageCodes.RuledOutLeave] = ("on leave", "休假中"),
        [MessageCodes.RuledOutOffDuty] = ("off duty", "不在班"),
        [MessageCodes.RuledOutLoad] = ("at maximum load ({0}/{1})", "已满负荷（{0}/{1}）"),
        [MessageCodes.RuledOutDeclined] = ("already declined or let the offer lapse in this round", "本轮已拒单或超时未接"),
        [MessageCodes.RuledOutLoadRace] = ("reached maximum load while this ticket was being dispatched", "派工过程中已满负荷"),

        // What a timer function did.
        [MessageCodes.NothingDue] = ("Nothing due.", "没有到期的工作。"),
        [MessageCodes.TimerTicketFailed] = ("{0}: {1}: {2}", "{0}：处理失败，下次运行时重试。"),
        [MessageCodes.TimerSms] = ("{0} ticket(s) with SMS work: {1} sent, {2} kept in the local outbox, {3} to retry, {4} failed, {5} cancelled, {6} deferred.", "{0} 张工单有短信要处理：发送 {1} 条，留在本地发件箱 {2} 条，待重试 {3} 条，失败 {4} 条，取消 {5} 条，推迟 {6} 条。"),
        [MessageCodes.TimerEscalations] = ("{0:entries}: {1} ticket(s) escalated, {2} with nothing due, {3} failed.", "{0} 条到期记录：{1} 张工单已升级，{2} 张无需处理，{3} 张失败。"),
        [MessageCodes.TimerEscalated] = ("{0}: {1} round {2} {3} → {4}", "{0}：{1} 第 {2} 轮 {3} → {4}"),
        [MessageCodes.TimerFollowUpOpenedFor] = ("{0}: follow-up ({1}) opened for {2}.", "{0}：新建回访（{1}），交给 {2}。"),
        [MessageCodes.TimerFollowUpOpenedQueue] = ("{0}: follow-up ({1}) opened for the follow-up queue.", "{0}：新建回访（{1}），进入回访队列。"),
        [MessageCodes.TimerFollowUps] = ("{0} follow-up(s) opened, {1:stale} dropped, {2} failed.", "新建回访 {0} 个，丢弃过时记录 {1} 条，失败 {2} 个。"),
        [MessageCodes.TimerStarted] = ("{0}: orchestration started for round {1}.", "{0}：已为第 {1} 轮启动流程。"),
        [MessageCodes.TimerStarts] = ("{0} owed start(s): {1} orchestration(s) started.", "{0} 个待启动的流程：已启动 {1} 个。"),
        [MessageCodes.TimerWoken] = ("{0}: orchestration not updated since {1}; woken.", "{0}：流程自 {1} 起没有进展，已唤醒。"),
        [MessageCodes.TimerRestartedNone] = ("{0}: orchestration had none; started for round {1}.", "{0}：没有流程，已为第 {1} 轮启动。"),
        [MessageCodes.TimerRestarted] = ("{0}: orchestration was {1}; started for round {2}.", "{0}：流程状态为 {1}，已为第 {2} 轮重新启动。"),
        [MessageCodes.TimerReconciled] = ("{0} open ticket(s): {1} orchestration(s) started, {2} stuck one(s) woken.", "{0} 张未结工单：启动流程 {1} 个，唤醒停滞的流程 {2} 个。"),
        [MessageCodes.TimerIdempotency] = ("Removed {0} expired idempotency record(s) older than {1}.", "删除了 {0} 条已过保留期的幂等记录。"),
        [MessageCodes.TimerAssignments] = ("Removed {0} assignment-index entr(ies) no ticket backs.", "删除了 {0} 条没有工单对应的派工占用。"),
        [MessageCodes.TimerIndexDone] = ("Every ticket is in the ticket index ({0} stored earlier indexed now).", "所有工单都已编入工单索引（本次为 {0} 张早先存储的工单编入）。"),
        [MessageCodes.TimerIndexMore] = ("Indexed {0} ticket(s) stored before the ticket index; more remain for the next run.", "已为 {0} 张早先存储的工单编入索引，其余的下次运行时继续。"),
        [MessageCodes.ReportNotToday] = ("Day {0}: the {1} report is made on the 1st (caught up until day {2}).", "今天是 {0} 日：{1} 月报在每月 1 日生成（{2} 日前补做）。"),
        [MessageCodes.ReportStoredAlready] = ("The {0} report is already stored.", "{0} 月报已经生成。"),
        [MessageCodes.ReportBeingMade] = ("The {0} report is being made by run {1}.", "{0} 月报正由运行 {1} 生成。"),
        [MessageCodes.ReportStored] = ("Report {0} stored (run {1}, {2} projection rows read).", "{0} 月报已生成（运行 {1}，读取 {2} 行统计数据）。"),
        [MessageCodes.ReportFailed] = ("Report {0} failed (run {1}): {2}", "{0} 月报生成失败（运行 {1}）：{2}"),
        [MessageCodes.TimerMoreLines] = ("… {0} more line(s) in the host's log.", "……另有 {0} 行，见主机日志。"),

        // The HTTP API's words about a request's JSON, headers or query: its callers read English.
        [MessageCodes.ApiText] = ("{0}", "{0}"),

        // A text written before messages had codes: shown as it was stored.
        [MessageCodes.Stored] = ("{0}", "{0}"),
    };

    /// <summary>Every code with its texts (for tests and documentation).</summary>
    public static IReadOnlyCollection<string> Codes => Texts.Keys;

    /// <summary><paramref name="message"/> in English (the API's language).</summary>
    public static string English(Explanation message) => Say(message, CustomerLanguage.En);

    /// <summary><paramref name="message"/> in <paramref name="language"/>; a code this catalog lacks is written as the code and its arguments.</summary>
    public static string Say(Explanation message, CustomerLanguage language)
    {
        if (!Texts.TryGetValue(message.Code, out var texts))
        {
            return message.Arguments.Count == 0 ? message.Code : $"{message.Code}: {string.Join(", ", message.Arguments)}";
        }

        return Fill(language == CustomerLanguage.En ? texts.English : texts.Chinese, message.Arguments, language);
    }

    /// <summary>Each error of a field in <paramref name="language"/>.</summary>
    public static Dictionary<string, string[]> Say(IReadOnlyDictionary<string, Explanation[]> errors, CustomerLanguage language) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Say(m, language)).ToArray(), StringComparer.Ordinal);

    private static string Fill(string template, IReadOnlyList<string> arguments, CustomerLanguage language)
    {
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var close = template[i] == '{' ? template.IndexOf('}', i) : -1;
            if (close < 0)
            {
                text.Append(template[i]);
                continue;
            }

            var placeholder = template[(i + 1)..close].Split(':');
            var index = int.Parse(placeholder[0], CultureInfo.InvariantCulture);
            var argument = index < arguments.Count ? arguments[index] : string.Empty;
            text.Append(placeholder.Length > 1 ? Kind(placeholder[1], argument, language) : argument);
            i = close;
        }

        return text.ToString();
    }

    /// <summary>An argument of a named kind in the reader's words: a department, or a product line or tag where empty means any.</summary>
    private static string Kind(string kind, string argument, CustomerLanguage language) => (kind, argument, language) switch
    {
        ("line", "", CustomerLanguage.En) => "any line",
        ("line", "", _) => "全部产品线",
        ("tag", "", CustomerLanguage.En) => "any tag",
        ("tag", "", _) => "全部故障类型",
        ("entries", "1", CustomerLanguage.En) => "1 due entry",
        ("entries", _, CustomerLanguage.En) => $"{argument} due entries",
        ("stale", "1", CustomerLanguage.En) => "1 stale entry",
        ("stale", _, CustomerLanguage.En) => $"{argument} stale entries",
        ("department", _, CustomerLanguage.En) => argument,
        ("department", "repair", _) => "维修",
        ("department", "consultation", _) => "咨询",
        ("department", "complaints", _) => "投诉",
        _ => argument,
    };
}
