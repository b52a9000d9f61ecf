using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace AfterSales.Application.Notifications;

/// <summary>
/// SMS settings (section <c>Sms</c>). Without <see cref="AcsConnectionString"/> or <see cref="AcsEndpoint"/>
/// messages are kept in the local outbox (<c>GET /api/sms</c>) instead of being sent.
/// </summary>
public sealed partial class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

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

    /// <summary>True when a real provider is configured.</summary>
    public bool SendsForReal => !string.IsNullOrWhiteSpace(AcsConnectionString) || !string.IsNullOrWhiteSpace(AcsEndpoint);

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

        if (SendsForReal && (string.IsNullOrWhiteSpace(From) || !Sender().IsMatch(From)))
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

/// <summary>A configured text for one notification; a missing language keeps the default.</summary>
public sealed class SmsTemplateOverride
{
    public string? Zh { get; set; }

    public string? En { get; set; }
}
