using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace AfterSales.Web.Pages;

/// <summary>
/// A self-contained HTML page: inline style and script only (no CDN, no external asset), allowed by a
/// per-response CSP nonce; nothing cached, no referrer (the address holds the link token), no framing.
/// </summary>
public sealed class HtmlPage
{
    private static readonly HtmlEncoder Encoder = Rendering.BidiSafeHtmlEncoder.Instance;

    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.55 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f2f3f5}
        main{max-width:640px;margin:0 auto;padding:12px 12px 32px}
        header{display:flex;justify-content:space-between;align-items:center;padding:4px 2px 10px;color:#646a73;font-size:14px}
        header a{color:#3370ff;text-decoration:none}
        h1{font-size:22px;margin:4px 0 6px}
        h2{font-size:17px;margin:0 0 8px}
        .card{background:#fff;border-radius:12px;padding:14px 14px 10px;margin:0 0 12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .muted{color:#646a73;font-size:14px}
        dl{margin:0;display:grid;grid-template-columns:7.5em 1fr;gap:4px 10px}
        dt{color:#646a73}dd{margin:0;word-break:break-word}
        table{width:100%;border-collapse:collapse;font-size:14px}
        th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eceef1;vertical-align:top}
        td.n,th.n{text-align:right;white-space:nowrap}
        .total{display:flex;justify-content:space-between;font-weight:600;font-size:17px;padding-top:8px}
        .choices{display:grid;gap:8px}
        .choices label{display:flex;align-items:center;gap:10px;border:1px solid #dee0e3;border-radius:10px;padding:12px;font-size:17px}
        .choices input{width:22px;height:22px}
        fieldset{border:0;padding:0;margin:0 0 10px}
        fieldset.invalid{border-left:3px solid #d83931;padding-left:8px}
        legend{font-weight:600;font-size:17px;margin-bottom:2px}
        .scale{display:grid;grid-template-columns:repeat(5,1fr);gap:6px;margin:6px 0 14px}
        .scale label{display:flex;flex-direction:column;align-items:center;border:1px solid #dee0e3;border-radius:10px;padding:8px 0;font-size:16px}
        .scale input{width:20px;height:20px;margin:0 0 4px}
        textarea{width:100%;min-height:72px;font:inherit;padding:10px;border:1px solid #dee0e3;border-radius:10px}
        canvas{display:block;width:100%;height:180px;border:2px dashed #bbbfc4;border-radius:10px;background:#fff;touch-action:none}
        .row{display:flex;justify-content:space-between;align-items:center;margin:6px 0}
        button{font:inherit;border:0;border-radius:10px;padding:14px;width:100%;font-size:18px;cursor:pointer}
        .primary{background:#3370ff;color:#fff}.secondary{background:#fff;color:#1f2329;border:1px solid #dee0e3}
        .link{background:none;color:#3370ff;width:auto;padding:6px 8px;font-size:15px}
        button:disabled{opacity:.55}
        .error{color:#d83931;min-height:1.5em;margin:8px 0}
        .notice{font-size:18px;text-align:center;padding:28px 14px}
        .notice .icon{font-size:44px;line-height:1}
        .sig{max-width:100%;height:auto;border:1px solid #eceef1;border-radius:8px;background:#fff}
        code{font-size:12px;word-break:break-all}
        @media print{body{background:#fff}.card{box-shadow:none;border:1px solid #ccc}header a{display:none}}
        """;

    private readonly StringBuilder _body = new();

    public HtmlPage(PageText text, string title)
    {
        Text = text;
        Title = title;
        Nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    }

    public PageText Text { get; }

    public string Title { get; }

    /// <summary>The CSP nonce of this response.</summary>
    public string Nonce { get; }

    public string? Script { get; set; }

    public static string Encode(string? value) => Encoder.Encode(value ?? string.Empty);

    public HtmlPage Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>A definition list of label/value pairs, skipping empty values.</summary>
    public HtmlPage Facts(string? heading, params (string Label, string? Value)[] facts)
    {
        _body.Append("<section class=\"card\">");
        if (heading is not null)
        {
            _body.Append("<h2>").Append(Encode(heading)).Append("</h2>");
        }

        _body.Append("<dl>");
        foreach (var (label, value) in facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
        {
            _body.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>");
        }

        _body.Append("</dl></section>");
        return this;
    }

    /// <summary>Inline SVG icons (no emoji font or image file needed): ok, warn, time, info, note.</summary>
    public static string Icon(string kind)
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

    /// <summary>A centred message: icon (see <see cref="Icon"/>), title, text.</summary>
    public HtmlPage Notice(string icon, string title, string text, string? extra = null)
    {
        _body.Append("<section class=\"card notice\" role=\"status\"><div class=\"icon\" aria-hidden=\"true\">").Append(Icon(icon)).Append("</div><h1>")
            .Append(Encode(title)).Append("</h1><p>").Append(Encode(text)).Append("</p>");
        if (extra is not null)
        {
            _body.Append("<p class=\"muted\">").Append(Encode(extra)).Append("</p>");
        }

        _body.Append("</section>");
        return this;
    }

    public string Render(string? switchHref)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(Text.Lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1,viewport-fit=cover\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(Title)).Append("</title>")
            .Append("<style nonce=\"").Append(Nonce).Append("\">").Append(Style).Append("</style></head><body><main><header><span>")
            .Append(Encode(Text["brand"])).Append("</span>");
        if (switchHref is not null)
        {
            html.Append("<a href=\"").Append(Encode(switchHref)).Append("\">").Append(Encode(Text["switch"])).Append("</a>");
        }

        html.Append("</header>").Append(_body).Append("</main>");
        if (Script is not null)
        {
            html.Append("<script nonce=\"").Append(Nonce).Append("\">").Append(Script).Append("</script>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>Writes the page with the headers every customer-facing page carries.</summary>
    public IResult ToResult(int status, string? switchHref) => new HtmlResult(Render(switchHref), status, Nonce);

    private sealed class HtmlResult(string html, int status, string nonce) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["X-Robots-Tag"] = "noindex";
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }
}
