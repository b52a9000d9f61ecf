using System.Security.Claims;
using System.Security.Cryptography;
using AfterSales.Functions.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Console;

/// <summary>
/// The staff console at <c>/console</c>: Razor components rendered on the server (static rendering; forms post and
/// work without JavaScript), signed in with a cookie and authorized by the API's own policies. Development lists one
/// user per role to sign in with; elsewhere there is no sign-in without an identity provider.
/// </summary>
public static class ConsoleSetup
{
    public const string Path = "/console";

    /// <summary>
    /// The lists a command's form may return to when done (<c>?back=</c>), by name: only these, so the parameter can
    /// send nobody anywhere else.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReturnPages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["work"] = Path,
        ["followup"] = Path + "/followup",
        ["jobs"] = Path + "/jobs",
    };
    public const string Scheme = "Console";
    public const string SignInPath = Path + "/sign-in";
    public const string SignOutPath = Path + "/sign-out";

    /// <summary>Where the sign-in page's form posts (the page's own address also answers posts, as every page's does).</summary>
    public const string SessionPath = Path + "/session";
    public const string DeniedPath = Path + "/denied";

    /// <summary>The scheme that signs staff in with Microsoft Entra ID, when configured.</summary>
    public const string EntraScheme = "ConsoleEntra";

    /// <summary>Where the sign-in page's Entra ID button goes; it starts the OpenID Connect sign-in.</summary>
    public const string EntraSignInPath = SignInPath + "/entra";

    /// <summary>Where Entra ID posts the id token back.</summary>
    public const string EntraCallbackPath = Path + "/signin-oidc";

    /// <summary>The key under which a console response's CSP nonce is kept in <see cref="HttpContext.Items"/>.</summary>
    public const string NonceKey = "aftersales.console.nonce";

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

    /// <summary>The console's services and its cookie scheme (the staff policy scheme sends <c>/console</c> requests to it).</summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder, AuthenticationBuilder authentication, EntraOptions entra)
    {
        builder.Services.AddRazorComponents();
        // Chinese text as characters, not numeric entities; direction-changing characters taken out of displayed text.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<System.Text.Encodings.Web.HtmlEncoder>(AfterSales.Functions.Hosting.BidiSafeHtmlEncoder.Instance);
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "aftersales.console.af");
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
            cookie.Cookie.Path = Path;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = DeniedPath;
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
        oidc.CallbackPath = EntraCallbackPath;
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
            context.Response.Redirect($"{SignInPath}?error=entra");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Whether the request is the console's (its pages and its sign-in).</summary>
    public static bool IsConsole(HttpRequest request) => request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Console responses: a per-response nonce for the inline style (and the few inline scripts), a strict CSP, no
    /// caching, no framing; a chosen language is remembered.
    /// </summary>
    public static IApplicationBuilder UseConsoleHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsConsole(context.Request))
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // no character the page would have to escape
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "same-origin";
            if (context.Request.Query["lang"].FirstOrDefault() is "en" or "zh" && context.Request.Query["lang"].FirstOrDefault() is { } lang)
            {
                context.Response.Cookies.Append(ConsoleText.LanguageCookie, lang, new CookieOptions { Path = Path, HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }
        }

        await next(context);
    });

    /// <summary>Answers a console page with <paramref name="status"/> and the page itself (not the API's ProblemDetails body).</summary>
    public static void Status(HttpContext context, int status)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.StatusCode = status;
    }

    /// <summary>The console's pages and its sign-in and sign-out.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<ConsoleApp>();
        app.MapGet(Path + "/tickets/{idOrNumber}/confirmations/{round:int}/record", AfterSales.Functions.Api.ConfirmationsApi.RecordAsync)
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet(Path + "/reports/{file}", AfterSales.Functions.Api.ReportsApi.GetAsync).RequireAuthorization(Policies.Reports).ExcludeFromDescription();
        app.MapPost(SessionPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(EntraSignInPath, (HttpContext http, IOptions<AuthOptions> auth, string? returnUrl) => IsEntraOn(auth.Value.Entra)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalConsoleUrl(returnUrl) }, [EntraScheme])
                : Results.Redirect(SignInPath))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
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
            return TypedResults.Redirect($"{SignInPath}?error=expired");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var chosen = DevelopmentUsers(environment, auth.Value).FirstOrDefault(u => u.Name == form["user"]);
        if (chosen is null)
        {
            return TypedResults.Redirect($"{SignInPath}?error=unknown");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, chosen.Name), new Claim(ClaimTypes.Role, chosen.Role)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(LocalConsoleUrl(form["returnUrl"]));
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

        return TypedResults.Redirect(SignInPath);
    }

    /// <summary>Only an address inside the console is returned to after signing in (no open redirect).</summary>
    public static string LocalConsoleUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith(Path, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && (url.Length == Path.Length || url[Path.Length] is '/' or '?')
            ? url
            : Path;
}
