namespace AfterSales.Web;

/// <summary>
/// The pages' stylesheets and script: static web assets of this library (<c>wwwroot/</c>), served by the host under
/// <c>/_content/AfterSales.Web/</c> with an ETag (a phone revalidates with a 304), compressed when the browser accepts it.
/// </summary>
public static class WebAssets
{
    /// <summary>Where the host serves this library's static web assets.</summary>
    public const string Path = "/_content/AfterSales.Web";

    /// <summary>The customer pages' stylesheet.</summary>
    public const string CustomerCss = Path + "/customer.css";

    /// <summary>The staff console's stylesheet.</summary>
    public const string ConsoleCss = Path + "/console.css";

    /// <summary>The confirmation page's signature pad.</summary>
    public const string SignaturePad = Path + "/signature-pad.js";
}
