namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// The canonical request both mainland providers sign (Alibaba's V3 and Tencent's TC3 spell it the same way): method,
/// path, query, the signed headers as <c>name:value</c> lines sorted by lower-case name, their names joined by <c>;</c>,
/// and the body's hex SHA-256.
/// </summary>
internal static class CanonicalRequest
{
    /// <param name="lowerCaseValues">Tencent lowers the header values too; Alibaba keeps them as sent.</param>
    public static (string Text, string SignedHeaders) Build(
        string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, bool lowerCaseValues, string payloadHash)
    {
        var signed = headers
            .Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: lowerCaseValues ? h.Value.Trim().ToLowerInvariant() : h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', signed.Select(h => h.Name));
        var text = string.Join('\n',
            method.ToUpperInvariant(),
            path,
            query,
            string.Concat(signed.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payloadHash);
        return (text, signedHeaders);
    }
}
