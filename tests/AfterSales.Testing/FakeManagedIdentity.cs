using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AfterSales.Testing;

/// <summary>
/// A stand-in for the App Service / Azure Functions managed identity endpoint (outside the product): the
/// platform sets <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c>, and Azure.Identity's managed identity
/// credential asks <c>GET {IDENTITY_ENDPOINT}?resource=…&amp;api-version=2019-08-01</c> with the header
/// <c>X-IDENTITY-HEADER</c>. It answers with a JWT for the resource, shaped like Entra ID's (issuer, audience,
/// times), which Azurite's <c>--oauth basic</c> mode accepts, and records every request.
/// </summary>
public sealed class FakeManagedIdentity : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DateTimeOffset _issuedAt = DateTimeOffset.UtcNow.AddMinutes(-5);

    private FakeManagedIdentity(WebApplication app, int port, string header)
    {
        _app = app;
        Port = port;
        Header = header;
    }

    public int Port { get; }

    /// <summary>The secret the platform shares with the app in <c>IDENTITY_HEADER</c>.</summary>
    public string Header { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}/msi/token";

    /// <summary>Audience of the tokens issued, by requested resource; by default the resource itself.</summary>
    public Func<string, string> Audience { get; set; } = resource => resource;

    /// <summary>Resources tokens were asked for, in order (refused requests included).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The environment the platform gives a function app with a system-assigned identity.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = Endpoint,
        ["IDENTITY_HEADER"] = Header,
    };

    public static async Task<FakeManagedIdentity> StartAsync()
    {
        var port = FakeAcsServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var identity = new FakeManagedIdentity(app, port, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        app.MapGet("/msi/token", identity.Handle);
        await app.StartAsync();
        return identity;
    }

    /// <summary>The token this endpoint gives for <paramref name="resource"/> (the same every time).</summary>
    public string TokenFor(string resource)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var claims = new Dictionary<string, object>
        {
            ["aud"] = Audience(resource),
            ["iss"] = "https://sts.windows.net/72f988bf-0000-4000-8000-000000000000/",
            ["iat"] = _issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = _issuedAt.ToUnixTimeSeconds(),
            ["exp"] = _issuedAt.AddHours(2).ToUnixTimeSeconds(),
            ["oid"] = "6f1e2b1c-0000-4000-8000-00000000a11e",
            ["sub"] = "6f1e2b1c-0000-4000-8000-00000000a11e",
            ["tid"] = "72f988bf-0000-4000-8000-000000000000",
        };
        // Unsigned: the emulator and the fake ACS read the claims without keys of Entra ID's to check against.
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(claims)}.";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Handle(HttpContext http)
    {
        var resource = http.Request.Query["resource"].ToString();
        Requests.Enqueue(resource);
        if (http.Request.Headers["X-IDENTITY-HEADER"] != Header)
        {
            return Results.Json(new { error = "unauthorized", error_description = "X-IDENTITY-HEADER is missing or wrong." }, statusCode: 401);
        }

        if (http.Request.Query["api-version"] != "2019-08-01" || resource.Length == 0)
        {
            return Results.Json(new { error = "invalid_request", error_description = "resource and api-version=2019-08-01 are required." }, statusCode: 400);
        }

        return Results.Json(new Dictionary<string, string>
        {
            ["access_token"] = TokenFor(resource),
            ["expires_on"] = _issuedAt.AddHours(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        });
    }
}

/// <summary>A self-signed TLS certificate for 127.0.0.1 and localhost, written as PEM files (Azurite's --cert/--key).</summary>
public sealed class TestCertificate : IDisposable
{
    private readonly DirectoryInfo _folder;

    public TestCertificate()
    {
        _folder = Directory.CreateTempSubdirectory("aftersales-tls-");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        CertificateFile = Path.Combine(_folder.FullName, "cert.pem");
        KeyFile = Path.Combine(_folder.FullName, "key.pem");
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem(), Encoding.ASCII);
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
    }

    /// <summary>The certificate; also the only trusted root of a process given <c>SSL_CERT_FILE</c> = this file.</summary>
    public string CertificateFile { get; }

    public string KeyFile { get; }

    public void Dispose() => _folder.Delete(recursive: true);
}
