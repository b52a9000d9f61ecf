using System.Globalization;
using System.Text;
using System.Text.Json;
using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using static AfterSales.Web.Pages.HtmlPage;

namespace AfterSales.Web.Pages;

/// <summary>The body the confirmation page posts.</summary>
public sealed record ConfirmSubmission
{
    public string? Rating { get; init; }
    public string? Comment { get; init; }
    /// <summary>The signature as a PNG data URL (data:image/png;base64,…).</summary>
    public string? Signature { get; init; }
}

/// <summary>What the confirmation page gets back: where to go next, or what to fix.</summary>
public sealed record ConfirmReply(string? Page, string? Message);

/// <summary>
/// The pages customers open from a link (no account): <c>GET /c/{token}</c> shows the quote to approve or
/// the result to confirm and sign; <c>POST /c/{token}/quote</c> and <c>POST /c/{token}/confirm</c> answer.
/// Mobile-first, Chinese by default (<c>?lang=en</c> for English), no external assets. Invalid, expired,
/// used or superseded links get a clear page and nothing is stored.
/// </summary>
public static class CustomerPages
{
    /// <summary>Largest confirmation body accepted (a PNG data URL of <see cref="SignatureImage.MaxBytes"/> plus the fields).</summary>
    public const int MaxConfirmBody = 800 * 1024;

    private const string DataUrlPrefix = "data:image/png;base64,";

