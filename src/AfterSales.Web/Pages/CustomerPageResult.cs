using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Web.Pages;

/// <summary>
/// A customer page rendered from its Razor component on the server, with the headers every customer page carries: a
/// CSP that allows this site's stylesheet and script and nothing inline, nothing cached, no referrer (the address holds
/// the link token), no framing, not indexed.
/// </summary>
public sealed class CustomerPageResult<TPage>(Dictionary<string, object?> parameters, int status) : IResult
    where TPage : CustomerPageBase
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["X-Robots-Tag"] = "noindex";
        await new RazorComponentResult<TPage>(parameters)
        {
            StatusCode = status,
            ContentType = "text/html; charset=utf-8",
            PreventStreamingRendering = true,
        }.ExecuteAsync(httpContext);
    }
}

/// <summary>Builds <see cref="CustomerPageResult{TPage}"/>s.</summary>
public static class Rendered
{
    /// <summary>
    /// The page <typeparamref name="TPage"/> in <paramref name="text"/>'s language with <paramref name="parameters"/>
    /// (an object whose properties are the page's parameters), answered with <paramref name="status"/>.
    /// </summary>
    public static IResult Page<TPage>(PageText text, int status, string? switchHref, object parameters)
        where TPage : CustomerPageBase
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(CustomerPageBase.Text)] = text,
            [nameof(CustomerPageBase.SwitchHref)] = switchHref,
        };
        foreach (var property in parameters.GetType().GetProperties())
        {
            values[property.Name] = property.GetValue(parameters);
        }

        return new CustomerPageResult<TPage>(values, status);
    }

    /// <summary>A page that only says something (<see cref="NoticePage"/>).</summary>
    public static IResult Notice(PageText text, int status, string icon, string title, string body, string? extra = null, string? switchHref = null) =>
        Page<NoticePage>(text, status, switchHref, new { Icon = icon, Title = title, Body = body, Extra = extra });
}
