using System.Globalization;
using AfterSales.Domain.Classification;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Time;

namespace AfterSales.Web.Console;

/// <summary>
/// What a ticket's page names in the reader's language: its history's events, its time limits and their allowances,
/// where its orchestration stands, and the system's reasons (from their codes, never from the English note).
/// </summary>
public sealed partial class ConsoleText
{
    private static readonly Dictionary<string, (string Zh, string En)> Events = new(StringComparer.Ordinal)
    {
        ["TicketReceived"] = ("受理登记", "Request registered"),
        ["TicketClassified"] = ("分类", "Classified"),
        ["TicketAssigned"] = ("派工", "Assigned"),
        ["AssignmentAccepted"] = ("工程师接单", "Engineer accepted"),
        ["AssignmentDeclined"] = ("工程师拒单", "Engineer declined"),
        ["OfferLapsed"] = ("派单超时未接", "Offer lapsed"),
        ["TicketQueued"] = ("进入待派队列", "Queued for a supervisor"),
        ["AppointmentAgreed"] = ("预约上门", "Appointment agreed"),
        ["ServiceStarted"] = ("开始服务", "Service started"),
        ["ServicePaused"] = ("服务暂停", "Service paused"),
        ["ServiceResumed"] = ("服务恢复", "Service resumed"),
        ["ServiceVisitRecorded"] = ("服务记录", "Visit recorded"),
        ["QuoteProposed"] = ("报价", "Quote sent"),
        ["QuoteApproved"] = ("客户同意报价", "Quote approved"),
        ["QuoteRefused"] = ("客户拒绝报价", "Quote refused"),
        ["TicketResolved"] = ("处理完成", "Resolved"),
        ["ResultReported"] = ("反馈结果", "Result reported"),
        ["CustomerReminded"] = ("提醒客户确认", "Customer reminded"),
        ["CustomerLinkResent"] = ("重发客户链接", "Customer link resent"),
        ["DeviceLinkIssued"] = ("现场签字链接", "On-site signing link"),
        ["TicketConfirmed"] = ("客户确认", "Customer confirmed"),
        ["FollowUpScheduled"] = ("安排回访", "Follow-up planned"),
        ["FollowUpStarted"] = ("开始回访", "Follow-up started"),
        ["FollowUpCallRecorded"] = ("回访电话记录", "Follow-up call recorded"),
        ["SurveyRecorded"] = ("满意度调查", "Survey recorded"),
        ["SlaEscalated"] = ("超时升级", "Escalated"),
        ["TicketReopened"] = ("重新处理", "Reopened"),
        ["TicketClosed"] = ("结案", "Closed"),
        ["TicketCancelled"] = ("取消", "Cancelled"),
    };