    public static IEndpointRouteBuilder MapCustomerPages(this IEndpointRouteBuilder app)
    {
        // A customer page holds the customer's details and its answers a live link: never kept by a cache.
        var pages = app.MapGroup("/c").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await Throttled(context.HttpContext) ?? await next(context);
        });
        pages.MapGet("/{token}", ShowAsync);
        pages.MapPost("/{token}/quote", AnswerQuoteAsync).DisableAntiforgery();
        pages.MapPost("/{token}/confirm", ConfirmAsync);
        pages.MapPost("/{token}/survey", SurveyAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// The 429 for a client guessing links (<see cref="InvalidLinkThrottle"/>), or null to go on: a client past its
    /// limit is refused whatever the link; an invalid link is counted first.
    /// </summary>
    private static Task<IResult?> Throttled(HttpContext http)
    {
        var throttle = http.RequestServices.GetRequiredService<InvalidLinkThrottle>();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = throttle.Blocked(client);
        if (wait is null && http.GetRouteValue("token") is string token
            && http.RequestServices.GetRequiredService<CustomerLinks>().Validate(token, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).Problem == LinkProblem.Invalid)
        {
            wait = throttle.CountInvalid(client);
        }

        if (wait is not { } retry)
        {
            return Task.FromResult<IResult?>(null);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var text = PageText.For(http.Request);
        var message = string.Format(CultureInfo.InvariantCulture, text["tooManyBody"], seconds);
        return Task.FromResult<IResult?>(http.Request.Path.Value?.EndsWith("/confirm", StringComparison.Ordinal) == true
            ? Reply(StatusCodes.Status429TooManyRequests, null, message)
            : new HtmlPage(text, text["tooManyTitle"]).Notice("time", text["tooManyTitle"], message, null).ToResult(StatusCodes.Status429TooManyRequests, switchHref: null));
    }

    private static async Task<IResult> ShowAsync(string token, HttpRequest request, CustomerActions actions, ITeamStore team, IOptions<BusinessOptions> business, CancellationToken ct)
    {
        var text = PageText.For(request);
        var page = await actions.OpenAsync(token, ct);
        // A used link shows what was answered: that is the page the customer lands on after answering, so it is a 200.
        var status = page.State == LinkState.Used ? StatusCodes.Status200OK : StatusFor(page.State);
        return Render(page, text, token, business.Value.Zone, error: null, status, actions.ContactPhone, await EngineerNames.ForAsync(team, page.Ticket, ct));
    }

    private static async Task<IResult> AnswerQuoteAsync(string token, HttpRequest request, CustomerActions actions, ITeamStore team, IOptions<BusinessOptions> business, CancellationToken ct)
    {
        var text = PageText.For(request);
        var (form, unreadable) = await ReadFormAsync(request, ct);
        var decision = form?["decision"].ToString();
        if (unreadable || decision is not ("approve" or "refuse"))
        {
            var current = await actions.OpenAsync(token, ct);
            return Render(current, text, token, business.Value.Zone, error: unreadable ? text["unreadableForm"] : text["chooseDecision"], status: StatusCodes.Status400BadRequest, contact: actions.ContactPhone,
                engineer: await EngineerNames.ForAsync(team, current.Ticket, ct));
        }

        var answer = await actions.AnswerQuoteAsync(token, decision == "approve", form?["comment"].ToString(), ct);
        if (answer.Stored)
        {
            // 303 See Other: the browser shows the answered page with a GET, and a reload does not post again.
            request.HttpContext.Response.Headers.Location = PageUrl(token, text);
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        return Render(answer.Page, text, token, business.Value.Zone, text.Say(answer.Problem), answer.Problem is null ? null : StatusCodes.Status400BadRequest, actions.ContactPhone,
            await EngineerNames.ForAsync(team, answer.Page.Ticket, ct));
    }

    private static async Task<IResult> ConfirmAsync(string token, HttpRequest request, CustomerActions actions, CancellationToken ct)
    {
        var text = PageText.For(request);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxConfirmBody; // also bounds bodies sent without Content-Length
        }

        if (request.ContentLength is > MaxConfirmBody)
        {
            return Reply(StatusCodes.Status413PayloadTooLarge, null, text.English ? "The signature image is too large. Clear it and sign again." : "签名图片太大，请清除后重新签字。");
        }

        ConfirmSubmission? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ConfirmSubmission>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or text that is not UTF-8 (the serializer cannot transcode it): the page asks again.
            body = null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Reply(StatusCodes.Status413PayloadTooLarge, null, text.English ? "The signature image is too large. Clear it and sign again." : "签名图片太大，请清除后重新签字。");
        }

        if (body?.Rating is null || !EnumNames.TryParse<ConfirmationRating>(body.Rating, out var rating))
        {
            return Reply(StatusCodes.Status400BadRequest, null, text["needRating"]);
        }

        var signature = Decode(body.Signature);
        if (signature is null)
        {
            return Reply(StatusCodes.Status400BadRequest, null, text["needSignature"]);
        }

        var answer = await actions.ConfirmAsync(token, rating, body.Comment, signature, ct);
        if (answer.Stored)
        {
            return Reply(StatusCodes.Status200OK, PageUrl(token, text), null);
        }

        if (answer.Problem is not null)
        {
            return Reply(StatusCodes.Status400BadRequest, null, text.Say(answer.Problem));
        }

        // Not stored because of the link itself: send the page that explains it.
        return Reply(StatusFor(answer.Page.State), PageUrl(token, text), null);
    }

    private static async Task<IResult> SurveyAsync(string token, HttpRequest request, CustomerActions actions, ITeamStore team, IOptions<BusinessOptions> business, CancellationToken ct)
    {
        var text = PageText.For(request);
        var (form, unreadable) = await ReadFormAsync(request, ct);
        if (unreadable)
        {
            var current = await actions.OpenAsync(token, ct);
            return Render(current, text, token, business.Value.Zone, text["unreadableForm"], current.State == LinkState.Ready ? StatusCodes.Status400BadRequest : null, actions.ContactPhone,
                await EngineerNames.ForAsync(team, current.Ticket, ct));
        }

        int? Score(string name) => int.TryParse(form?[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var working = form?["productWorking"].ToString();
        var survey = new SurveyRequest
        {
            Attitude = Score("attitude"),
            Skill = Score("skill"),
            Efficiency = Score("efficiency"),
            Overall = Score("overall"),
            Recommend = Score("recommend"),
            ProductWorking = working == "yes" ? true : working == "no" ? false : null,
            NewProblems = form?["newProblems"].ToString(),
            BuyAgain = form?["buyAgain"].ToString() is { Length: > 0 } buy ? buy : null,
            Suggestions = form?["suggestions"].ToString(),
        };
        var errors = new FieldErrors();
        var answer = SurveyRequests.Parse(survey, errors, SurveyChannel.Link);
        if (answer is null)
        {
            var current = await actions.OpenAsync(token, ct);
            var message = errors.Has("survey.overall") ? text["needOverall"] : string.Join(" ", errors.ToDictionary().Values.SelectMany(v => v));
            return Render(current, text, token, business.Value.Zone, message, current.State == LinkState.Ready ? StatusCodes.Status400BadRequest : null, actions.ContactPhone,
                await EngineerNames.ForAsync(team, current.Ticket, ct), form);
        }

        var result = await actions.SurveyAsync(token, answer, ct);
        if (result.Stored)
        {
            request.HttpContext.Response.Headers.Location = PageUrl(token, text);
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        return Render(result.Page, text, token, business.Value.Zone, text.Say(result.Problem), result.Problem is null ? null : StatusCodes.Status400BadRequest, actions.ContactPhone,
            await EngineerNames.ForAsync(team, result.Page.Ticket, ct));
    }

    /// <summary>The survey form; <paramref name="answers"/> (a refused submission) fills it again so nothing is typed twice.</summary>
    private static HtmlPage SurveyForm(PageText text, Ticket ticket, string token, string? error, string? engineer, IFormCollection? answers)
    {
        var form = new StringBuilder("<form class=\"card\" method=\"post\" action=\"")
            .Append(Encode($"{CustomerLinkPath(token)}/survey{(text.English ? "?lang=en" : string.Empty)}")).Append("\">");
        var service = ticket.CurrentFollowUp?.Reason is not (FollowUpReason.Purchase or FollowUpReason.Request);
        // The error first, where a phone shows it after the reload, with a link to the field it is about; and again at
        // the field. "required" lets the browser stop a submission without the overall score before it is sent.
        var missingOverall = error is not null && error == text["needOverall"];
        if (error is not null)
        {
            form.Append("<p class=\"error\" role=\"alert\" id=\"survey-error\">").Append(Encode(error))
                .Append(missingOverall ? $" <a href=\"#overall\">{Encode(text["goToField"])}</a>" : string.Empty).Append("</p>");
        }

        foreach (var (name, min) in (service ? new[] { ("attitude", 1), ("skill", 1), ("efficiency", 1) } : []).Append(("overall", 1)).Append(("recommend", 0)))
        {
            var invalid = missingOverall && name == "overall";
            form.Append("<fieldset id=\"").Append(name).Append('"').Append(invalid ? " class=\"invalid\" aria-invalid=\"true\"" : string.Empty).Append("><legend>")
                .Append(Encode(text[name])).Append(name == "overall" ? " *" : string.Empty).Append("</legend>");
            if (invalid)
            {
                form.Append("<p class=\"error\">").Append(Encode(error)).Append("</p>");
            }

            form.Append("<div class=\"scale\" role=\"radiogroup\">");
            for (var score = min; score <= 10; score++)
            {
                form.Append("<label><input type=\"radio\" name=\"").Append(name).Append("\" value=\"").Append(score).Append('"')
                    .Append(name == "overall" ? " required" : string.Empty).Append(Checked(answers, name, score.ToString(CultureInfo.InvariantCulture)))
                    .Append('>').Append(score).Append("</label>");
            }

            form.Append("</div></fieldset>");
        }

        form.Append(Choices(text, "productWorking", ["yes", "no"], answers)).Append(Choices(text, "buyAgain", ["yes", "maybe", "no"], answers));
        foreach (var name in new[] { "newProblems", "suggestions" })
        {
            form.Append("<label for=\"").Append(name).Append("\">").Append(Encode(text[name])).Append("</label><textarea id=\"").Append(name).Append("\" name=\"").Append(name)
                .Append("\" maxlength=\"").Append(SurveyRequests.MaxText).Append("\">").Append(Encode(answers?[name].ToString())).Append("</textarea>");
        }

        form.Append("<button class=\"primary\" type=\"submit\">").Append(Encode(text["submitSurvey"])).Append("</button></form>");
        var page = new HtmlPage(text, text["surveyTitle"]);
        if (error is not null)
        {
            // Above everything else: after a reload the customer sees what to fix without scrolling.
            page.Raw($"<p class=\"error\" role=\"alert\">{Encode(error)} <a href=\"{(missingOverall ? "#overall" : "#survey-error")}\">{Encode(text["goToField"])}</a></p>");
        }

        return page
            .Raw($"<h1>{Encode(text["surveyTitle"])}</h1><p class=\"muted\">{Encode(text["surveyIntro"])}</p>")
            .Summary(ticket, engineer)
            .Raw(form.ToString());
    }

    private static string Checked(IFormCollection? answers, string name, string value) =>
        answers?[name].ToString() == value ? " checked" : string.Empty;

    private static string Choices(PageText text, string name, string[] values, IFormCollection? answers)
    {
        var html = new StringBuilder("<fieldset><legend>").Append(Encode(text[name])).Append("</legend><div class=\"choices\" role=\"radiogroup\">");
        foreach (var value in values)
        {
            html.Append("<label><input type=\"radio\" name=\"").Append(name).Append("\" value=\"").Append(value).Append('"').Append(Checked(answers, name, value))
                .Append('>').Append(Encode(text[value])).Append("</label>");
        }

        return html.Append("</div></fieldset>").ToString();
    }

    private static HtmlPage SurveyDone(PageText text, Ticket ticket, int round)
    {
        // A low score reopened the ticket for a second handling: it is in a later round now.
        var low = ticket.Round > round;
        return new HtmlPage(text, text["surveyDoneTitle"]).Notice("ok", text["surveyDoneTitle"], text[low ? "surveyLowBody" : "surveyDoneBody"], null);
    }

    private static IResult Render(
        CustomerPage page, PageText text, string token, TimeZoneInfo zone, string? error, int? status = null, string? contact = null, string? engineer = null, IFormCollection? answers = null)
    {
        var help = string.IsNullOrWhiteSpace(contact) ? null : $"{text["contact"]}：{contact}";
        var switchHref = $"{CustomerLinkPath(token)}{text.SwitchQuery}";
        var html = page switch
        {
            { State: LinkState.Invalid } => Notice(text, "warn", "invalidTitle", "invalidBody", help),
            { State: LinkState.Expired } => Notice(text, "time", "expiredTitle", "expiredBody", help),
            { State: LinkState.Superseded } => Notice(text, "info", "supersededTitle", "supersededBody", help),
            { State: LinkState.Used, Link.Purpose: LinkPurpose.Confirm } => Confirmed(text, page.Ticket!, page.Link.Subject, zone, engineer),
            { State: LinkState.Used, Link.Purpose: LinkPurpose.Survey } => SurveyDone(text, page.Ticket!, page.Link.Subject),
            { Link.Purpose: LinkPurpose.Survey } => SurveyForm(text, page.Ticket!, token, error, engineer, answers),
            { State: LinkState.Used } => Answered(text, page.Ticket!, page.Link!.Subject),
            { Link.Purpose: LinkPurpose.Confirm } => ConfirmForm(text, page.Ticket!, token, zone, engineer),
            _ => QuoteForm(text, page.Ticket!, page.Link!, token, zone, error, engineer),
        };
        return html.ToResult(status ?? StatusFor(page.State), switchHref);
    }

    private static HtmlPage Notice(PageText text, string icon, string title, string body, string? help) =>
        new HtmlPage(text, text[title]).Notice(icon, text[title], text[body], help);

    private static HtmlPage Confirmed(PageText text, Ticket ticket, int round, TimeZoneInfo zone, string? engineer)
    {
        var confirmation = ticket.Confirmations.FirstOrDefault(c => c.Round == round);
        var reopened = confirmation?.Rating == ConfirmationRating.NotSatisfied;
        var detail = confirmation is null ? null : $"{text["rating"]}：{text.Rating(confirmation.Rating)} · {text["confirmedAt"]}：{text.Time(confirmation.At, zone)}";
        return new HtmlPage(text, text["confirmedTitle"])
            .Notice("ok", text["confirmedTitle"], text[reopened ? "reopenedBody" : "confirmedBody"], detail)
            .Summary(ticket, engineer);
    }

    private static HtmlPage Answered(PageText text, Ticket ticket, int quoteNumber)
    {
        var approved = ticket.Quotes.FirstOrDefault(q => q.Number == quoteNumber)?.Status == QuoteStatus.Approved;
        return new HtmlPage(text, text[approved ? "approvedTitle" : "refusedTitle"])
            .Notice(approved ? "ok" : "note", text[approved ? "approvedTitle" : "refusedTitle"], text[approved ? "approvedBody" : "refusedBody"], text["usedBody"]);
    }

    private static HtmlPage ConfirmForm(PageText text, Ticket ticket, string token, TimeZoneInfo zone, string? engineer)
    {
        var page = new HtmlPage(text, text["confirmTitle"])
            .Raw($"<h1>{Encode(text["confirmTitle"])}</h1><p class=\"muted\">{Encode(text["confirmIntro"])}</p>")
            .Summary(ticket, engineer)
            .ServiceRecord(ticket, ticket.Round, zone)
            .ResultSection(ticket);
        var form = new StringBuilder();
        form.Append("<form id=\"confirm\" class=\"card\" method=\"post\" action=\"").Append(Encode($"{CustomerLinkPath(token)}/confirm{(text.English ? "?lang=en" : string.Empty)}")).Append('"');
        foreach (var (key, value) in new[] { ("needRating", "needRating"), ("needSignature", "needSignature"), ("submitting", "submitting"), ("networkError", "networkError"), ("submitLabel", "submitConfirm") })
        {
            form.Append(" data-").Append(key == "submitLabel" ? "submit-label" : Kebab(key)).Append("=\"").Append(Encode(text[value])).Append('"');
        }

        form.Append("><h2>").Append(Encode(text["rating"])).Append("</h2><div class=\"choices\" role=\"radiogroup\">");
        foreach (var rating in Enum.GetValues<ConfirmationRating>())
        {
            var value = EnumNames.Name(rating);
            form.Append("<label><input type=\"radio\" name=\"rating\" value=\"").Append(value).Append("\">").Append(Encode(text.Rating(rating))).Append("</label>");
        }

        form.Append("</div><p class=\"muted\">").Append(Encode(text["notSatisfiedHint"])).Append("</p>")
            .Append("<label for=\"comment\">").Append(Encode(text["comment"])).Append("</label><textarea id=\"comment\" name=\"comment\" maxlength=\"")
            .Append(CustomerActions.MaxComment).Append("\"></textarea>")
            .Append("<div class=\"row\"><h2>").Append(Encode(text["sign"])).Append("</h2><button type=\"button\" id=\"clear\" class=\"link\">").Append(Encode(text["clear"])).Append("</button></div>")
            .Append("<canvas id=\"pad\" aria-label=\"").Append(Encode(text["signHint"])).Append("\"></canvas><p class=\"muted\">").Append(Encode(text["signHint"])).Append("</p>")
            .Append("<p id=\"error\" class=\"error\" role=\"alert\"></p><button id=\"submit\" class=\"primary\" type=\"submit\">").Append(Encode(text["submitConfirm"])).Append("</button></form>");
        page.Raw(form.ToString());
        page.Script = SignaturePad.Script;
        return page;
    }

    private static HtmlPage QuoteForm(PageText text, Ticket ticket, CustomerLink link, string token, TimeZoneInfo zone, string? error, string? engineer)
    {
        var quote = ticket.Quotes.First(q => q.Number == link.Subject);
        var html = new StringBuilder("<section class=\"card\"><h2>").Append(Encode(text["parts"])).Append("</h2><table><thead><tr><th>").Append(Encode(text["part"]))
            .Append("</th><th class=\"n\">").Append(Encode(text["qty"])).Append("</th><th class=\"n\">").Append(Encode(text["amount"])).Append("</th></tr></thead><tbody>");
        foreach (var line in quote.Parts)
        {
            html.Append("<tr><td>").Append(Encode(line.Name)).Append("<br><span class=\"muted\">").Append(Encode($"{line.PartNumber} · {PageText.Money(line.UnitPrice)}"))
                .Append("</span></td><td class=\"n\">").Append(line.Quantity).Append("</td><td class=\"n\">").Append(PageText.Money(line.Amount)).Append("</td></tr>");
        }

        html.Append("<tr><td>").Append(Encode(text["labour"])).Append("</td><td></td><td class=\"n\">").Append(PageText.Money(quote.Labour)).Append("</td></tr></tbody></table>")
            .Append("<div class=\"total\"><span>").Append(Encode(text["total"])).Append("</span><span>").Append(PageText.Money(quote.Total)).Append("</span></div></section>");
        var form = new StringBuilder("<form class=\"card\" method=\"post\" action=\"")
            .Append(Encode($"{CustomerLinkPath(token)}/quote{(text.English ? "?lang=en" : string.Empty)}")).Append("\"><label for=\"comment\">").Append(Encode(text["quoteComment"]))
            .Append("</label><textarea id=\"comment\" name=\"comment\" maxlength=\"").Append(CustomerActions.MaxComment).Append("\"></textarea>")
            .Append("<p class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>")
            .Append("<div class=\"choices\"><button class=\"primary\" name=\"decision\" value=\"approve\">").Append(Encode(text["approve"]))
            .Append("</button><button class=\"secondary\" name=\"decision\" value=\"refuse\">").Append(Encode(text["refuse"])).Append("</button></div>")
            .Append("<p class=\"muted\">").Append(Encode($"{text["validUntil"]} {text.Time(link.ExpiresAt, zone)}")).Append("</p></form>");
        return new HtmlPage(text, text["quoteTitle"])
            .Raw($"<h1>{Encode(text["quoteTitle"])}</h1><p class=\"muted\">{Encode(text["quoteIntro"])}</p>")
            .Summary(ticket, engineer)
            .Facts(null, (text["plan"], quote.Plan), (text["risks"], quote.Risks), (text["chargeReason"], quote.ChargeReason))
            .Raw(html.ToString())
            .Raw(form.ToString());
    }

    private static int StatusFor(LinkState state) => state switch
    {
        LinkState.Invalid => StatusCodes.Status404NotFound,
        LinkState.Expired or LinkState.Superseded => StatusCodes.Status410Gone,
        LinkState.Used => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status200OK,
    };

    /// <summary>
    /// The posted form, or <c>unreadable</c> when the browser sent something no form holds (characters a URL-encoded
    /// form cannot carry, such as NUL, or a form too large): the customer gets the page back with a message.
    /// </summary>
    private static async Task<(IFormCollection? Form, bool Unreadable)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (null, false);
        }

        try
        {
            return (await request.ReadFormAsync(ct), false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, true);
        }
    }

    /// <summary>
    /// What a customer sees when the server fails on a customer page: the page (or, for the signature pad's
    /// request, its message) saying that nothing was saved and what to do — never a developer's JSON.
    /// </summary>
    public static IResult Fault(HttpRequest request, string? contact, int status)
    {
        var text = PageText.For(request);
        if (HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/confirm", StringComparison.Ordinal) == true)
        {
            return Reply(status, null, text["faultBody"]);
        }

        var help = string.IsNullOrWhiteSpace(contact) ? null : $"{text["contact"]}：{contact}";
        return Notice(text, "warn", "faultTitle", "faultBody", help).ToResult(status, switchHref: null);
    }

    private static IResult Reply(int status, string? page, string? message) =>
        TypedResults.Json(new ConfirmReply(page, message), JsonSerializerOptions.Web, statusCode: status);

    private static byte[]? Decode(string? dataUrl)
    {
        if (dataUrl is null || !dataUrl.StartsWith(DataUrlPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(dataUrl[DataUrlPrefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string CustomerLinkPath(string token) => $"/c/{Uri.EscapeDataString(token)}";

    private static string PageUrl(string token, PageText text) => CustomerLinkPath(token) + (text.English ? "?lang=en" : string.Empty);

    private static string Kebab(string key) => string.Concat(key.Select(c => char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : c.ToString()));
}
