namespace AfterSales.Web.Pages;

/// <summary>The customer pages' one stylesheet, inlined with the response's CSP nonce: a phone fetches nothing else.</summary>
internal static class CustomerStyle
{
    public const string Css = """
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
}
