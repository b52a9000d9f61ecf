using System.Globalization;
using System.Text;
using AfterSales.Domain.Tickets;
using static AfterSales.Web.Pages.HtmlPage;

namespace AfterSales.Web.Pages;

/// <summary>The parts of a ticket the customer signs for: summary, service record (template 2), result (template 3).</summary>
public static class ServiceSections
{
    /// <summary>Ticket number, customer (salutation only: no phone, no address), product, type, engineer, problem.</summary>
    public static HtmlPage Summary(this HtmlPage page, Ticket ticket, string? engineerName) => page.Facts(
        null,
        (page.Text["ticket"], ticket.Number.ToString()),
        (page.Text["customer"], ticket.Intake.Customer.Salutation),
        (page.Text["product"], ticket.Intake.Product.Model),
        (page.Text["type"], ticket.Classification?.Type is { } type ? page.Text.Of(type) : null),
        (page.Text["engineer"], engineerName ?? ticket.AssignedTo ?? ticket.Visits.LastOrDefault()?.Engineer),
        (page.Text["problem"], ticket.Intake.Description.Symptom));

    /// <summary>Every visit of the round with its parts and labour, and the round's total charge.</summary>
    public static HtmlPage ServiceRecord(this HtmlPage page, Ticket ticket, int round, TimeZoneInfo zone)
    {
        var t = page.Text;
        var visits = ticket.Visits.Where(v => v.Round == round).ToList();
        if (visits.Count == 0)
        {
            return page;
        }

        var html = new StringBuilder("<section class=\"card\"><h2>").Append(Encode(t["record"])).Append("</h2>");
        foreach (var v in visits)
        {
            html.Append("<dl><dt>").Append(Encode(t["visit"])).Append("</dt><dd>")
                .Append(Encode($"{t.Time(v.StartedAt, zone)} – {TimeZoneInfo.ConvertTime(v.EndedAt, zone):HH:mm}")).Append("</dd>")
                .Append("<dt>").Append(Encode(t["mode"])).Append("</dt><dd>").Append(Encode(t[v.Mode == ServiceMode.OnSite ? "onSite" : "remote"])).Append("</dd>")
                .Append("<dt>").Append(Encode(t["findings"])).Append("</dt><dd>").Append(Encode(v.Findings)).Append("</dd>")
                .Append("<dt>").Append(Encode(t["measures"])).Append("</dt><dd>").Append(Encode(v.Measures)).Append("</dd>");
            if (!string.IsNullOrWhiteSpace(v.ChargeReason))
            {
                html.Append("<dt>").Append(Encode(t["chargeReason"])).Append("</dt><dd>").Append(Encode(v.ChargeReason)).Append("</dd>");
            }

            html.Append("</dl>");
            if (v.Parts.Count > 0)
            {
                html.Append("<table><thead><tr><th>").Append(Encode(t["part"])).Append("</th><th class=\"n\">").Append(Encode(t["qty"]))
                    .Append("</th><th class=\"n\">").Append(Encode(t["unitPrice"])).Append("</th><th class=\"n\">").Append(Encode(t["amount"])).Append("</th></tr></thead><tbody>");
                foreach (var p in v.Parts)
                {
                    var notes = $"{p.PartNumber} · {t["genuine"]}: {t[p.Genuine switch { true => "yes", false => "no", null => "notStated" }]} · {t["oldShown"]}: {t[p.OldPartShown ? "yes" : "no"]}";
                    html.Append("<tr><td>").Append(Encode(p.Name)).Append("<br><span class=\"muted\">").Append(Encode(notes)).Append("</span></td><td class=\"n\">")
                        .Append(p.Quantity.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(PageText.Money(p.UnitPrice))
                        .Append("</td><td class=\"n\">").Append(PageText.Money(p.Amount)).Append("</td></tr>");
                }

                html.Append("</tbody></table>");
            }

            if (v.Labour is { } labour)
            {
                html.Append("<div class=\"row\"><span>").Append(Encode(t["labour"])).Append(Encode(string.Format(CultureInfo.InvariantCulture, t["hoursWorked"], labour.Hours.ToString("0.#", CultureInfo.InvariantCulture)))).Append("</span><span>")
                    .Append(PageText.Money(labour.Amount)).Append("</span></div>");
            }
        }

        html.Append("<div class=\"total\"><span>").Append(Encode(t["total"])).Append("</span><span>")
            .Append(PageText.Money(visits.Sum(v => v.Charge))).Append("</span></div></section>");
        return page.Raw(html.ToString());
    }

    /// <summary>The result as template 3 words it.</summary>
    public static HtmlPage ResultSection(this HtmlPage page, Ticket ticket)
    {
        var t = page.Text;
        var r = ticket.Result;
        var compensation = r is null ? null : string.Join("；", r.Compensation.Select(c =>
            $"{t.Of(c.Kind)}：{c.Description}{(c.Months is { } m ? $"（{m} {t["months"]}）" : string.Empty)}{(c.Amount is { } a ? $"（{PageText.Money(a)}）" : string.Empty)}"));
        return page.Facts(
            t["result"],
            (t["outcome"], r is null ? null : t.Of(r.Outcome)),
            (t["cause"], r?.Cause),
            (t["solution"], r?.Solution ?? ticket.Resolution),
            (t["advice"], r?.Advice),
            (t["complaintResolution"], r?.ComplaintResolution),
            (t["compensation"], string.IsNullOrEmpty(compensation) ? null : compensation),
            (t["warranty"], r?.WarrantyMonths is { } w ? $"{w} {t["months"]}" : null));
    }
}

/// <summary>Engineers' display names for pages.</summary>
public static class EngineerNames
{
    /// <summary>
    /// The name of the ticket's engineer (assignee, else the last visit's) as customers and printed records show
    /// it — "李工", never a sign-in name — or null when the engineer is not on the team any more.
    /// </summary>
    public static async Task<string?> ForAsync(AfterSales.Application.Dispatch.ITeamStore team, Ticket? ticket, CancellationToken ct)
    {
        var id = ticket?.AssignedTo ?? ticket?.Visits.LastOrDefault()?.Engineer;
        return id is null ? null : (await team.GetEngineerAsync(id, ct))?.Engineer.Name;
    }
}
