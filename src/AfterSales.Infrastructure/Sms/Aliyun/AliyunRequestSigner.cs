using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AfterSales.Infrastructure.Sms.Aliyun;

/// <summary>
/// Alibaba Cloud's V3 request signature (<c>ACS3-HMAC-SHA256</c>): the canonical request (method, path, the sorted
/// RFC 3986-encoded query, the lower-case signed headers with their values, the signed header names and the hex
/// SHA-256 of the body) is hashed, prefixed with the algorithm's name, and signed with HMAC-SHA256 under the
/// AccessKey secret. Every <c>x-acs-*</c> header and <c>host</c> are signed.
/// </summary>
public static class AliyunRequestSigner
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>The hex SHA-256 of <paramref name="body"/> (<c>x-acs-content-sha256</c>).</summary>
    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The request's date as <c>x-acs-date</c> carries it: UTC, ISO 8601 to the second.</summary>
    public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The signature of a request, and the signed header names. <paramref name="headers"/> are the headers to sign
    /// (names in any case); <paramref name="query"/> the query parameters, not yet encoded.
    /// </summary>
    public static (string SignedHeaders, string Signature) Sign(
        string secret, string method, string path, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers, string contentHash)
    {
        var canonicalQuery = string.Join('&', query
            .Select(p => (Name: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var (canonicalRequest, signedHeaders) = CanonicalRequest.Build(method, path, canonicalQuery, headers, lowerCaseValues: false, contentHash);
        var stringToSign = $"{Algorithm}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        return (signedHeaders, signature);
    }

    /// <summary>RFC 3986 percent-encoding of UTF-8: everything but <c>A-Z a-z 0-9 - _ . ~</c>, upper-case hex.</summary>
    public static string PercentEncode(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
