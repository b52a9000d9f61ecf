using AfterSales.Application.Language;
using AfterSales.Application.Notifications;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Explanations;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tests;

/// <summary>A failed SMS is explained to supervisors in words they can act on, with the provider's or operator's code.</summary>
public sealed class SmsFailuresTests
{
    [Theory]
    [InlineData("UNDELIV", MessageCodes.SmsUndeliverable)] // operators' delivery statuses in receipts
    [InlineData("EXPIRED", MessageCodes.SmsExpired)]
    [InlineData("REJECTD", MessageCodes.SmsRejected)]
    [InlineData("isv.MOBILE_NUMBER_ILLEGAL", MessageCodes.SmsBadNumber)] // Alibaba at sending
    [InlineData("isv.SMS_TEMPLATE_ILLEGAL", MessageCodes.SmsTemplateRefused)]
    [InlineData("isv.AMOUNT_NOT_ENOUGH", MessageCodes.SmsAccount)]
    [InlineData("InvalidParameterValue.IncorrectPhoneNumber", MessageCodes.SmsBadNumber)] // Tencent at sending
    [InlineData("FailedOperation.TemplateIncorrectOrUnapproved", MessageCodes.SmsTemplateRefused)]
    [InlineData("LimitExceeded.PhoneNumberDailyLimit", MessageCodes.SmsLimited)]
    [InlineData("MK:0001", MessageCodes.SmsFailed)] // an operator's own code: said as it is
    public void ACode_IsExplainedWithTheCodeItself(string code, string explained)
    {
        var failed = Message() with { Status = SmsStatus.Failed, Error = $"Not delivered: {code}", ErrorCode = code };

        var explanation = SmsFailures.Explain(failed)!;

        Assert.Equal(explained, explanation.Code);
        Assert.Contains(code, Messages.Say(explanation, CustomerLanguage.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyAFailedMessage_IsExplained_AndOneThatRanOutOfAttemptsSaysHowMany()
    {
        Assert.Null(SmsFailures.Explain(Message() with { Status = SmsStatus.Pending, Error = "429: throttled", Attempts = 2 }));
        var gaveUp = SmsFailures.Explain(Message() with { Status = SmsStatus.Failed, Attempts = 8, Error = "Gave up after 8 attempts; the last said: 503" })!;

        Assert.Equal(MessageCodes.SmsGaveUp, gaveUp.Code);
        Assert.Equal("已尝试 8 次仍未发出，停止重试。请电话联系客户。", Messages.Say(gaveUp, CustomerLanguage.Zh));
    }

    private static SmsMessage Message() => new()
    {
        Ticket = TicketId.LowerBound(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)),
        Key = "sms-000001-requestReceived",
        TicketNumber = "AS-20261123-00001",
        Kind = NotificationKind.RequestReceived,
        Language = CustomerLanguage.Zh,
        To = "+8613812345678",
        Text = "【售后服务】您的服务请求已受理",
        Segments = 1,
        Proactive = false,
        Urgent = false,
        CreatedAt = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero),
        RepeatabilityRequestId = Guid.Empty,
        NextAttemptAt = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero),
    };
}
