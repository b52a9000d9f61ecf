using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Customers;

/// <summary>What a customer link lets its holder do.</summary>
public enum LinkPurpose
{
    /// <summary>Approve or refuse quote N (the subject).</summary>
    Quote,
    /// <summary>Confirm and sign the result of round N (the subject).</summary>
    Confirm,
    /// <summary>Answer the satisfaction survey of round N's follow-up (the subject).</summary>
    Survey,
}

/// <summary>Customer link settings (section <c>CustomerLinks</c>).</summary>
public sealed class CustomerLinkOptions : IValidatableObject
{
    public const string Section = "CustomerLinks";

    /// <summary>HMAC-SHA256 key, base64, at least 32 bytes. Keep it secret (Key Vault in Azure).</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Earlier keys still accepted for links already sent (key rotation); new links use <see cref="SigningKey"/>.</summary>
    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>Public address the links start with, e.g. https://service.example.com; empty = the address the request came to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The service hotline shown on customer pages when a link cannot be used (optional).</summary>
    public string? ContactPhone { get; set; }

    /// <summary>How long a quote link stays valid (default 3 days).</summary>
    public TimeSpan QuoteLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a confirmation link stays valid (default 7 days).</summary>
    public TimeSpan ConfirmLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a survey link stays valid (default 7 days: the follow-up's own limit is 3 working days).</summary>
    public TimeSpan SurveyLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a customer page opened on a staff member's device stays valid (default 30 minutes: signing on site).</summary>
    public TimeSpan DeviceLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Quotes above this many yuan are approved only by the customer through the link sent to their phone — never
    /// recorded by staff from a call, never on a staff device (default 2000).
    /// </summary>
    public decimal StaffApprovalLimit { get; set; } = 2000m;

    /// <summary>
    /// Invalid links one client address may try per <see cref="InvalidLinkWindow"/> (default 20); past it, every link
    /// from that address answers 429 until the window ends.
    /// </summary>
    public int InvalidLinksPerClient { get; set; } = 20;

    /// <summary>Invalid links all clients together may try per <see cref="InvalidLinkWindow"/> (default 600); past it, invalid links answer 429.</summary>
    public int InvalidLinksGlobal { get; set; } = 600;

    /// <summary>The window the invalid-link limits count in (default one minute).</summary>
    public TimeSpan InvalidLinkWindow { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, name) in new[] { (SigningKey, nameof(SigningKey)) }.Concat(PreviousKeys.Select(k => (k, nameof(PreviousKeys)))))
        {
            if (Decode(key) is not { Length: >= 32 })
            {
                yield return new ValidationResult(
                    $"CustomerLinks:{name} must be a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).", [name]);
            }
        }

        if (new[] { QuoteLifetime, ConfirmLifetime, SurveyLifetime, DeviceLifetime }.Any(l => l <= TimeSpan.Zero || l > TimeSpan.FromDays(60)))
        {
            yield return new ValidationResult("CustomerLinks lifetimes must be between 00:00:01 and 60.00:00:00.", [nameof(QuoteLifetime), nameof(ConfirmLifetime), nameof(SurveyLifetime), nameof(DeviceLifetime)]);
        }

        if (InvalidLinksPerClient < 1 || InvalidLinksGlobal < InvalidLinksPerClient || InvalidLinkWindow < TimeSpan.FromSeconds(1) || InvalidLinkWindow > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(
                "CustomerLinks:InvalidLinksPerClient must be 1 or more, InvalidLinksGlobal at least as many, and InvalidLinkWindow between 00:00:01 and 01:00:00.",
                [nameof(InvalidLinksPerClient), nameof(InvalidLinksGlobal), nameof(InvalidLinkWindow)]);
        }

