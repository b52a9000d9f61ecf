using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AfterSales.Application.Notifications;

namespace AfterSales.Infrastructure.Sms.Aliyun;

/// <summary>Where and as whom the app calls Alibaba Cloud SMS (<c>Sms:Aliyun</c>).</summary>
/// <param name="Endpoint">The service's address (<c>https://dysmsapi.aliyuncs.com</c>).</param>
/// <param name="SignName">The company's approved SMS signature, without the brackets (<c>售后服务</c>).</param>
public sealed record AliyunSmsSettings(Uri Endpoint, string AccessKeyId, string AccessKeySecret, string SignName);

/// <summary>
/// Alibaba Cloud SMS (dysmsapi, version 2017-05-25), called over HTTP with the V3 signature: <c>SendSms</c> sends
/// one templated message to one number with our message id as <c>OutId</c>. The service does not recognise a
/// repeated request: a send whose answer was lost must be looked up, not sent again. Faults are results; the
/// provider's codes are classified in <see cref="Classify"/>.
/// </summary>
public sealed class AliyunSmsClient(HttpClient http, AliyunSmsSettings settings, TimeProvider time)
{
    public const string Version = "2017-05-25";

    public const string Name = "aliyun";

    /// <summary>Sends <paramref name="sms"/>: accepted with Alibaba's <c>BizId</c>, to retry (when), or refused for good.</summary>
    public async Task<SmsSendResult> SendAsync(TemplatedSms sms, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in sms.Parameters)
        {
            parameters[name] = value; // the service wants every value as a string
        }

        var (status, answer) = await CallAsync(
            "SendSms",
            [
                new("PhoneNumbers", PhoneNumber(sms.To)),
                new("SignName", settings.SignName),
                new("TemplateCode", sms.Template),
                new("TemplateParam", parameters.ToJsonString()),
                new("OutId", sms.OutId),
            ],
            cancellationToken);
        var code = answer?["Code"]?.GetValue<string>();
        var message = answer?["Message"]?.GetValue<string>();
        if (status == HttpStatusCode.OK && code == "OK")
        {
            return new SmsSendResult.Accepted(answer?["BizId"]?.GetValue<string>(), null);
        }

