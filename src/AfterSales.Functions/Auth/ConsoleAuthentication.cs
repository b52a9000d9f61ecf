using System.Security.Claims;
using AfterSales.Application.Access;
using AfterSales.Web.Console;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AfterSales.Functions.Auth;

/// <summary>
/// How staff sign in to the console: a cookie (scheme <see cref="Scheme"/>) kept per session in Table Storage, made from
/// a development user (Development only: the configured API-key users of the staff roles, one click each) or by Microsoft
/// Entra ID (OpenID Connect) when configured; the cookie's keys are shared by every instance through Blob Storage.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "Console";

    /// <summary>The scheme that signs staff in with Microsoft Entra ID, when configured.</summary>
    public const string EntraScheme = "ConsoleEntra";

    /// <summary>The setting holding the certificate (PKCS#12, base64) that encrypts the key ring at rest.</summary>
    public const string KeyCertificateSetting = $"{ConsoleOptions.Section}:{nameof(ConsoleOptions.KeyProtectionCertificate)}";

    /// <summary>The certificate used before the current one, kept to read the keys it encrypted while they live.</summary>
    public const string PreviousKeyCertificateSetting = $"{ConsoleOptions.Section}:{nameof(ConsoleOptions.PreviousKeyProtectionCertificate)}";

    /// <summary>
    /// With a certificate configured (in Azure, an app setting referring to a Key Vault certificate's secret), every key
    /// is written encrypted with it, so the key blobs alone cannot forge a cookie; keys written under the previous
    /// certificate are still read. Without one the keys are stored as written (fine on a laptop's emulator).
    /// </summary>
    private static void ProtectKeys(IDataProtectionBuilder protection, IConfiguration configuration)
    {
        if (KeyCertificate(configuration, KeyCertificateSetting) is not { } current)
        {
            return;
        }

        protection.ProtectKeysWithCertificate(current);
        if (KeyCertificate(configuration, PreviousKeyCertificateSetting) is { } previous)
        {
            protection.UnprotectKeysWithAnyCertificate(current, previous);
        }
    }

    /// <summary>The certificate in <paramref name="setting"/>, null when unset; a value that is not one with its key stops the app, naming the setting.</summary>
    internal static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyCertificate(IConfiguration configuration, string setting)
    {
        if (configuration[setting] is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
                Convert.FromBase64String(text), password: null, System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{setting} has no private key: export the certificate with its key (PKCS#12).");
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{setting} is not a base64 PKCS#12 certificate without a password (as Key Vault gives a certificate's secret).", e);
        }
    }

    /// <summary>
    /// The console's cookie scheme (the staff policy scheme sends <c>/console</c> requests to it) and Entra ID
    /// sign-in when configured; the sign-in page learns which ways are open from <see cref="ConsoleSignIn"/>.
    /// </summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder, AuthenticationBuilder authentication, EntraOptions entra)
    {
        builder.Services.AddSingleton(provider => new ConsoleSignIn(
            [.. DevelopmentUsers(provider.GetRequiredService<IHostEnvironment>(), provider.GetRequiredService<IOptions<AuthOptions>>().Value)
                .Select(u => new ConsoleSignIn.User(u.Name, u.Role))],
            IsEntraOn(entra)));
        // One key ring for every instance, in Blob Storage: a sign-in and a form made on one instance hold on the others.
        var protection = builder.Services.AddDataProtection().SetApplicationName("AfterSales");
        ProtectKeys(protection, builder.Configuration);
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<AfterSales.Infrastructure.Storage.StorageClients>((keys, storage) => keys.XmlRepository = new BlobKeyRepository(storage));
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ConsoleSessions>();
        authentication.AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "aftersales.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = ConsoleSetup.Path;
            cookie.LoginPath = ConsoleSetup.SignInPath;
            cookie.AccessDeniedPath = ConsoleSetup.DeniedPath;
            cookie.ExpireTimeSpan = options.IdleLifetime; // a working day
            cookie.SlidingExpiration = true;
            ConsoleSessions.Attach(cookie, () => options);
        });
        if (IsEntraOn(entra))
        {
            authentication.AddOpenIdConnect(EntraScheme, "Microsoft Entra ID", oidc => ConfigureEntra(oidc, entra));
        }

        return builder;
    }

    /// <summary>Whether staff sign in to the console with Microsoft Entra ID: an authority and the console's client id are set.</summary>
    public static bool IsEntraOn(EntraOptions entra) => !string.IsNullOrEmpty(entra.Authority) && !string.IsNullOrEmpty(entra.ClientId);

    /// <summary>
    /// OpenID Connect sign-in: Entra ID posts an id token back (form post, so it never appears in an address); its
    /// <c>roles</c> claim carries the app roles, read by the same policies as the API's bearer tokens. The console's
    /// cookie keeps the sign-in. A failed or refused sign-in comes back to the sign-in page with a message.
    /// </summary>
    private static void ConfigureEntra(OpenIdConnectOptions oidc, EntraOptions entra)
    {
        oidc.Authority = entra.Authority;
        oidc.ClientId = entra.ClientId;
        oidc.ResponseType = OpenIdConnectResponseType.IdToken;
        oidc.ResponseMode = OpenIdConnectResponseMode.FormPost;
        oidc.CallbackPath = ConsoleSetup.EntraCallbackPath;
        oidc.SignInScheme = Scheme;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.SaveTokens = false;
        oidc.TokenValidationParameters.NameClaimType = "preferred_username";
        oidc.TokenValidationParameters.RoleClaimType = "roles";
        // Metadata over HTTPS, except from a loopback test or development authority.
        oidc.RequireHttpsMetadata = !(Uri.TryCreate(entra.Authority, UriKind.Absolute, out var authority) && authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback);
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect($"{ConsoleSetup.SignInPath}?error=entra");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>The development users: the configured API-key users of the staff roles, one click each; none outside Development.</summary>
    public static IReadOnlyList<ApiKeyOptions> DevelopmentUsers(IHostEnvironment environment, AuthOptions auth) =>
        environment.IsDevelopment() ? auth.ApiKeys.Where(k => Roles.Staff.Contains(k.Role)).ToList() : [];

    // The forms are checked here (antiforgery, fields) so a stale or forged post gets the sign-in page with a
    // message, not an error page.
    private static async Task<IResult> SignInAsync(HttpContext http, IHostEnvironment environment, IOptions<AuthOptions> auth, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Redirect($"{ConsoleSetup.SignInPath}?error=expired");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var chosen = DevelopmentUsers(environment, auth.Value).FirstOrDefault(u => u.Name == form["user"]);
        if (chosen is null)
        {
            return TypedResults.Redirect($"{ConsoleSetup.SignInPath}?error=unknown");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, chosen.Name), new Claim(ClaimTypes.Role, chosen.Role)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(ConsoleSetup.LocalConsoleUrl(form["returnUrl"]));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, ConsoleSessions sessions, ConsoleOptions options)
    {
        if (await antiforgery.IsRequestValidAsync(http))
        {
            // The session ends on every instance: a copy of the cookie opens nothing afterwards.
            if ((await http.AuthenticateAsync(Scheme)).Principal is { } principal)
            {
                await sessions.EndAsync(principal, options.AbsoluteLifetime, http.RequestAborted);
            }

            await http.SignOutAsync(Scheme);
        }

        return TypedResults.Redirect(ConsoleSetup.SignInPath);
    }

    /// <summary>The console's sign-in (development users and Entra ID) and sign-out.</summary>
    public static IEndpointRouteBuilder MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost(ConsoleSetup.SessionPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(ConsoleSetup.SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(ConsoleSetup.EntraSignInPath, (HttpContext http, IOptions<AuthOptions> auth, string? returnUrl) => IsEntraOn(auth.Value.Entra)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = ConsoleSetup.LocalConsoleUrl(returnUrl) }, [EntraScheme])
                : Results.Redirect(ConsoleSetup.SignInPath))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
