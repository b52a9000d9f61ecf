using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace AfterSales.Application.Notifications;

/// <summary>
/// SMS settings (section <c>Sms</c>). <see cref="Provider"/> chooses who sends: <c>aliyun</c> (Alibaba Cloud) or
/// <c>tencent</c> (Tencent Cloud) with approved templates, or <c>acs</c> (Azure Communication Services, which cannot
/// reach mainland numbers). Without a provider — no <see cref="Provider"/> and no ACS connection — messages are kept
/// in the local outbox (<c>GET /api/sms</c>) instead of being sent.
/// </summary>
public sealed partial class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

    /// <summary><c>aliyun</c>, <c>tencent</c> or <c>acs</c>; empty: ACS when its connection is set, else the local outbox.</summary>
    public string? Provider { get; set; }

    /// <summary>Optionally, the provider for numbers outside +86 (e.g. <c>acs</c>); empty: the same as <see cref="Provider"/>.</summary>
    public string? InternationalProvider { get; set; }

    /// <summary>Alibaba Cloud SMS (<c>Sms:Aliyun</c>).</summary>
    public AliyunSmsOptions Aliyun { get; set; } = new();

    /// <summary>Tencent Cloud SMS (<c>Sms:Tencent</c>).</summary>
    public TencentSmsOptions Tencent { get; set; } = new();

    /// <summary>Azure Communication Services connection string, <c>endpoint=https://….communication.azure.com/;accesskey=…</c> (HMAC signing).</summary>
    public string? AcsConnectionString { get; set; }

    /// <summary>Azure Communication Services endpoint alone, signing in with Microsoft Entra ID (managed identity) instead of the access key.</summary>
    public string? AcsEndpoint { get; set; }

    /// <summary>The sender: an E.164 number or an alphanumeric sender id the ACS resource owns.</summary>
    public string? From { get; set; }

    /// <summary>Business-local time in which proactive messages wait (default <c>21:00-08:00</c>; empty for none).</summary>
    public string QuietHours { get; set; } = "21:00-08:00";

    /// <summary>Attempts before a message is marked failed (default 8).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// The most messages one number is sent per business day through a provider (default 40; 0: no limit of ours), so
    /// the providers' own limits (Alibaba: 50 a day per number and template) are never what stops a message. A message
    /// over it waits for the next day, and staff see why.
    /// </summary>
    [Range(0, 1000)]
    public int PerNumberDailyLimit { get; set; } = 40;

    /// <summary>Wait before the first retry; each further retry waits twice as long, with ±25 % jitter (default 30 s).</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts (default 30 minutes).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one request to the provider may take (default 15 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an attempt that never reported back blocks another (default 2 minutes).</summary>
    public TimeSpan AttemptLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long before an agreed visit the reminder goes (default 2 hours).</summary>
    public TimeSpan VisitReminderBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The sender signature Chinese carriers require at the start of every message (<c>{brand}</c>).</summary>
    public string Signature { get; set; } = "【售后服务】";

    /// <summary>The signature of English messages.</summary>
    public string SignatureEn { get; set; } = "[AfterSales] ";

    /// <summary>
    /// Key Event Grid must present (query <c>?key=</c> or header <c>X-AfterSales-Event-Key</c>) to post delivery
    /// reports to <c>/api/events/sms</c>; without it the endpoint refuses every request.
    /// </summary>
    public string? EventKey { get; set; }

    /// <summary>Texts that replace the default catalogue, by notification (<c>Sms:Templates:QuoteApproval:Zh</c>).</summary>
    public Dictionary<string, SmsTemplateOverride> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider names the app knows.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["aliyun", "tencent", "acs"];

    /// <summary>The provider of mainland (+86) numbers: <see cref="Provider"/>, else <c>acs</c> when ACS is configured, else none.</summary>
    public string? MainProvider => string.IsNullOrWhiteSpace(Provider) ? (AcsConfigured ? "acs" : null) : Provider.Trim().ToLowerInvariant();

    /// <summary>The provider of numbers outside +86.</summary>
    public string? OtherProvider => string.IsNullOrWhiteSpace(InternationalProvider) ? MainProvider : InternationalProvider.Trim().ToLowerInvariant();

    /// <summary>True when a real provider is configured.</summary>
    public bool SendsForReal => MainProvider is not null;

    private bool AcsConfigured => !string.IsNullOrWhiteSpace(AcsConnectionString) || !string.IsNullOrWhiteSpace(AcsEndpoint);

    private bool Uses(string provider) => MainProvider == provider || OtherProvider == provider;

    /// <summary>The parsed <see cref="QuietHours"/>.</summary>
    public QuietHours Quiet => Notifications.QuietHours.Parse(QuietHours) ?? Notifications.QuietHours.None;

    /// <summary>The catalogue: the defaults with the configured texts in their place.</summary>
    public IReadOnlyList<SmsTemplate> Catalogue() => SmsTemplates.Defaults.Select(t =>
        Templates.TryGetValue(t.Kind.ToString(), out var custom)
            ? t with { Zh = string.IsNullOrWhiteSpace(custom.Zh) ? t.Zh : custom.Zh, En = string.IsNullOrWhiteSpace(custom.En) ? t.En : custom.En }
            : t).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Notifications.QuietHours.Parse(QuietHours) is null)
        {
            yield return new ValidationResult($"Sms:QuietHours '{QuietHours}' is not like 21:00-08:00 (leave it empty for no quiet hours).", [nameof(QuietHours)]);
        }

        if (FirstRetryAfter <= TimeSpan.Zero || MaxRetryAfter < FirstRetryAfter)
        {
            yield return new ValidationResult("Sms:FirstRetryAfter must be positive and Sms:MaxRetryAfter no shorter.", [nameof(FirstRetryAfter)]);
        }

        if (RequestTimeout <= TimeSpan.Zero || AttemptLease <= RequestTimeout)
        {
            yield return new ValidationResult("Sms:RequestTimeout must be positive and Sms:AttemptLease longer than it.", [nameof(AttemptLease)]);
        }

        foreach (var (setting, value) in new[] { ("Provider", Provider), ("InternationalProvider", InternationalProvider) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Providers.Contains(value.Trim().ToLowerInvariant()))
            {
                yield return new ValidationResult($"Sms:{setting} '{value}' is not a provider; use one of {string.Join(", ", Providers)}.", [setting]);
            }
        }

        if (Uses("acs") && !AcsConfigured)
        {
            yield return new ValidationResult("Sms:Provider acs needs Sms:AcsConnectionString or Sms:AcsEndpoint.", [nameof(Provider)]);
        }

        foreach (var problem in (Uses("aliyun") ? Aliyun.Problems() : []).Concat(Uses("tencent") ? Tencent.Problems() : []))
        {
            yield return new ValidationResult(problem, [nameof(Provider)]);
        }

        if (Uses("acs") && (string.IsNullOrWhiteSpace(From) || !Sender().IsMatch(From)))
        {
            yield return new ValidationResult("Sms:From is required with an SMS provider: an E.164 number such as +18005550100, or an alphanumeric sender id of up to 11 characters.", [nameof(From)]);
        }

        if (!string.IsNullOrWhiteSpace(AcsEndpoint) && !Uri.TryCreate(AcsEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Sms:AcsEndpoint must be an absolute URL such as https://contoso.communication.azure.com/.", [nameof(AcsEndpoint)]);
        }

        foreach (var (name, custom) in Templates)
        {
            if (!Enum.TryParse<NotificationKind>(name, ignoreCase: true, out var kind))
            {
                yield return new ValidationResult($"Sms:Templates:{name} is not a notification; use one of {string.Join(", ", Enum.GetNames<NotificationKind>())}.", [nameof(Templates)]);
                continue;
            }

            foreach (var (language, text) in new[] { ("Zh", custom.Zh), ("En", custom.En) })
            {
                var unknown = text is null ? [] : SmsTemplates.PlaceholdersOf(text).Except(SmsTemplates.Available(kind), StringComparer.Ordinal).ToList();
                if (unknown.Count > 0)
                {
                    yield return new ValidationResult(
                        $"Sms:Templates:{name}:{language} uses {string.Join(", ", unknown.Select(u => $"{{{u}}}"))}, which {kind} does not provide; it may use {string.Join(", ", SmsTemplates.Available(kind).Select(u => $"{{{u}}}"))}.",
                        [nameof(Templates)]);
                }
            }
        }
    }

    [GeneratedRegex(@"^(\+[1-9]\d{5,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$")]
    private static partial Regex Sender();
}

