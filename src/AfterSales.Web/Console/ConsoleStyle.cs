namespace AfterSales.Web.Console;

/// <summary>The console's one stylesheet, inlined in every page (the CSP allows nothing from elsewhere).</summary>
public static class ConsoleStyle
{
    /// <summary>The badge colour of a clock in <paramref name="state"/>: on track, at risk, breached, paused (or not counted).</summary>
    public static string StateClass(AfterSales.Domain.Sla.ClockState state) => state switch
    {
        AfterSales.Domain.Sla.ClockState.Breached => "bad",
        AfterSales.Domain.Sla.ClockState.AtRisk => "warn",
        AfterSales.Domain.Sla.ClockState.Paused or AfterSales.Domain.Sla.ClockState.NotCounted => "paused",
        _ => "ok",
    };

    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.55 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f2f3f5}
        a{color:#245bdb}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #ffb300;outline-offset:2px}
        .top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;background:#fff;padding:10px 20px;border-bottom:1px solid #dee0e3}
        .brand{font-weight:700;font-size:17px;color:#1f2329;text-decoration:none}
        nav{display:flex;flex-wrap:wrap;gap:4px;flex:1}
        nav a{padding:6px 10px;border-radius:8px;text-decoration:none;color:#1f2329}
        nav a[aria-current=page]{background:#e1eaff;color:#245bdb;font-weight:600}
        .me{display:flex;align-items:center;gap:12px;font-size:14px;color:#646a73}
        main{max-width:1200px;margin:0 auto;padding:16px 20px 40px}
        h1{font-size:21px;margin:4px 0 12px}
        h2{font-size:16px;margin:0 0 10px}
        .card{background:#fff;border-radius:10px;padding:14px 16px;margin:0 0 14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px;margin:0 0 14px}
        .grid .card{margin:0}
        .counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;padding:0;list-style:none}
        .counts li{background:#fff;border-radius:10px;padding:8px 14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .counts b{font-size:20px;margin-right:6px}
        table{width:100%;border-collapse:collapse}
        th,td{text-align:left;padding:8px 6px;border-bottom:1px solid #eceef1;vertical-align:top}
        th{font-weight:600;color:#646a73;font-size:13px}
        dl{margin:0;display:grid;grid-template-columns:7em 1fr;gap:4px 12px}
        dt{color:#646a73}dd{margin:0;word-break:break-word}
        .muted{color:#646a73;font-size:13px}
        .badge{display:inline-block;border-radius:6px;padding:1px 8px;font-size:13px;white-space:nowrap;background:#eff0f1}.badge+.badge{margin-left:4px}
        .ok{background:#d9f5d6;color:#1f6e1a}.warn{background:#fff1cc;color:#8a5a00}.bad{background:#fde2e2;color:#b3261e}.paused{background:#e8e8e8;color:#4e5969}.info{background:#e1eaff;color:#245bdb}
        button{font:inherit;border:0;border-radius:8px;padding:10px 16px;cursor:pointer}
        .primary{background:#245bdb;color:#fff}
        .link{background:none;color:#245bdb;padding:4px 6px}
        form.inline{display:inline}
        .users{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px}
        .users button{width:100%;text-align:left;background:#fff;border:1px solid #dee0e3;padding:12px 14px}
        .users button b{display:block;font-size:16px}
        .error{color:#b3261e}
        .filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:flex-end}
        .filters label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:#646a73}
        .filters select,.filters input{font:inherit;font-size:15px;padding:6px 8px;border:1px solid #c9cdd4;border-radius:6px;color:#1f2329;background:#fff;min-width:9em}
        .filters [aria-invalid=true]{border-color:#b3261e}
        .filters .error{font-size:13px}
        .filters .actions{display:flex;gap:12px;align-items:center}
        .filters p.error{flex-basis:100%;margin:0}
        .empty{padding:24px;text-align:center;color:#646a73}
        .notice{border-radius:8px;padding:10px 14px;margin:0 0 14px;background:#e1eaff;color:#1f2329}
        .notice.ok{background:#d9f5d6;color:#1f6e1a}.notice.bad{background:#fde2e2;color:#b3261e}
        nav.commands{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;flex:none}
        nav.commands.small{margin:4px 0 0;gap:6px}nav.commands.small a.button,a.button.small{padding:3px 9px;font-size:13px}
        a.button{display:inline-block;background:#245bdb;color:#fff;border-radius:8px;padding:8px 14px;text-decoration:none}
        form.form{display:flex;flex-wrap:wrap;gap:12px 16px;align-items:flex-start}
        form.form h3.group{flex-basis:100%;font-size:15px;margin:8px 0 0;padding-top:8px;border-top:1px solid #eceef1}
        form.form .field{display:flex;flex-direction:column;gap:3px;flex:1 1 220px;min-width:0}
        form.form .field.wide{flex-basis:100%}
        form.form label,form.form legend{font-size:13px;color:#646a73}
        form.form input,form.form select,form.form textarea{font:inherit;font-size:15px;padding:7px 9px;border:1px solid #c9cdd4;border-radius:6px;color:#1f2329;background:#fff;width:100%}
        form.form input[type=checkbox],form.form input[type=radio]{width:1.15rem;height:1.15rem;margin:2px 8px 0 0}
        form.form [aria-invalid=true]{border-color:#b3261e}
        form.form .error{font-size:13px;margin:0}
        form.form fieldset{border:0;padding:0;margin:0;min-width:0}
        form.form fieldset.row{flex-basis:100%;display:flex;flex-wrap:wrap;gap:8px 12px;border:1px solid #eceef1;border-radius:8px;padding:8px 10px}
        form.form fieldset.row .field{flex:1 1 140px}
        form.form label.check,form.form label.option{display:flex;align-items:flex-start;color:#1f2329;font-size:15px;min-height:24px;padding:2px 0}
        form.form label.option{padding:6px 0;border-bottom:1px solid #f2f3f5}
        form.form label.ruled-out b{color:#646a73}
        form.form .hint{margin-left:.6em}
        form.form .actions{flex-basis:100%;display:flex;gap:16px;align-items:center}
        ul.open-tickets{margin:0;padding-left:18px}
        ul.plain{list-style:none;margin:0;padding:0}ul.plain li{padding:8px 0;border-bottom:1px solid #eceef1}ul.plain a.button{padding:3px 9px;font-size:13px;margin-left:6px}
        h3{font-size:15px;margin:0 0 8px}
        .job div{margin:2px 0}
        progress{width:100%;height:14px}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
        .charts figure{margin:0}.charts figcaption{font-size:13px;color:#646a73}
        svg.trend{width:100%;height:auto;display:block}
        img.sig{display:block;max-width:100%;width:320px;border:1px solid #dee0e3;border-radius:6px;background:#fff;margin:0 0 6px}
        .hash{word-break:break-all}
        .confirmation+.confirmation{border-top:1px solid #eceef1;margin-top:10px;padding-top:10px}
        ol.timeline{list-style:none;margin:0;padding:0}
        ol.timeline li{border-left:3px solid #dee0e3;padding:2px 0 12px 12px;margin-left:4px}
        @media (max-width:700px){
          .top{padding:8px 12px}.me .who{display:none}
          .top nav{order:3;flex-basis:100%}.top .me{margin-left:auto}
          main{padding:12px 10px 32px}
          .grid{grid-template-columns:1fr}
          table.stack thead{display:none}
          table.stack tr{display:block;border-bottom:1px solid #eceef1;padding:8px 0}
          table.stack td{display:flex;gap:8px;border:0;padding:2px 0;overflow-wrap:anywhere}
          table.stack td:empty{display:none}
          table.stack td::before{content:attr(data-label);color:#646a73;min-width:5em;font-size:13px}
          dl{grid-template-columns:5.5em 1fr}
          .filters label{flex:1 1 40%}
          .filters select,.filters input{min-width:0;width:100%}
        }
        @media print{body{background:#fff}.top{display:none}.card{box-shadow:none;border:1px solid #ccc}}
        """;
}