        var error = $"{code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {message}";
        return Classify(code, (int)status) switch
        {
            ProviderErrorClass.Permanent => new SmsSendResult.Rejected(error, code),
            ProviderErrorClass.Throttled => new SmsSendResult.Retry(error, ThrottledFor(message)),
            ProviderErrorClass.Configuration => new SmsSendResult.Retry(error, TimeSpan.FromMinutes(30)),
            _ => new SmsSendResult.Retry(error, null),
        };
    }

    /// <summary>
    /// Whether Alibaba's records hold the message with <paramref name="outId"/> to <paramref name="to"/> since
    /// <paramref name="since"/> (<c>QuerySendDetails</c>, by the number and each China date since, 50 a page): accepted
    /// when they do and it did not fail, null when they do not, a retry when the service cannot tell now.
    /// </summary>
    public async Task<SmsSendResult?> FindSentAsync(string to, string outId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var china = TimeSpan.FromHours(8);
        var first = DateOnly.FromDateTime(since.ToOffset(china).DateTime);
        var last = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(china).DateTime);
        for (var day = first; day <= last && day <= first.AddDays(7); day = day.AddDays(1))
        {
            for (var page = 1; page <= 20; page++)
            {
                var (_, answer) = await CallAsync(
                    "QuerySendDetails",
                    [
                        new("PhoneNumber", PhoneNumber(to)),
                        new("SendDate", day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
                        new("PageSize", "50"),
                        new("CurrentPage", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ],
                    cancellationToken);
                if (answer?["Code"]?.GetValue<string>() != "OK")
                {
                    return new SmsSendResult.Retry($"QuerySendDetails: {answer?["Code"]?.GetValue<string>()} {answer?["Message"]?.GetValue<string>()}".Trim(), null);
                }

                var records = answer["SmsSendDetailDTOs"]?["SmsSendDetailDTO"]?.AsArray() ?? [];
                if (records.FirstOrDefault(r => r?["OutId"]?.GetValue<string>() == outId && r?["SendStatus"]?.GetValue<int>() != 2) is not null)
                {
                    return new SmsSendResult.Accepted(null, "in Alibaba's records already: the earlier attempt went out");
                }

                if (records.Count < 50)
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// What an answer means for the message. Business errors come with HTTP 200 and a code; a wrong signature or key
    /// with a 4xx; the service's own faults with <c>isp.*</c> or a 5xx.
    /// </summary>
    public static ProviderErrorClass Classify(string? code, int httpStatus) => code switch
    {
        "isv.BUSINESS_LIMIT_CONTROL" or "isv.DAY_LIMIT_CONTROL" or "Throttling.User" or "Throttling" => ProviderErrorClass.Throttled,
        "isv.SMS_TEMPLATE_ILLEGAL" or "isv.SMS_SIGNATURE_ILLEGAL" or "isv.TEMPLATE_MISSING_PARAMETERS" or "isv.MOBILE_NUMBER_ILLEGAL"
            or "isv.INVALID_JSON_PARAM" or "isv.PARAM_LENGTH_LIMIT" or "isv.PARAM_NOT_SUPPORT_URL" or "isv.MOBILE_COUNT_OVER_LIMIT"
            or "isv.INVALID_PARAMETERS" or "isv.BLACK_KEY_CONTROL_LIMIT" or "isv.SMS_CONTENT_ILLEGAL" or "isv.SMS_SIGN_ILLEGAL"
            or "isv.DENY_IP_RANGE" or "isv.SMS_TEST_NUMBER_LIMIT" => ProviderErrorClass.Permanent,
        "isv.AMOUNT_NOT_ENOUGH" or "isv.OUT_OF_SERVICE" or "isv.ACCOUNT_NOT_EXISTS" or "isv.ACCOUNT_ABNORMAL" or "isv.PRODUCT_UN_SUBSCRIPT"
            or "isv.PRODUCT_UNSUBSCRIBE" or "InvalidAccessKeyId.NotFound" or "InvalidAccessKeyId.Inactive" or "SignatureDoesNotMatch"
            or "IncompleteSignature" or "Forbidden.RAM" or "NoPermission" => ProviderErrorClass.Configuration,
        "isp.SYSTEM_ERROR" or "isp.RAM_PERMISSION_DENY" or "ServiceUnavailable" or "InternalError" => ProviderErrorClass.Transient,
        _ when httpStatus is 401 or 403 => ProviderErrorClass.Configuration,
        _ when httpStatus is 400 or 404 or 413 => ProviderErrorClass.Permanent,
        _ => ProviderErrorClass.Transient,
    };

    /// <summary>How long a throttled number must wait: the limit's window, which the service names in its message.</summary>
    public static TimeSpan ThrottledFor(string? message) => message switch
    {
        _ when message?.Contains("分钟", StringComparison.Ordinal) == true => TimeSpan.FromMinutes(1),
        _ when message?.Contains("小时", StringComparison.Ordinal) == true => TimeSpan.FromHours(1),
        _ => TimeSpan.FromHours(24),
    };

    /// <summary>A mainland number without its country code, as the service takes it; others with theirs and no '+'.</summary>
    public static string PhoneNumber(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');

    /// <summary>One signed RPC call: the parameters in the query, an empty body.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Answer)> CallAsync(string action, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var encoded = string.Join('&', query.Select(p => $"{AliyunRequestSigner.PercentEncode(p.Key)}={AliyunRequestSigner.PercentEncode(p.Value)}"));
        var uri = new Uri(settings.Endpoint, "/?" + encoded);
        var contentHash = AliyunRequestSigner.ContentHash([]);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = Version,
            ["x-acs-date"] = AliyunRequestSigner.Date(time.GetUtcNow()),
            ["x-acs-signature-nonce"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["x-acs-content-sha256"] = contentHash,
        };
        var (signedHeaders, signature) = AliyunRequestSigner.Sign(settings.AccessKeySecret, "POST", "/", query, headers, contentHash);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers.Where(h => h.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization", $"{AliyunRequestSigner.Algorithm} Credential={settings.AccessKeyId},SignedHeaders={signedHeaders},Signature={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        return await ProviderAnswer.ReadAsync(response, cancellationToken);
    }
}
