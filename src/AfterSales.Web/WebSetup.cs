using AfterSales.Web.Console;
using AfterSales.Web.Pages;

namespace AfterSales.Web;

/// <summary>What the host adds and maps to serve the pages: the staff console and the customer pages.</summary>
public static class WebSetup
{
    /// <summary>
    /// Razor components (static server rendering), the pages' HTML encoder (Chinese as characters, direction controls
    /// taken out of displayed text), antiforgery for every form, and the customer links' invalid-link throttle.
    /// </summary>
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<System.Text.Encodings.Web.HtmlEncoder>(Rendering.BidiSafeHtmlEncoder.Instance);
        services.AddAntiforgery(o => o.Cookie.Name = "aftersales.console.af");
        services.AddSingleton<InvalidLinkThrottle>();
        return services;
    }

    /// <summary>The customer pages (<c>/c/…</c>) and the console's pages (<c>/console</c>).</summary>
    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapCustomerPages();
        app.MapConsole();
        return app;
    }
}
