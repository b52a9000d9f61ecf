using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AfterSales.Infrastructure.Sms.Tencent;

/// <summary>
/// Tencent Cloud's API 3.0 signature (<c>TC3-HMAC-SHA256</c>): the canonical request (method, path, query, the
/// signed headers with names and values in lower case, their names and the hex SHA-256 of the body) is hashed into a string to sign with the
/// timestamp and the credential scope <c>{date}/{service}/tc3_request</c>, and signed with a key derived from the
/// SecretKey by HMAC over the date, the service and <c>tc3_request</c>. The date is the timestamp's UTC date.
/// </summary>
public static class TencentRequestSigner
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    /// <summary>The signature of a request, with the signed header names and the credential scope.</summary>
    public static (string SignedHeaders, string Scope, string Signature) Sign(
        string secretKey, string service, long timestamp, string method, string path, string query,
        IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (canonicalRequest, signedHeaders) = CanonicalRequest.Build(
            method, path, query, headers, lowerCaseValues: true, Convert.ToHexStringLower(SHA256.HashData(body)));
        var scope = $"{date}/{service}/tc3_request";
        var stringToSign = string.Join('\n',
            Algorithm,
            timestamp.ToString(CultureInfo.InvariantCulture),
            scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date), service), "tc3_request");
        return (signedHeaders, scope, Convert.ToHexStringLower(Hmac(key, stringToSign)));
    }

    /// <summary>The <c>Authorization</c> header's value.</summary>
    public static string Authorization(string secretId, string scope, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={secretId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

    private static byte[] Hmac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
}
