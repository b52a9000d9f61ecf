using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// The access-key credentials of an Azure Communication Services resource, from its connection string
/// <c>endpoint=https://…;accesskey=…</c> (keys are case-insensitive, order free).
/// </summary>
public sealed record AcsConnection(Uri Endpoint, byte[] AccessKey)
{
    /// <summary>Parses a connection string; null with the reason when it is not usable.</summary>
    public static (AcsConnection? Connection, string? Problem) Parse(string? connectionString)
    {
        var parts = (connectionString ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return (null, "Sms:AcsConnectionString needs endpoint=https://<resource>.communication.azure.com/.");
        }

        try
        {
            return parts.TryGetValue("accesskey", out var key) && Convert.FromBase64String(key) is { Length: > 0 } bytes
                ? (new AcsConnection(uri, bytes), null)
                : (null, "Sms:AcsConnectionString needs accesskey=<base64 key> (Keys blade of the resource).");
        }
        catch (FormatException)
        {
            return (null, "The accesskey of Sms:AcsConnectionString is not base64.");
        }
    }
}

/// <summary>
/// HMAC-SHA256 request signing of the Communication Services REST API: the string to sign is
/// <c>VERB\n{path and query}\n{x-ms-date};{host};{x-ms-content-sha256}</c>, the key the base64-decoded
/// access key, and the header <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c>.
/// </summary>
public static class AcsRequestSigner
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    /// <summary>Base64 SHA-256 of the body (of an empty body for GET).</summary>
    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>The RFC 1123 date the service expects in <c>x-ms-date</c>.</summary>
    public static string Date(DateTimeOffset now) => now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The signature of one request.</summary>
    public static string Signature(string method, Uri uri, string date, string contentHash, byte[] accessKey)
    {
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var toSign = $"{method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{date};{host};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.UTF8.GetBytes(toSign)));
    }

    /// <summary>Adds <c>x-ms-date</c>, <c>x-ms-content-sha256</c> and <c>Authorization</c> to a request whose body is <paramref name="body"/>.</summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, byte[] accessKey, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request needs an absolute address.", nameof(request));
        var date = Date(now);
        var hash = ContentHash(body);
        request.Headers.Remove("x-ms-date");
        request.Headers.Remove("x-ms-content-sha256");
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", hash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={Signature(request.Method.Method, uri, date, hash, accessKey)}");
    }
}
