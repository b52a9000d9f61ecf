using AfterSales.Domain.Explanations;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Why a message failed, in words a supervisor can act on (rendered in the reader's language): the provider's codes
/// at sending (Alibaba's <c>isv.*</c>, Tencent's <c>FailedOperation.*</c>, <c>InvalidParameterValue.*</c>, …) and
/// the operators' delivery statuses in receipts (the CMPP statuses <c>UNDELIV</c>, <c>EXPIRED</c>, <c>REJECTD</c>, …),
/// each with the code itself for the provider's support.
/// </summary>
public static class SmsFailures
{
    /// <summary>The explanation of <paramref name="message"/>'s failure; null unless it failed.</summary>
    public static Explanation? Explain(SmsMessage message)
    {
        if (message.Status != SmsStatus.Failed)
        {
            return null;
        }

        if (message.ErrorCode is not { Length: > 0 } code)
        {
            return message.Attempts > 0 && message.Error?.StartsWith("Gave up", StringComparison.Ordinal) == true
                ? Explanation.Of(MessageCodes.SmsGaveUp, message.Attempts)
                : Explanation.Of(MessageCodes.SmsFailed, message.Error ?? string.Empty);
        }

        return Explanation.Of(CodeFor(code), code);
    }

    /// <summary>The message code that explains the provider's or operator's <paramref name="code"/>.</summary>
    public static string CodeFor(string code) => code.Trim().ToUpperInvariant() switch
    {
        "EXPIRED" => MessageCodes.SmsExpired,
        "UNDELIV" or "UNDELIVERED" or "DELETED" or "UNKNOWN" => MessageCodes.SmsUndeliverable,
        "REJECTD" or "REJECTED" or "ISV.BLACK_KEY_CONTROL_LIMIT" or "ISV.DENY_IP_RANGE" => MessageCodes.SmsRejected,
        "ISV.MOBILE_NUMBER_ILLEGAL" or "INVALIDPARAMETERVALUE.INCORRECTPHONENUMBER" or "FAILEDOPERATION.PHONENUMBERINBLACKLIST" or "UNSUPPORTEDOPERATION.UNSUPPORTEDREGION"
            or "UNSUPPORTEDOPERATION.CONTAINDOMESTICANDINTERNATIONALPHONENUMBER" => MessageCodes.SmsBadNumber,
        "ISV.SMS_TEMPLATE_ILLEGAL" or "ISV.SMS_SIGNATURE_ILLEGAL" or "ISV.TEMPLATE_MISSING_PARAMETERS" or "ISV.PARAM_LENGTH_LIMIT" or "ISV.PARAM_NOT_SUPPORT_URL"
            or "ISV.INVALID_JSON_PARAM" or "FAILEDOPERATION.TEMPLATEINCORRECTORUNAPPROVED" or "FAILEDOPERATION.SIGNATUREINCORRECTORUNAPPROVED"
            or "FAILEDOPERATION.MISSINGTEMPLATETOMODIFY" or "INVALIDPARAMETERVALUE.TEMPLATEPARAMETERFORMATERROR" or "INVALIDPARAMETERVALUE.TEMPLATEPARAMETERLENGTHLIMIT"
            or "INVALIDPARAMETERVALUE.PROHIBITEDUSEURLINTEMPLATEPARAMETER" or "FAILEDOPERATION.CONTAINSENSITIVEWORD" => MessageCodes.SmsTemplateRefused,
        "ISV.BUSINESS_LIMIT_CONTROL" or "ISV.DAY_LIMIT_CONTROL" => MessageCodes.SmsLimited,
        "ISV.OUT_OF_SERVICE" or "ISV.AMOUNT_NOT_ENOUGH" or "ISV.ACCOUNT_ABNORMAL" or "ISV.PRODUCT_UNSUBSCRIBE" or "FAILEDOPERATION.INSUFFICIENTBALANCEINSMSPACKAGE" => MessageCodes.SmsAccount,
        var other when other.StartsWith("LIMITEXCEEDED.", StringComparison.Ordinal) => MessageCodes.SmsLimited,
        _ => MessageCodes.SmsFailed,
    };
}
