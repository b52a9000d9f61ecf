using System.Globalization;
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
        pages.MapGet("/", EnterCode);
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
        // A short code is known only to its store: the page counts it when the lookup fails (ShowAsync).
        if (wait is null && http.GetRouteValue("token") is string token && CustomerCode.Normalize(token) is null
            && http.RequestServices.GetRequiredService<CustomerLinks>().Validate(token, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).Problem == LinkProblem.Invalid)
        {
            wait = throttle.CountInvalid(client);
        }

        return Task.FromResult(wait is { } retry ? TooMany(http, retry) : null);
    }

    /// <summary>The 429 for a client that must wait <paramref name="retry"/> before trying links again.</summary>
    private static IResult TooMany(HttpContext http, TimeSpan retry)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var text = PageText.For(http.Request);
        var message = string.Format(CultureInfo.InvariantCulture, text["tooManyBody"], seconds);
        return http.Request.Path.Value?.EndsWith("/confirm", StringComparison.Ordinal) == true
            ? Reply(StatusCodes.Status429TooManyRequests, null, message)
            : Rendered.Notice(text, StatusCodes.Status429TooManyRequests, "time", text["tooManyTitle"], message);
    }

    /// <summary>
    /// <c>GET /c</c>: the page to type a service code on; <c>GET /c?code=…</c> opens that code's page (303 to
    /// <c>/c/{CODE}</c>), or says what a code looks like.
    /// </summary>
    private static IResult EnterCode(HttpRequest request, CustomerActions actions)
    {
        var text = PageText.For(request);
        var typed = request.Query["code"].ToString();
        var contact = string.IsNullOrWhiteSpace(actions.ContactPhone) ? null : $"{text["contact"]}：{actions.ContactPhone}";
        if (typed.Length > 0 && CustomerCode.Normalize(typed) is { } code)
        {
            request.HttpContext.Response.Headers.Location = PageUrl(code, text);
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        return Rendered.Page<CodeEntryPage>(
            text, typed.Length > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, $"/c{text.SwitchQuery}",
            new { Code = typed.Length > 0 ? typed : null, Error = typed.Length > 0 ? text["codeWrong"] : null, Contact = contact });
    }

    private static async Task<IResult> ShowAsync(string token, HttpRequest request, CustomerActions actions, ITeamStore team, IOptions<BusinessOptions> business, CancellationToken ct)
    {
        var text = PageText.For(request);
        var page = await actions.OpenAsync(token, ct);
        if (page.State == LinkState.Invalid && CustomerCode.Normalize(token) is not null
            && request.HttpContext.RequestServices.GetRequiredService<InvalidLinkThrottle>().CountInvalid(request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } wait)
        {
            // A code no store knows counts against the client like a forged link, and past a limit is refused as one.
            return TooMany(request.HttpContext, wait);
        }

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
            return Reply(StatusCodes.Status413PayloadTooLarge, null, text["signatureTooLarge"]);
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
            return Reply(StatusCodes.Status413PayloadTooLarge, null, text["signatureTooLarge"]);
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
            var message = errors.Has("survey.overall") ? text["needOverall"] : string.Join(" ", errors.ToDictionary().Values.SelectMany(v => v).Select(m => text.Say(m)));
            var answers = form!.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
            return Render(current, text, token, business.Value.Zone, message, current.State == LinkState.Ready ? StatusCodes.Status400BadRequest : null, actions.ContactPhone,
                await EngineerNames.ForAsync(team, current.Ticket, ct), answers);
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

    private static IResult Render(
        CustomerPage page, PageText text, string token, TimeZoneInfo zone, string? error, int? status = null, string? contact = null, string? engineer = null,
        IReadOnlyDictionary<string, string>? answers = null)
    {
        var help = string.IsNullOrWhiteSpace(contact) ? null : $"{text["contact"]}：{contact}";
        var switchHref = $"{CustomerLinkPath(token)}{text.SwitchQuery}";
        var code = status ?? StatusFor(page.State);
        IResult Notice(string icon, string title, string body, string? extra) =>
            Rendered.Page<NoticePage>(text, code, switchHref, new { Icon = icon, Title = text[title], Body = text[body], Extra = extra });
        return page switch
        {
            { State: LinkState.Invalid } => Notice("warn", "invalidTitle", "invalidBody", help),
            { State: LinkState.Expired } => Notice("time", "expiredTitle", "expiredBody", help),
            { State: LinkState.Superseded } => Notice("info", "supersededTitle", "supersededBody", help),
            { State: LinkState.Used, Link.Purpose: LinkPurpose.Confirm } => Rendered.Page<ConfirmedPage>(
                text, code, switchHref, new { Ticket = page.Ticket!, Round = page.Link.Subject, Zone = zone, Engineer = engineer }),
            // A low score reopened the ticket for a second handling: it is in a later round now.
            { State: LinkState.Used, Link.Purpose: LinkPurpose.Survey } =>
                Notice("ok", "surveyDoneTitle", page.Ticket!.Round > page.Link.Subject ? "surveyLowBody" : "surveyDoneBody", null),
            { Link.Purpose: LinkPurpose.Survey } => Rendered.Page<SurveyPage>(
                text, code, switchHref, new { Ticket = page.Ticket!, Action = ActionUrl(token, "survey", text), Engineer = engineer, Error = error, Answers = answers }),
            { State: LinkState.Used } when page.Ticket!.Quotes.FirstOrDefault(q => q.Number == page.Link!.Subject)?.Status == QuoteStatus.Approved =>
                Notice("ok", "approvedTitle", "approvedBody", text["usedBody"]),
            { State: LinkState.Used } => Notice("note", "refusedTitle", "refusedBody", text["usedBody"]),
            { Link.Purpose: LinkPurpose.Confirm } => Rendered.Page<ConfirmPage>(
                text, code, switchHref, new { Ticket = page.Ticket!, Action = ActionUrl(token, "confirm", text), Zone = zone, Engineer = engineer }),
            _ => Rendered.Page<QuotePage>(text, code, switchHref, new
            {
                Ticket = page.Ticket!,
                Quote = page.Ticket!.Quotes.First(q => q.Number == page.Link!.Subject),
                Action = ActionUrl(token, "quote", text),
                ExpiresAt = page.Link!.ExpiresAt,
                Zone = zone,
                Engineer = engineer,
                Error = error,
            }),
        };
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
        return Rendered.Notice(text, status, "warn", text["faultTitle"], text["faultBody"], help);
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

    private static string ActionUrl(string token, string action, PageText text) => $"{CustomerLinkPath(token)}/{action}{(text.English ? "?lang=en" : string.Empty)}";
}