    /// <summary>The business rules' time limits by their names; a company's own limits are shown by their names.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Targets = new(StringComparer.Ordinal)
    {
        ["registration"] = ("登记时限", "Registration"),
        ["assignment"] = ("派工时限", "Assignment"),
        ["complaint-first-feedback"] = ("投诉首次反馈", "Complaint: first feedback"),
        ["complaint-resolution"] = ("投诉处理时限", "Complaint: resolution"),
        ["urgent-response"] = ("紧急响应", "Urgent: response"),
        ["urgent-resolution"] = ("紧急处理时限", "Urgent: resolution"),
        ["normal-response"] = ("一般响应", "Normal: response"),
        ["normal-resolution"] = ("一般处理时限", "Normal: resolution"),
        ["routine-response"] = ("常规响应", "Routine: response"),
        ["result-feedback"] = ("结果反馈", "Result feedback"),
        ["customer-confirmation"] = ("客户确认", "Customer confirmation"),
        ["follow-up"] = ("回访时限", "Follow-up"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Steps = new(StringComparer.Ordinal)
    {
        ["dispatch"] = ("派工", "Dispatch"),
        ["acceptance"] = ("等待接单", "Acceptance"),
        ["service"] = ("服务中", "Service"),
        ["resultReport"] = ("反馈结果", "Result report"),
        ["confirmation"] = ("客户确认", "Confirmation"),
        ["followUpPlanned"] = ("待回访", "Follow-up planned"),
        ["followUp"] = ("回访", "Follow-up"),
        ["ended"] = ("已结束", "Ended"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> WaitsForSteps = new(StringComparer.Ordinal)
    {
        ["dispatch"] = ("等待派工：派工引擎选定工程师，或主管从队列中指派。", "An engineer: the dispatcher's choice, or a supervisor assigning from the queue."),
        ["acceptance"] = ("等待工程师接单；超时未接则转给下一位候选工程师。", "The engineer's answer to the offer; when the offer lapses it goes to the next candidate."),
        ["service"] = ("等待工程师服务：上门、报价及客户确认报价、处理完成。", "The engineer's service: visits, quote and its approval, resolution."),
        ["resultReport"] = ("等待向客户反馈处理结果。", "The result to be reported to the customer."),
        ["confirmation"] = ("等待客户确认结果（签字链接或纸质单）；到提醒时点（默认时限过半）提醒客户，到时限通知主管。", "The customer's confirmation of the result (signed link or paper form); the customer is reminded at the reminder point (by default halfway) and the supervisors told at the limit."),
        ["followUpPlanned"] = ("等待回访日；届时回访电话进入回访专员的待办。", "The follow-up's day; then the call opens for a follow-up agent."),
        ["followUp"] = ("等待回访结果：满意度调查，或三次未接通。", "The follow-up's outcome: the survey, or three unanswered calls."),
    };

    private static readonly Dictionary<string, (string Zh, string En)> RuntimeStatuses = new(StringComparer.Ordinal)
    {
        ["Pending"] = ("待启动", "Pending"),
        ["Running"] = ("运行中", "Running"),
        ["Completed"] = ("已完成", "Completed"),
        ["Failed"] = ("失败", "Failed"),
        ["Terminated"] = ("已终止", "Terminated"),
        ["Suspended"] = ("已暂停", "Suspended"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Explanations = new(StringComparer.Ordinal)
    {
        // {0} type rule, {1} urgency rule
        ["classified.matched"] = ("按分类规则：类型规则 {0}，紧急程度规则 {1}。", "Matched rules: type {0}, urgency {1}."),
        // {0} the type the rules suggested, {1} its rule, {2} urgency rule
        ["classified.stated"] = ("类型按来电人所述；分类规则建议为{0}（{1}）。紧急程度规则 {2}。", "Type as stated by the caller; the rules suggested {0} ({1}). Urgency {2}."),
        // {0} eligible engineers, {1} score
        ["dispatch.best"] = ("{0}位符合条件的工程师中评分最高（{1}分）。", "Best of {0} eligible engineer(s), score {1}."),
        // {0} follow-up reason
        ["followUp.planned"] = ("已安排回访（{0}）。", "Follow-up planned ({0})."),
    };

    /// <summary>The timer functions, as operators know them; their names (for the API and the logs) are shown beside.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Timers = new(StringComparer.Ordinal)
    {
        ["HousekeepingSweep"] = ("清理过期记录", "Housekeeping"),
        ["SmsRetrySweep"] = ("短信重发", "SMS retries"),
        ["EscalationSweep"] = ("超时预警与升级", "Warnings and escalations"),
        ["FollowUpSweep"] = ("到期回访", "Follow-ups due"),
        ["MonthlyReport"] = ("月度服务报表", "Monthly report"),
        ["WorkflowReconciliation"] = ("流程核对", "Workflow reconciliation"),
        ["WorkflowStartSweep"] = ("补启动流程", "Owed workflow starts"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> RuleNames = new(StringComparer.Ordinal)
    {
        [Classifier.Requested] = ("按客户要求", "as requested"),
        [Classifier.Stated] = ("按来电所述", "as stated"),
        ["default"] = ("默认", "default"),
        // The built-in rules (DefaultClassificationRules); a company's own rules are shown by their names.
        ["urgent-safety-or-down"] = ("安全隐患或停机即紧急", "urgent: safety or down"),
        ["routine-maintenance"] = ("保养与回访为常规", "routine maintenance"),
        ["complaint"] = ("投诉", "complaint"),
        ["repair-hardware"] = ("硬件维修", "hardware repair"),
        ["repair-software"] = ("软件维修", "software repair"),
        ["repair-installation"] = ("安装调试", "installation"),
        ["consultation"] = ("咨询", "consultation"),
        ["follow-up"] = ("回访", "follow-up"),
    };

    /// <summary>An event type of the history in words (受理登记, 客户同意报价 …); the type's name when it has none.</summary>
    public string Event(string type) => Pick(Events, type);

    /// <summary>A time limit by its name (登记时限, 一般响应 …); a company's own limit by its configured name.</summary>
    public string Target(string name) => Pick(Targets, name);

    /// <summary>A step of a ticket's orchestration (camelCase) in words.</summary>
    public string Step(string step) => Pick(Steps, step);

    /// <summary>What the orchestration waits for in <paramref name="step"/>; null for a step that waits for nothing.</summary>
    public string? WaitsFor(string step) => WaitsForSteps.TryGetValue(step, out var w) ? (English ? w.En : w.Zh) : null;

    /// <summary>The durable engine's runtime status of an orchestration in words.</summary>
    public string Runtime(string status) => Pick(RuntimeStatuses, status);

    /// <summary>A timer function in words (超时预警与升级 …); its name when it has none.</summary>
    public string Timer(string name) => Pick(Timers, name);

    /// <summary>A classification rule's name: the built-in ones in words, a company's own by its name.</summary>
    public string Rule(string name) => Pick(RuleNames, name);

    /// <summary>An allowance as people say it: 10分钟, 2小时, 3个工作日（至下班）(10 min, 2 h, 3 working days to end of day).</summary>
    public string Allowance(TimeAllowance allowance)
    {
        if (allowance.IsWorkingDays)
        {
            var days = allowance.WorkingDays.ToString(CultureInfo.InvariantCulture);
            return English
                ? $"{days} working day{(allowance.WorkingDays == 1 ? string.Empty : "s")}{(allowance.EndOfDay ? " to end of day" : string.Empty)}"
                : $"{days}个工作日{(allowance.EndOfDay ? "（至下班）" : string.Empty)}";
        }

        var minutes = allowance.Duration.TotalMinutes;
        return minutes % 60 == 0
            ? (English ? $"{minutes / 60:0} h" : $"{minutes / 60:0}小时")
            : (English ? $"{minutes:0.##} min" : $"{minutes:0.##}分钟");
    }

    /// <summary>The system's reason in words, from its code; its enum arguments named too.</summary>
    public string Why(AfterSales.Domain.Explanations.Explanation why)
    {
        if (!Explanations.TryGetValue(why.Code, out var template))
        {
            return why.Code;
        }

        var arguments = why.Code switch
        {
            "classified.matched" => [Rule(why.Arguments[0]), Rule(why.Arguments[1])],
            "classified.stated" => [Choice(typeof(AfterSales.Domain.Tickets.TicketType), why.Arguments[0]), Rule(why.Arguments[1]), Rule(why.Arguments[2])],
            "followUp.planned" => [Choice(typeof(FollowUpReason), why.Arguments[0])],
            _ => why.Arguments.Cast<object>().ToArray(),
        };
        return string.Format(CultureInfo.InvariantCulture, English ? template.En : template.Zh, arguments);
    }

    private string Pick(Dictionary<string, (string Zh, string En)> words, string key) =>
        words.TryGetValue(key, out var w) ? (English ? w.En : w.Zh) : key;
}