/// <summary>One notification's approved template at a provider.</summary>
public sealed class ProviderTemplateOptions
{
    /// <summary>Alibaba's template code (<c>SMS_465000001</c>).</summary>
    public string? Code { get; set; }

    /// <summary>Tencent's template id (<c>1234567</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Tencent: the longest variable value the template was approved for (set in Tencent's console); empty: no limit of ours.</summary>
    public int? MaxParamLength { get; set; }
}

/// <summary>Alibaba Cloud SMS settings (<c>Sms:Aliyun</c>); the keys live in Key Vault.</summary>
public sealed class AliyunSmsOptions
{
    public string Endpoint { get; set; } = "https://dysmsapi.aliyuncs.com";

    public string? AccessKeyId { get; set; }

    public string? AccessKeySecret { get; set; }

    /// <summary>The company's approved signature, without the brackets.</summary>
    public string? SignName { get; set; }

    /// <summary>Each notification's template, by the notification's name (<c>Sms:Aliyun:Templates:quoteApproval:Code</c>).</summary>
    public Dictionary<string, ProviderTemplateOptions> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is missing or wrong, in words for the one configuring it.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return "Sms:Aliyun:Endpoint must be an absolute URL such as https://dysmsapi.aliyuncs.com.";
        }

        foreach (var (name, value) in new[] { ("AccessKeyId", AccessKeyId), ("AccessKeySecret", AccessKeySecret), ("SignName", SignName) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"Sms:Aliyun:{name} is required with Sms:Provider aliyun.";
            }
        }

        foreach (var kind in Enum.GetValues<NotificationKind>().Where(k => !Templates.TryGetValue(EnumNames.Name(k), out var t) || string.IsNullOrWhiteSpace(t.Code)))
        {
            yield return $"Sms:Aliyun:Templates:{EnumNames.Name(kind)}:Code is missing: the app sends {EnumNames.Name(kind)}, and Alibaba sends only approved templates (docs/sms.md lists the text to submit).";
        }
    }
}

