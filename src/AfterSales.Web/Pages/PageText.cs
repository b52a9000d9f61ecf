using AfterSales.Domain.Tickets;

namespace AfterSales.Web.Pages;

/// <summary>The words of the customer pages and the confirmation record, in Chinese (default) and English.</summary>
public sealed class PageText
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["brand"] = ("售后服务", "After-sales service"),
        ["surveyTitle"] = ("服务满意度回访", "How did we do?"),
        ["surveyIntro"] = ("请为本次服务打分，约需1分钟。1分表示很不满意，10分表示非常满意。", "Please rate this service; it takes about a minute. 1 means very dissatisfied, 10 very satisfied."),
        ["attitude"] = ("服务态度", "Attitude"),
        ["skill"] = ("专业技能", "Professional skill"),
        ["efficiency"] = ("处理效率", "Efficiency"),
        ["overall"] = ("总体满意度", "Overall satisfaction"),
        ["recommend"] = ("您向亲友推荐我们的可能性（0-10）", "How likely are you to recommend us (0-10)?"),
        ["productWorking"] = ("产品目前使用正常吗？", "Is the product working well now?"),
        ["yes"] = ("是", "Yes"),
        ["no"] = ("否", "No"),
        ["maybe"] = ("可能", "Maybe"),
        ["newProblems"] = ("有新的问题吗？（选填）", "Any new problems? (optional)"),
        ["buyAgain"] = ("您还会选择我们的产品吗？", "Would you buy from us again?"),
        ["suggestions"] = ("意见和建议（选填）", "Suggestions (optional)"),
        ["submitSurvey"] = ("提交评价", "Send"),
        ["goToField"] = ("去填写", "Go to it"),
        ["needOverall"] = ("请为“总体满意度”打分后再提交。", "Please rate your overall satisfaction before sending."),
        ["surveyDoneTitle"] = ("感谢您的评价", "Thank you"),
        ["surveyDoneBody"] = ("您的意见已收到，我们会继续改进服务。", "We have your answers and will keep improving."),
        ["surveyLowBody"] = ("很抱歉没有让您满意。主管已收到您的评价，会尽快安排再次处理并与您联系。", "We are sorry we did not satisfy you. A supervisor has your answers and will arrange a second handling and contact you soon."),
        ["ticket"] = ("工单号", "Ticket"),
        ["customer"] = ("客户", "Customer"),
        ["product"] = ("产品型号", "Product model"),
        ["type"] = ("服务类型", "Service type"),
        ["engineer"] = ("服务工程师", "Engineer"),
        ["problem"] = ("问题描述", "Problem"),
        ["record"] = ("服务过程记录", "Service record"),
        ["visit"] = ("服务时间", "Service time"),
        ["mode"] = ("服务方式", "Mode"),
        ["onSite"] = ("上门服务", "On site"),
        ["remote"] = ("远程服务", "Remote"),
        ["findings"] = ("检查情况", "Findings"),
        ["measures"] = ("处理措施", "Measures taken"),
        ["parts"] = ("使用配件", "Parts used"),
        ["part"] = ("配件", "Part"),
        ["qty"] = ("数量", "Qty"),
        ["unitPrice"] = ("单价", "Unit price"),
        ["amount"] = ("金额", "Amount"),
        ["genuine"] = ("原厂配件", "Genuine"),
        ["oldShown"] = ("旧件已展示", "Old part shown"),
        ["labour"] = ("人工费", "Labour"),
        ["hoursWorked"] = ("（{0}小时）", " ({0} h)"),
        ["notStated"] = ("未注明", "not stated"),
        ["total"] = ("费用合计", "Total"),
        ["yes"] = ("是", "yes"),
        ["no"] = ("否", "no"),
        ["result"] = ("服务结果", "Result"),
        ["cause"] = ("故障原因", "Cause"),
        ["solution"] = ("解决方案", "Solution"),
        ["advice"] = ("维护建议", "Maintenance advice"),
        ["complaintResolution"] = ("投诉处理结果", "Complaint resolution"),
        ["compensation"] = ("补偿方案", "Compensation"),
        ["warranty"] = ("维修部件保修期", "Warranty of the repaired part"),
        ["months"] = ("个月", "months"),
        ["confirmTitle"] = ("服务结果确认", "Confirm the service result"),
        ["confirmIntro"] = ("请核对以下服务内容，选择您的评价并签字确认。", "Please check the service below, rate it and sign."),
        ["rating"] = ("您的评价", "Your rating"),
        ["Satisfied"] = ("满意", "Satisfied"),
        ["BasicallySatisfied"] = ("基本满意", "Basically satisfied"),
        ["NotSatisfied"] = ("不满意", "Not satisfied"),
        ["notSatisfiedHint"] = ("选择“不满意”后，我们会安排二次处理并尽快与您联系。", "If you are not satisfied, we will handle the case again and contact you soon."),
        ["comment"] = ("留言（选填）", "Comment (optional)"),
        ["sign"] = ("请在下方签名", "Sign below"),
        ["signHint"] = ("用手指或鼠标在框内签上您的姓名", "Sign your name in the box with a finger or the mouse"),
        ["clear"] = ("清除", "Clear"),
        ["submitConfirm"] = ("确认并签字", "Confirm and sign"),
        ["submitting"] = ("正在提交，请稍候…", "Submitting, please wait…"),
        ["needRating"] = ("请选择您的评价。", "Please choose a rating."),
        ["needSignature"] = ("请先在签名框内签字。", "Please sign in the box first."),
        ["networkError"] = ("网络异常，签名尚未提交。请检查网络后再点一次“确认并签字”。", "Network problem: nothing was submitted. Check your connection and press the button again."),
        ["confirmedTitle"] = ("已确认，感谢您的反馈", "Confirmed, thank you"),
        ["confirmedBody"] = ("您的确认和签名已保存。", "Your confirmation and signature are saved."),
        ["reopenedBody"] = ("很抱歉没有让您满意。我们已安排二次处理，工作人员会尽快与您联系。", "We are sorry. The case is being handled again and we will contact you soon."),
        ["quoteTitle"] = ("维修报价确认", "Repair quote"),
        ["quoteIntro"] = ("维修前需要您同意以下费用。", "Please approve the cost before the repair."),
        ["plan"] = ("故障原因与维修方案", "Cause and repair plan"),
        ["risks"] = ("风险提示", "Risks"),
        ["chargeReason"] = ("保修期内收费原因", "Why this is charged under warranty"),
        ["validUntil"] = ("链接有效期至", "Link valid until"),
        ["approve"] = ("同意报价，开始维修", "Approve and repair"),
        ["refuse"] = ("不同意", "Decline"),
        ["quoteComment"] = ("留言（选填）", "Comment (optional)"),
        ["approvedTitle"] = ("已同意报价", "Quote approved"),
        ["approvedBody"] = ("工程师将按方案为您维修。", "The engineer will carry out the repair as planned."),
        ["refusedTitle"] = ("已拒绝报价", "Quote declined"),
        ["refusedBody"] = ("我们不会进行收费维修。工程师会与您联系，说明后续处理。", "No chargeable repair will be done. The engineer will contact you about what happens next."),
        ["tooManyTitle"] = ("请稍后再试", "Please try again later"),
        ["tooManyBody"] = ("此设备打开了太多无效链接。请在 {0} 秒后，用短信中的完整链接重新打开。", "This device opened too many links that are not valid. In {0} seconds, open the full link from the SMS again."),
        ["invalidTitle"] = ("链接无效", "This link is not valid"),
        ["codeTitle"] = ("输入服务码", "Enter your service code"),
        ["codeIntro"] = ("请输入短信中的 10 位服务码（字母不区分大小写）。", "Enter the 10-character service code from the SMS (upper or lower case)."),
        ["codeLabel"] = ("服务码", "Service code"),
        ["codeSubmit"] = ("打开", "Open"),
        ["codeWrong"] = ("服务码为 10 位数字和字母，请对照短信重新输入。", "A service code has 10 letters and digits; check the SMS and enter it again."),
        ["invalidBody"] = ("无法识别此链接，可能不完整或已被修改。请使用短信中的完整链接打开，未保存任何内容。", "The link is incomplete or was changed. Open the full link from the SMS; nothing was saved."),
        ["expiredTitle"] = ("链接已过期", "This link has expired"),
        ["expiredBody"] = ("为保护您的信息，链接只在有限时间内有效。请联系客服重新发送，未保存任何内容。", "Links work for a limited time. Ask us to send a new one; nothing was saved."),
        ["usedTitle"] = ("已经提交过了", "Already submitted"),
        ["usedBody"] = ("此链接已使用，您的回复已保存，无需再次提交。感谢您的配合！", "This link was already used and your answer is saved; there is no need to submit again. Thank you!"),
        ["unreadableForm"] = ("您填写的内容中有无法识别的字符，请删除特殊符号后重新提交。", "Your answer contains characters we cannot read. Remove special symbols and send it again."),
        ["faultTitle"] = ("暂时无法提交", "We could not take this just now"),
        ["faultBody"] = ("系统暂时出现问题，您填写的内容没有保存。请稍后返回上一页重新提交；如多次失败，请致电客服热线。", "Something went wrong on our side and nothing was saved. Go back and send it again in a moment; if it keeps failing, call our service hotline."),
        ["supersededTitle"] = ("链接已失效", "This link no longer applies"),
        ["supersededBody"] = ("工单已有新的进展，此链接不再适用。请使用最新短信中的链接，或联系客服。", "The ticket has moved on. Use the link from the latest SMS, or contact us."),
        ["contact"] = ("客服电话", "Service hotline"),
        ["customerRating"] = ("客户评价", "Customer rating"),
        ["customerComment"] = ("客户留言", "Customer comment"),
        ["recordTitle"] = ("服务结果确认表", "Service result confirmation"),
        ["confirmedAt"] = ("确认时间", "Confirmed at"),
        ["signedVia"] = ("签署方式", "Signed"),
        ["viaOwnLink"] = ("客户本人通过短信链接在线签字", "by the customer online, through the link sent to their phone"),
        ["viaDevice"] = ("在服务人员设备上签字（由 {0} 于 {1} 打开签字页面）", "on a staff member's device (page opened by {0} at {1})"),
        ["viaPaper"] = ("纸质确认表，由 {0} 录入", "on a paper form, entered by {0}"),
        ["signature"] = ("客户签名", "Customer signature"),
        ["sha256"] = ("签名文件 SHA-256", "Signature SHA-256"),
        ["verified"] = ("与存档记录一致", "matches the archived record"),
        ["tampered"] = ("与存档记录不一致！", "does NOT match the archived record!"),
        ["round"] = ("处理轮次", "Handling round"),
        ["noSignature"] = ("（纸质确认，无电子签名）", "(paper form, no electronic signature)"),
        ["Repair"] = ("维修", "Repair"),
        ["Consultation"] = ("咨询", "Consultation"),
        ["Complaint"] = ("投诉", "Complaint"),
        ["FollowUp"] = ("回访", "Follow-up"),
        ["Repaired"] = ("已修复", "Repaired"),
        ["Answered"] = ("已解答", "Answered"),
        ["ComplaintResolved"] = ("投诉已处理", "Complaint resolved"),
        ["NotRepairedQuoteRefused"] = ("客户未同意报价，未维修", "Not repaired: quote declined"),
        ["NotRepaired"] = ("未修复", "Not repaired"),
        ["ExtendedWarranty"] = ("延长保修", "Extended warranty"),
        ["FreeService"] = ("免费服务", "Free service"),
        ["Refund"] = ("退款/补偿金", "Refund"),
        ["Other"] = ("其他", "Other"),
        ["outcome"] = ("处理结果", "Outcome"),
        ["switch"] = ("English", "中文"),
        ["signatureTooLarge"] = ("签名图片太大，请清除后重新签字。", "The signature image is too large. Clear it and sign again."),
        ["chooseDecision"] = ("请选择同意或不同意。", "Choose approve or decline."),
    };

    private PageText(bool english) => English = english;

    /// <summary>Chinese unless the page was asked for in English (<c>?lang=en</c>).</summary>
    public static PageText For(HttpRequest request) =>
        new(string.Equals(request.Query["lang"], "en", StringComparison.OrdinalIgnoreCase));

    public bool English { get; }

    /// <summary>A message of the application (a validator's, the lifecycle's) in this page's language; null stays null.</summary>
    public string? Say(AfterSales.Domain.Explanations.Explanation? message) => message is null
        ? null
        : AfterSales.Application.Language.Messages.Say(message, English ? AfterSales.Domain.Customers.CustomerLanguage.En : AfterSales.Domain.Customers.CustomerLanguage.Zh);

    public string Lang => English ? "en" : "zh-CN";

    /// <summary>The query string that switches to the other language.</summary>
    public string SwitchQuery => English ? "?lang=zh" : "?lang=en";

    public string this[string key] => Words.TryGetValue(key, out var w) ? (English ? w.En : w.Zh) : key;

    public string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => this[value.ToString()];

    public string Time(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("¥#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    public string Rating(ConfirmationRating rating) => this[rating.ToString()];
}
