using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Application.Notifications;

namespace AfterSales.Infrastructure.Sms.Tencent;

/// <summary>Where and as whom the app calls Tencent Cloud SMS (<c>Sms:Tencent</c>).</summary>
/// <param name="Endpoint">The service's address (<c>https://sms.tencentcloudapi.com</c>).</param>
/// <param name="Region">The region requests name (<c>ap-guangzhou</c>).</param>
/// <param name="SdkAppId">The SMS application's id (<c>SmsSdkAppId</c>).</param>
/// <param name="SignName">The company's approved SMS signature's text (<c>售后服务</c>).</param>
public sealed record TencentSmsSettings(Uri Endpoint, string SecretId, string SecretKey, string Region, string SdkAppId, string SignName);

/// <summary>
/// Tencent Cloud SMS (API 3.0, version 2021-01-11), called over HTTP with the <c>TC3-HMAC-SHA256</c> signature:
/// <c>SendSms</c> sends one templated message to one number with our message id as <c>SessionContext</c>. Like
/// Alibaba's, the service does not recognise a repeated request. Faults are results; the codes are classified in
/// <see cref="Classify"/>.
/// </summary>
public sealed class TencentSmsClient(HttpClient http, TencentSmsSettings settings, TimeProvider time)
{
    public const string Version = "2021-01-11";

    public const string Service = "sms";

    public const string Name = "tencent";

    /// <summary>Sends <paramref name="sms"/>: accepted with Tencent's <c>SerialNo</c>, to retry (when), or refused for good.</summary>
    public async Task<SmsSendResult> SendAsync(TemplatedSms sms, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["PhoneNumberSet"] = new JsonArray(sms.To),
            ["SmsSdkAppId"] = settings.SdkAppId,
            ["TemplateId"] = sms.Template,
            ["SignName"] = settings.SignName,
            ["TemplateParamSet"] = new JsonArray([.. sms.Parameters.Select(p => (JsonNode?)JsonValue.Create(p.Value))]),
            ["SessionContext"] = sms.OutId,
        };
        var (status, answer) = await CallAsync("SendSms", body, cancellationToken);
        var response = answer?["Response"];
        if (response?["Error"] is { } failure)
        {
            var code = failure["Code"]?.GetValue<string>();
            return Result(code, $"{code}: {failure["Message"]?.GetValue<string>()}", (int)status);
        }

        var item = response?["SendStatusSet"]?.AsArray().FirstOrDefault();
        if (status != HttpStatusCode.OK || item is null)
        {
            return Result(null, $"HTTP {(int)status} without a send status", (int)status);
        }