/// <summary>Tencent Cloud SMS settings (<c>Sms:Tencent</c>); the keys live in Key Vault.</summary>
public sealed class TencentSmsOptions
{
    public string Endpoint { get; set; } = "https://sms.tencentcloudapi.com";

    public string? SecretId { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "ap-guangzhou";

    /// <summary>
    /// How long Tencent's send records (PullSmsSendStatusByPhoneNumber, filled from the operators' receipts) may lag
    /// behind a send: a send whose answer was lost is not made again before this (default 5 minutes).
    /// </summary>
    public TimeSpan RecordsLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The SMS application's id (<c>SmsSdkAppId</c>).</summary>
    public string? SdkAppId { get; set; }

    /// <summary>The company's approved signature's text.</summary>
    public string? SignName { get; set; }

    /// <summary>Each notification's template, by the notification's name (<c>Sms:Tencent:Templates:quoteApproval:Id</c>).</summary>
    public Dictionary<string, ProviderTemplateOptions> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is missing or wrong, in words for the one configuring it.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return "Sms:Tencent:Endpoint must be an absolute URL such as https://sms.tencentcloudapi.com.";
        }

        foreach (var (name, value) in new[] { ("SecretId", SecretId), ("SecretKey", SecretKey), ("SdkAppId", SdkAppId), ("SignName", SignName), ("Region", Region) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"Sms:Tencent:{name} is required with Sms:Provider tencent.";
            }
        }

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            if (!Templates.TryGetValue(EnumNames.Name(kind), out var t) || string.IsNullOrWhiteSpace(t.Id))
            {
                yield return $"Sms:Tencent:Templates:{EnumNames.Name(kind)}:Id is missing: the app sends {EnumNames.Name(kind)}, and Tencent sends only approved templates (docs/sms.md lists the text to submit).";
            }
            else if (t.MaxParamLength is < 1 or > 100)
            {
                yield return $"Sms:Tencent:Templates:{EnumNames.Name(kind)}:MaxParamLength must be 1 to 100.";
            }
        }
    }
}

/// <summary>A configured text for one notification; a missing language keeps the default.</summary>
public sealed class SmsTemplateOverride
{
    public string? Zh { get; set; }

    public string? En { get; set; }
}
