using AfterSales.Application.Access;
using AfterSales.Web.Pages;

namespace AfterSales.Web.Console;

/// <summary>
/// The staff console at <c>/console</c>: Razor components rendered on the server (static rendering; forms post and
/// work without JavaScript), authorized by the API's own policies. The host signs staff in (a cookie, from a development
/// user or Microsoft Entra ID) and says how in <see cref="ConsoleSignIn"/>.
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
    public const string SignInPath = Path + "/sign-in";
    public const string SignOutPath = Path + "/sign-out";

    /// <summary>Where the sign-in page's form posts (the page's own address also answers posts, as every page's does).</summary>
    public const string SessionPath = Path + "/session";
    public const string DeniedPath = Path + "/denied";

    /// <summary>Where the sign-in page's Entra ID button goes; it starts the OpenID Connect sign-in.</summary>
    public const string EntraSignInPath = SignInPath + "/entra";

    /// <summary>Where Entra ID posts the id token back.</summary>
    public const string EntraCallbackPath = Path + "/signin-oidc";

    /// <summary>Whether the request is the console's (its pages and its sign-in).</summary>
    public static bool IsConsole(HttpRequest request) => request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Console responses: a strict CSP (this site's stylesheet, no script at all), no caching, no framing; a chosen
    /// language is remembered.
    /// </summary>
    public static IApplicationBuilder UseConsoleHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsConsole(context.Request))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
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

    /// <summary>
    /// A console page's form as its binding should see it: each value trimmed with its line ends as <c>\n</c>, and an
    /// input left empty not sent at all — a field not given, as an API caller leaves it out. (MVC's binding turns empty
    /// strings into null by itself; the components' form binding does not.) Only the console's Razor pages: the
    /// sign-in form's password is the host's and is read as typed.
    /// </summary>
    public static IApplicationBuilder UseConsoleForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsConsole(context.Request) && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            var posted = await context.Request.ReadFormAsync(context.RequestAborted);
            var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in posted)
            {
                var kept = values.Select(v => v?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()).Where(v => !string.IsNullOrEmpty(v)).ToArray();
                if (kept.Length > 0)
                {
                    given[name] = kept;
                }
            }

            context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(new FormCollection(given, posted.Files)));
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

    /// <summary>
    /// The console's pages (sign-in and sign-out are the host's, which holds the authentication schemes). The confirmation
    /// record and report files are served under the console's path too, so its cookie carries to them.
    /// </summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<ConsoleApp>();
        app.MapConfirmationRecord(Path + "/tickets/{idOrNumber}/confirmations/{round:int}/record")
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapReportFile(Path + "/reports/{file}").RequireAuthorization(Policies.Reports).ExcludeFromDescription();
        return app;
    }

    /// <summary>Only an address inside the console is returned to after signing in (no open redirect).</summary>
    public static string LocalConsoleUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith(Path, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && (url.Length == Path.Length || url[Path.Length] is '/' or '?')
            ? url
            : Path;
}