        var itemCode = item["Code"]?.GetValue<string>();
        return itemCode == "Ok"
            ? new SmsSendResult.Accepted(item["SerialNo"]?.GetValue<string>(), null)
            : Result(itemCode, $"{itemCode}: {item["Message"]?.GetValue<string>()}", (int)status);
    }

    /// <summary>
    /// Whether Tencent's records hold the message with <paramref name="outId"/> (its <c>SessionContext</c>) to
    /// <paramref name="to"/> since <paramref name="since"/> (<c>PullSmsSendStatusByPhoneNumber</c>): accepted when they
    /// do, null when they do not, a retry when the service cannot tell now.
    /// </summary>
    public async Task<SmsSendResult?> FindSentAsync(string to, string outId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (_, answer) = await CallAsync("PullSmsSendStatusByPhoneNumber", new JsonObject
        {
            ["BeginTime"] = since.ToUnixTimeSeconds() - 60,
            ["EndTime"] = time.GetUtcNow().ToUnixTimeSeconds() + 60,
            ["Offset"] = 0,
            ["Limit"] = 100,
            ["PhoneNumber"] = to,
            ["SmsSdkAppId"] = settings.SdkAppId,
        }, cancellationToken);
        var response = answer?["Response"];
        if (response?["Error"] is { } failure || response?["PullSmsSendStatusSet"] is not JsonArray records)
        {
            return new SmsSendResult.Retry($"PullSmsSendStatusByPhoneNumber: {response?["Error"]?["Code"]?.GetValue<string>() ?? "no answer"}", null);
        }

        return records.FirstOrDefault(r => r?["SessionContext"]?.GetValue<string>() == outId) is { } found
            ? new SmsSendResult.Accepted(found["SerialNo"]?.GetValue<string>(), "in Tencent's records already: the earlier attempt went out")
            : null;
    }

    /// <summary>
    /// What a code means for the message: Tencent names a request's faults in <c>Response.Error.Code</c> and a number's
    /// in its <c>SendStatusSet</c> item.
    /// </summary>
    public static ProviderErrorClass Classify(string? code, int httpStatus) => code switch
    {
        null when httpStatus >= 500 => ProviderErrorClass.Transient,
        null => ProviderErrorClass.Transient,
        _ when code.StartsWith("LimitExceeded.", StringComparison.Ordinal) && code != "LimitExceeded.PhoneNumberCountLimit" => ProviderErrorClass.Throttled,
        "RequestLimitExceeded" or "RequestLimitExceeded.GlobalRegionUinLimitExceeded" => ProviderErrorClass.Throttled,
        _ when code.StartsWith("AuthFailure", StringComparison.Ordinal) => ProviderErrorClass.Configuration,
        "FailedOperation.InsufficientBalanceInSmsPackage" or "UnauthorizedOperation.SmsSdkAppIdVerifyFail" or "UnauthorizedOperation.ServiceSuspendDueToArrears"
            or "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny" or "FailedOperation.ForbidAddMarketingTemplates" => ProviderErrorClass.Configuration,
        _ when code.StartsWith("InternalError", StringComparison.Ordinal) => ProviderErrorClass.Transient,
        "FailedOperation.JsonParseFail" or "FailedOperation.FailResolvePacket" => ProviderErrorClass.Transient,
        _ when code.StartsWith("InvalidParameter", StringComparison.Ordinal) || code.StartsWith("FailedOperation.", StringComparison.Ordinal)
            || code.StartsWith("UnsupportedOperation", StringComparison.Ordinal) || code.StartsWith("MissingParameter", StringComparison.Ordinal) => ProviderErrorClass.Permanent,
        _ => ProviderErrorClass.Transient,
    };

    /// <summary>How long a throttled number must wait: the window Tencent names in the code.</summary>
    public static TimeSpan ThrottledFor(string? code) => code switch
    {
        "LimitExceeded.PhoneNumberThirtySecondLimit" => TimeSpan.FromSeconds(30),
        "LimitExceeded.PhoneNumberOneHourLimit" => TimeSpan.FromHours(1),
        "LimitExceeded.PhoneNumberDailyLimit" or "LimitExceeded.AppDailyLimit" or "LimitExceeded.DailyLimit" => TimeSpan.FromHours(24),
        _ => TimeSpan.FromMinutes(1),
    };

    private static SmsSendResult Result(string? code, string error, int httpStatus) => Classify(code, httpStatus) switch
    {
        ProviderErrorClass.Permanent => new SmsSendResult.Rejected(error, code),
        ProviderErrorClass.Throttled => new SmsSendResult.Retry(error, ThrottledFor(code)),
        ProviderErrorClass.Configuration => new SmsSendResult.Retry(error, TimeSpan.FromMinutes(30)),
        _ => new SmsSendResult.Retry(error, null),
    };

    /// <summary>One signed call: the action's JSON body, signed with content type and host.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Answer)> CallAsync(string action, JsonObject body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var uri = new Uri(settings.Endpoint, "/");
        const string contentType = "application/json; charset=utf-8";
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        var (signedHeaders, scope, signature) = TencentRequestSigner.Sign(
            settings.SecretKey, Service, timestamp, "POST", "/", string.Empty,
            [new("content-type", contentType), new("host", host), new("x-tc-action", action)], bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Authorization", TencentRequestSigner.Authorization(settings.SecretId, scope, signedHeaders, signature));
        request.Headers.TryAddWithoutValidation("X-TC-Action", action);
        request.Headers.TryAddWithoutValidation("X-TC-Version", Version);
        request.Headers.TryAddWithoutValidation("X-TC-Region", settings.Region);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request, cancellationToken);
        return await ProviderAnswer.ReadAsync(response, cancellationToken);
    }
}
