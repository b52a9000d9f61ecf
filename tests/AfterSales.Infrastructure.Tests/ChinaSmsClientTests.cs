using AfterSales.Application.Notifications;
using AfterSales.Infrastructure.Sms;
using AfterSales.Infrastructure.Sms.Aliyun;
using AfterSales.Infrastructure.Sms.Tencent;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

/// <summary>
/// The Alibaba and Tencent SMS clients against fake services on loopback that check every request's signature on
/// their own and answer as the documentation says the services do: accepted, refused for good, throttled, failing.
/// </summary>
public sealed class ChinaSmsClientTests : IAsyncLifetime
{
    private static readonly TemplatedSms Quote = new(
        "+8613812345678", "SMS_465000001", [new("number", "AS-20261123-00042"), new("code", "K7Q2M9XW4P")], "sms-000004-quoteApproval");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private FakeAliyunSms _aliyun = null!;
    private FakeTencentSms _tencent = null!;

    public async Task InitializeAsync()
    {
        _aliyun = await FakeAliyunSms.StartAsync();
        _tencent = await FakeTencentSms.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _aliyun.DisposeAsync();
        await _tencent.DisposeAsync();
    }

    private AliyunSmsClient Aliyun(string? secret = null) =>
        new(_http, new AliyunSmsSettings(_aliyun.Endpoint, _aliyun.AccessKeyId, secret ?? _aliyun.AccessKeySecret, "售后服务"), TimeProvider.System);

    private TencentSmsClient Tencent(string? secret = null) =>
        new(_http, new TencentSmsSettings(_tencent.Endpoint, _tencent.SecretId, secret ?? _tencent.SecretKey, "ap-guangzhou", _tencent.SdkAppId, "售后服务"), TimeProvider.System);

    [Fact]
    public async Task Aliyun_SendsTheTemplateWithItsValuesAsStrings_SignedAndOncePerCall()
    {
        var result = await Aliyun().SendAsync(Quote, CancellationToken.None);

        var accepted = Assert.IsType<SmsSendResult.Accepted>(result);
        var sent = Assert.Single(_aliyun.Transmissions);
        Assert.Equal(sent.BizId, accepted.ProviderMessageId);
        Assert.Equal("13812345678", sent.PhoneNumbers);
        Assert.Equal("售后服务", sent.SignName);
        Assert.Equal("SMS_465000001", sent.TemplateCode);
        Assert.Equal("AS-20261123-00042", sent.TemplateParam["number"]!.GetValue<string>());
        Assert.Equal("K7Q2M9XW4P", sent.TemplateParam["code"]!.GetValue<string>());
        Assert.Equal("sms-000004-quoteApproval", sent.OutId);
        Assert.Null(Assert.Single(_aliyun.Requests).Problem);
    }

    [Fact]
    public async Task Aliyun_ACallSignedWithAnotherSecret_IsRefusedByTheService_AndHeldForTheCompanyToFix()
    {
        var result = await Aliyun(secret: "not-the-secret").SendAsync(Quote, CancellationToken.None);

        var retry = Assert.IsType<SmsSendResult.Retry>(result);
        Assert.StartsWith("SignatureDoesNotMatch", retry.Error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(30), retry.RetryAfter);
        Assert.Empty(_aliyun.Transmissions);
    }

    [Theory]
    [InlineData("isv.SMS_TEMPLATE_ILLEGAL")]
    [InlineData("isv.SMS_SIGNATURE_ILLEGAL")]
    [InlineData("isv.MOBILE_NUMBER_ILLEGAL")]
    [InlineData("isv.TEMPLATE_MISSING_PARAMETERS")]
    [InlineData("isv.PARAM_LENGTH_LIMIT")]
    public async Task Aliyun_ARefusalOfTheMessageItself_FailsAtOnce(string code)
    {
        _aliyun.Faults.Enqueue(new AliyunFault.Code(code));

        var result = await Aliyun().SendAsync(Quote, CancellationToken.None);

        Assert.StartsWith(code, Assert.IsType<SmsSendResult.Rejected>(result).Error, StringComparison.Ordinal);
        Assert.Empty(_aliyun.Transmissions);
    }

    [Theory]
    [InlineData("触发分钟级流控Permits:1", 60)]
    [InlineData("触发小时级流控Permits:5", 3600)]
    [InlineData("触发天级流控Permits:10", 86400)]
    public async Task Aliyun_Throttling_HoldsTheMessageUntilItsWindowHasPassed(string message, int seconds)
    {
        _aliyun.Faults.Enqueue(new AliyunFault.Code("isv.BUSINESS_LIMIT_CONTROL", message));

        var result = await Aliyun().SendAsync(Quote, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.IsType<SmsSendResult.Retry>(result).RetryAfter);
    }