        if (StaffApprovalLimit < 0)
        {
            yield return new ValidationResult("CustomerLinks:StaffApprovalLimit must be 0 or more yuan.", [nameof(StaffApprovalLimit)]);
        }
    }

    internal static byte[]? Decode(string? key)
    {
        try
        {
            return string.IsNullOrWhiteSpace(key) ? null : Convert.FromBase64String(key.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// A link token that checked out. <paramref name="DeviceLink"/> is set for a page opened on a staff member's device:
/// the sequence of the ticket event that recorded who opened it.
/// </summary>
public sealed record CustomerLink(TicketId Ticket, LinkPurpose Purpose, int Subject, DateTimeOffset ExpiresAt, int? DeviceLink = null);

/// <summary>Why a link was refused.</summary>
public enum LinkProblem
{
    /// <summary>Not a link we made, or changed since.</summary>
    Invalid,
    /// <summary>Genuine but past its time.</summary>
    Expired,
}

/// <summary>
/// Signed, expiring links for customers, who have no accounts: <c>v1.{ticket}.{purpose}.{subject}.{expires}.{mac}</c>
/// with an HMAC-SHA256 over everything before the MAC. A page opened on a staff device has one more field before the
/// MAC, the sequence of the ticket event that recorded it: <c>v1.{ticket}.{purpose}.{subject}.{expires}.d{sequence}.{mac}</c>. The token is bound to one ticket, one purpose and one
/// subject (quote number or handling round), so it cannot be reused for anything else; whether it was
/// already used is the ticket's state, checked on every use.
/// </summary>
public sealed class CustomerLinks(IOptions<CustomerLinkOptions> options)
{
    private const string Version = "v1";

    /// <summary>Path of the customer pages, under which every link lives.</summary>
    public const string PagePath = "/c/";

    public CustomerLinkOptions Options => options.Value;

    /// <summary>
    /// The address a customer opens for <paramref name="token"/>: under <see cref="CustomerLinkOptions.BaseUrl"/>
    /// (a path alone when none is configured), with <c>?lang=en</c> for English-speaking customers.
    /// </summary>
    public string Url(string token, CustomerLanguage language) =>
        $"{Options.BaseUrl?.TrimEnd('/')}{PagePath}{token}{(language == CustomerLanguage.En ? "?lang=en" : string.Empty)}";

    /// <summary>A token for <paramref name="purpose"/> on <paramref name="ticket"/>, valid until now + the purpose's lifetime.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Create(TicketId ticket, LinkPurpose purpose, int subject, DateTimeOffset now)
    {
        var expiresAt = ExpiryOf(purpose, now);
        return (Sign(ticket, purpose, subject, expiresAt, deviceLink: null), expiresAt);
    }

    /// <summary>
    /// A new short code for <paramref name="purpose"/> on <paramref name="ticket"/>, with the entry to store for it (keyed
    /// by the code's HMAC under the signing key), valid for the purpose's lifetime like a link.
    /// </summary>
    public (string Code, CustomerCodeEntry Entry) CreateCode(TicketId ticket, LinkPurpose purpose, int subject, DateTimeOffset now)
    {
        var code = CustomerCode.New();
        return (code, new CustomerCodeEntry(CodeKeys(code).First(), ticket, purpose, subject, ExpiryOf(purpose, now), now));
    }

    /// <summary>The keys a stored <paramref name="code"/> may have: under the signing key, then under each previous key (rotation).</summary>
    public IEnumerable<string> CodeKeys(string code) =>
        new[] { Options.SigningKey }.Concat(Options.PreviousKeys).Select(CustomerLinkOptions.Decode).OfType<byte[]>()
            .Select(key => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("code:" + code))));

    private DateTimeOffset ExpiryOf(LinkPurpose purpose, DateTimeOffset now)
    {
        var expires = now + purpose switch
        {
            LinkPurpose.Quote => Options.QuoteLifetime,
            LinkPurpose.Survey => Options.SurveyLifetime,
            _ => Options.ConfirmLifetime,
        };
        return DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
    }

    /// <summary>
    /// A short-lived token for the customer's page opened on a staff member's device; <paramref name="deviceLink"/> is the
    /// sequence of the ticket event that recorded who opened it, so every act through it is attributed.
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) CreateForDevice(TicketId ticket, LinkPurpose purpose, int subject, int deviceLink, DateTimeOffset issuedAt)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((issuedAt + Options.DeviceLifetime).ToUnixTimeSeconds());
        return (Sign(ticket, purpose, subject, expiresAt, deviceLink), expiresAt);
    }

    private string Sign(TicketId ticket, LinkPurpose purpose, int subject, DateTimeOffset expiresAt, int? deviceLink)
    {
        var payload = Payload(ticket, purpose, subject, expiresAt.ToUnixTimeSeconds(), deviceLink);
        return $"{payload}.{Mac(payload, CustomerLinkOptions.Decode(Options.SigningKey)!)}";
    }

    private static string Payload(TicketId ticket, LinkPurpose purpose, int subject, long expires, int? deviceLink) =>
        string.Create(CultureInfo.InvariantCulture, $"{Version}.{ticket.Value}.{Code(purpose)}.{subject}.{expires}{(deviceLink is { } d ? $".d{d}" : string.Empty)}");

    /// <summary>Checks a token: signature first (constant time, every configured key), then expiry.</summary>
    public (CustomerLink? Link, LinkProblem? Problem) Validate(string? token, DateTimeOffset now)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length is not (6 or 7) || parts[0] != Version || token!.Length > 200)
        {
            return (null, LinkProblem.Invalid);
        }

        var payload = token[..token.LastIndexOf('.')];
        var keys = new[] { Options.SigningKey }.Concat(Options.PreviousKeys).Select(CustomerLinkOptions.Decode).OfType<byte[]>();
        var given = Encoding.ASCII.GetBytes(parts[^1]);
        if (!keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(payload, key)), given)))
        {
            return (null, LinkProblem.Invalid);
        }

        if (!TicketId.TryParse(parts[1], out var ticket) || Purpose(parts[2]) is not { } purpose
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var subject)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (null, LinkProblem.Invalid);
        }

        int? deviceLink = null;
        if (parts.Length == 7)
        {
            if (!parts[5].StartsWith('d') || !int.TryParse(parts[5].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return (null, LinkProblem.Invalid);
            }

            deviceLink = sequence;
        }

        // One spelling only: a token that verifies but is written differently (an id in lower case, a number with
        // a leading zero) is not one this service issued.
        if (payload != Payload(ticket, purpose, subject, seconds, deviceLink)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (null, LinkProblem.Invalid);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var link = new CustomerLink(ticket, purpose, subject, expiresAt, deviceLink);
        return now >= expiresAt ? (link, LinkProblem.Expired) : (link, null);
    }

    private static string Code(LinkPurpose purpose) => purpose switch { LinkPurpose.Quote => "q", LinkPurpose.Survey => "s", _ => "c" };

    private static LinkPurpose? Purpose(string code) => code switch { "q" => LinkPurpose.Quote, "c" => LinkPurpose.Confirm, "s" => LinkPurpose.Survey, _ => null };

    private static string Mac(string payload, byte[] key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
