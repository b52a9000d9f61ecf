namespace AfterSales.Web.Pages;

/// <summary>The notices' icons, drawn inline (no emoji font or image file needed).</summary>
internal static class NoticeIcon
{
    /// <summary>Inline SVG icons (no emoji font or image file needed): ok, warn, time, info, note.</summary>
    public static string Svg(string kind)
    {
        var (color, mark) = kind switch
        {
            "ok" => ("#34c724", "<path d=\"M14 24l7 7 13-14\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"),
            "warn" => ("#f54a45", "<path d=\"M24 12v15\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\"/><circle cx=\"24\" cy=\"34\" r=\"2.6\" fill=\"#fff\"/>"),
            "time" => ("#ff8800", "<path d=\"M24 13v12l8 5\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"),
            "note" => ("#3370ff", "<path d=\"M15 17h18M15 24h18M15 31h11\" stroke=\"#fff\" stroke-width=\"3.5\" stroke-linecap=\"round\"/>"),
            _ => ("#8f959e", "<circle cx=\"24\" cy=\"14\" r=\"2.6\" fill=\"#fff\"/><path d=\"M24 21v15\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\"/>"),
        };
        return $"<svg width=\"56\" height=\"56\" viewBox=\"0 0 48 48\" aria-hidden=\"true\"><circle cx=\"24\" cy=\"24\" r=\"22\" fill=\"{color}\"/>{mark}</svg>";
    }
}