    [Fact]
    public async Task Aliyun_TheServicesOwnFault_IsRetriedWithBackoff()
    {
        _aliyun.Faults.Enqueue(new AliyunFault.ServerError());

        var result = await Aliyun().SendAsync(Quote, CancellationToken.None);

        var retry = Assert.IsType<SmsSendResult.Retry>(result);
        Assert.Null(retry.RetryAfter);
        Assert.StartsWith("isp.SYSTEM_ERROR", retry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliyun_EachCallHasItsOwnNonce_SoTheServiceNeverTakesOneForAReplay()
    {
        await Aliyun().SendAsync(Quote, CancellationToken.None);
        await Aliyun().SendAsync(Quote with { OutId = "sms-000005-quoteApproval" }, CancellationToken.None);

        Assert.All(_aliyun.Requests, r => Assert.Null(r.Problem));
        Assert.Equal(2, _aliyun.Transmissions.Count);
    }

    [Fact]
    public async Task Tencent_SendsTheTemplateWithItsValuesInOrder_SignedWithTheSessionContext()
    {
        var result = await Tencent().SendAsync(Quote, CancellationToken.None);

        var accepted = Assert.IsType<SmsSendResult.Accepted>(result);
        var sent = Assert.Single(_tencent.Transmissions);
        Assert.Equal(sent.SerialNo, accepted.ProviderMessageId);
        Assert.Equal("+8613812345678", sent.PhoneNumber);
        Assert.Equal("SMS_465000001", sent.TemplateId);
        Assert.Equal(["AS-20261123-00042", "K7Q2M9XW4P"], sent.Parameters);
        Assert.Equal("sms-000004-quoteApproval", sent.SessionContext);
        Assert.Equal("售后服务", sent.SignName);
        Assert.Null(Assert.Single(_tencent.Requests).Problem);
    }

    [Fact]
    public async Task Tencent_ACallSignedWithAnotherKey_IsRefused_AndHeldForTheCompanyToFix()
    {
        var result = await Tencent(secret: "not-the-key").SendAsync(Quote, CancellationToken.None);

        var retry = Assert.IsType<SmsSendResult.Retry>(result);
        Assert.StartsWith("AuthFailure.SignatureFailure", retry.Error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(30), retry.RetryAfter);
        Assert.Empty(_tencent.Transmissions);
    }

    [Fact]
    public async Task Tencent_ALinkInAVariable_IsRefusedForGood()
    {
        var result = await Tencent().SendAsync(Quote with { Parameters = [new("link", "https://example.cn/c/K7Q2M9XW4P")] }, CancellationToken.None);

        Assert.StartsWith("InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", Assert.IsType<SmsSendResult.Rejected>(result).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LimitExceeded.PhoneNumberThirtySecondLimit", 30)]
    [InlineData("LimitExceeded.PhoneNumberOneHourLimit", 3600)]
    [InlineData("LimitExceeded.PhoneNumberDailyLimit", 86400)]
    public async Task Tencent_APerNumberLimit_HoldsTheMessageUntilItsWindowHasPassed(string code, int seconds)
    {
        _tencent.Faults.Enqueue(new TencentFault.NumberCode(code));

        var result = await Tencent().SendAsync(Quote, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.IsType<SmsSendResult.Retry>(result).RetryAfter);
    }

    [Theory]
    [InlineData("FailedOperation.TemplateIncorrectOrUnapproved", typeof(SmsSendResult.Rejected))]
    [InlineData("FailedOperation.SignatureIncorrectOrUnapproved", typeof(SmsSendResult.Rejected))]
    [InlineData("InvalidParameterValue.IncorrectPhoneNumber", typeof(SmsSendResult.Rejected))]
    [InlineData("FailedOperation.InsufficientBalanceInSmsPackage", typeof(SmsSendResult.Retry))]
    [InlineData("InternalError.Timeout", typeof(SmsSendResult.Retry))]
    public async Task Tencent_EachNumberCode_MeansWhatTheDocumentationSays(string code, Type expected)
    {
        _tencent.Faults.Enqueue(new TencentFault.NumberCode(code));

        var result = await Tencent().SendAsync(Quote, CancellationToken.None);

        Assert.IsType(expected, result);
        Assert.Empty(_tencent.Transmissions);
    }

    [Fact]
    public async Task Tencent_ARequestLevelInternalError_IsRetried()
    {
        _tencent.Faults.Enqueue(new TencentFault.RequestError("InternalError", "后端服务错误"));

        var retry = Assert.IsType<SmsSendResult.Retry>(await Tencent().SendAsync(Quote, CancellationToken.None));

        Assert.Null(retry.RetryAfter);
    }

    [Fact]
    public async Task ASlowAnswer_TimesOut_AfterTheServiceHasAlreadySent_WhichIsWhyALostAnswerIsNeverRetriedBlindly()
    {
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        _aliyun.Faults.Enqueue(new AliyunFault.SlowAnswer(TimeSpan.FromSeconds(3)));
        var client = new AliyunSmsClient(impatient, new AliyunSmsSettings(_aliyun.Endpoint, _aliyun.AccessKeyId, _aliyun.AccessKeySecret, "售后服务"), TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Quote, CancellationToken.None));

        Assert.Single(_aliyun.Transmissions);
    }

    [Fact]
    public async Task Aliyun_FindSent_FindsAMessageInTheServicesRecordsByItsOutId_AndNoOther()
    {
        await Aliyun().SendAsync(Quote, CancellationToken.None);

        var found = await Aliyun().FindSentAsync(Quote.To, Quote.OutId, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        var other = await Aliyun().FindSentAsync(Quote.To, "sms-000009-quoteApproval", DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        Assert.IsType<SmsSendResult.Accepted>(found);
        Assert.Null(other);
        Assert.All(_aliyun.Requests, r => Assert.Null(r.Problem));
        Assert.Equal("13812345678", _aliyun.Requests.Last().Query["PhoneNumber"]);
    }

    [Fact]
    public async Task Tencent_FindSent_FindsAMessageInTheServicesRecordsByItsSessionContext_AndNoOther()
    {
        await Tencent().SendAsync(Quote, CancellationToken.None);

        var found = await Tencent().FindSentAsync(Quote.To, Quote.OutId, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        var other = await Tencent().FindSentAsync(Quote.To, "sms-000009-quoteApproval", DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        Assert.Equal(Assert.Single(_tencent.Transmissions).SerialNo, Assert.IsType<SmsSendResult.Accepted>(found).ProviderMessageId);
        Assert.Null(other);
        Assert.All(_tencent.Requests, r => Assert.Null(r.Problem));
    }
}
