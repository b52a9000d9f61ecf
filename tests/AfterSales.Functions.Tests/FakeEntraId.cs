using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AfterSales.Functions.Tests;

/// <summary>
/// A stand-in for Microsoft Entra ID (not reachable here) on a loopback port: its OpenID Connect metadata and signing
/// keys as Entra ID publishes them, and id tokens shaped like Entra ID's (issuer, audience, nonce,
/// <c>preferred_username</c>, <c>roles</c>), signed with its RSA key, for a test to post back as the browser would.
/// </summary>
internal sealed class FakeEntraId : IAsyncDisposable
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000aa";
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-entra-key" };

    private FakeEntraId(WebApplication app, string origin)
    {
        _app = app;
        Authority = $"{origin}/{Tenant}/v2.0";
    }

    /// <summary>The authority to configure (<c>Auth:Entra:Authority</c>); it is also the tokens' issuer.</summary>
    public string Authority { get; }

    public static async Task<FakeEntraId> StartAsync()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var origin = $"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        var app = builder.Build();
        var fake = new FakeEntraId(app, origin);
        app.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = fake.Authority,
            ["authorization_endpoint"] = $"{fake.Authority}/authorize",
            ["token_endpoint"] = $"{fake.Authority}/token",
            ["jwks_uri"] = $"{fake.Authority}/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
        }));
        app.MapGet($"/{Tenant}/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(fake._key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        return fake;
    }

    /// <summary>
    /// An id token for <paramref name="clientId"/> answering the sign-in that sent <paramref name="nonce"/>, for the user
    /// <paramref name="user"/> with the app <paramref name="roles"/>; signed with another key when <paramref name="forged"/>.
    /// </summary>
    public string IdToken(string clientId, string nonce, string user, string[] roles, bool forged = false)
    {
        var now = DateTime.UtcNow; // the token is checked against the real clock by the sign-in handler
        var claims = new Dictionary<string, object>
        {
            ["nonce"] = nonce,
            ["preferred_username"] = user,
            ["name"] = user,
            ["sub"] = $"sub-{user}",
            ["tid"] = Tenant,
        };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        var key = forged ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = clientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
