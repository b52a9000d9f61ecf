using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AfterSales.Application.Access;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// A reader sees their own language only: after a whole service (registration, dispatch, a quote approved on the
/// customer's link, the visit, the result, the customer's signed confirmation), the ticket's console page read by
/// every staff role and the customer's pages have no English word in Chinese and no Chinese word in English — except
/// what people typed (the customer's name and address, the symptom, the engineer's notes), model and part numbers and ids.
/// </summary>
public sealed partial class LanguageScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    /// <summary>Words that are the same in both languages.</summary>
    private static readonly HashSet<string> SameInBoth = new(StringComparer.Ordinal) { "SHA", "PNG", "ID", "SMS" };

    /// <summary>The language switch names the other language in that language, as every bilingual site does.</summary>
    private static readonly HashSet<string> LanguageNames = new(StringComparer.Ordinal) { "English", "中文" };

    [Fact]
    public async Task AfterAWholeService_TheTicketPageAndTheCustomersPages_SpeakOnlyTheReadersLanguage()
    {
        var time = new FakeTimeProvider(Monday);
        await using var app = new AppFactory(azurite, b => b.UseEnvironment("Development"), time);
        var flow = new ServiceFlow(app, time);
        var customer = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.RegisterAsync();
        var quote = ServiceFlow.PathOf(await flow.QuoteAsync());
        var approved = await customer.PostAsync($"{quote}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var confirm = ServiceFlow.PathOf(await flow.FinishAsync());
        var confirmed = await customer.PostAsJsonAsync($"{confirm}/confirm", new { rating = "satisfied", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        await flow.StepAsync(app.ClientAs(Roles.FollowUp), "start-follow-up", null, "followUp");
        var survey = ServiceFlow.PathOf(await flow.SmsLinkAsync("surveyInvitation"));

        // What people typed, in any language: the ticket, its history and its SMS as the API gives them.
        var typed = (await flow.TicketAsync()).ToJsonString(Unescaped) + (await flow.HistoryAsync()).ToJsonString(Unescaped)
            + (await app.ClientAs(Roles.Manager).GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!.ToJsonString(Unescaped);

        var pages = new List<(string Name, string Html, bool English)>();
        foreach (var role in Roles.Staff)
        {
            var console = await SignedInAsync(app, role);
            pages.Add(($"{role}: ticket page", await PageAsync(console, $"/console/tickets/{flow.Number}?lang=zh"), false));
            pages.Add(($"{role}: ticket page (en)", await PageAsync(console, $"/console/tickets/{flow.Number}?lang=en"), true));
        }

        // Every other page each role may open, in both languages.
        var others = new[] { "/console", "/console/tickets", "/console/dispatch", "/console/followup", "/console/jobs", "/console/reports", "/console/admin", "/console/new", "/console/admin/engineers/test-engineer", "/console/admin/departments/repair", $"/console/tickets/{flow.Number}/close" };
        foreach (var role in Roles.Staff)
        {
            var console = await SignedInAsync(app, role);
            foreach (var path in others)
            {
                foreach (var (lang, english) in new[] { ("zh", false), ("en", true) })
                {
                    using var response = await console.GetAsync($"{path}?lang={lang}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        pages.Add(($"{role}: {path} ({lang})", await response.Content.ReadAsStringAsync(), english));
                    }
                }
            }
        }

        foreach (var (name, path) in new[] { ("quote", quote), ("confirmation", confirm), ("survey", survey) })
        {
            pages.Add(($"customer's {name} page", await PageAsync(customer, path), false));
            pages.Add(($"customer's {name} page (en)", await PageAsync(customer, path + "?lang=en"), true));
        }

        // A link that is no link: the page that says so.
        foreach (var (lang, english) in new[] { (string.Empty, false), ("?lang=en", true) })
        {
            using var invalid = await customer.GetAsync("/c/v1.not-a-link" + lang);
            Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
            pages.Add(($"invalid link page{lang}", await invalid.Content.ReadAsStringAsync(), english));
            using var entry = await customer.GetAsync("/c" + lang);
            Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
            pages.Add(($"service code page{lang}", await entry.Content.ReadAsStringAsync(), english));
            using var wrong = await customer.GetAsync("/c?code=12345" + (english ? "&lang=en" : string.Empty));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            pages.Add(($"service code page, a wrong code{lang}", await wrong.Content.ReadAsStringAsync(), english));
        }

        // Named, not left out: the events, the time limits with their allowances, the system's reasons, the engineer by name.
        var ticketPage = VisibleText(pages.First(p => p.Name == $"{Roles.Supervisor}: ticket page").Html);
        foreach (var words in new[] { "受理登记", "客户同意报价", "登记时限", "10分钟", "按分类规则：类型规则", "位符合条件的工程师中评分最高", "李工", "已安排回访（维修后回访）" })
        {
            Assert.Contains(words, ticketPage, StringComparison.Ordinal);
        }

        var findings = pages
            .SelectMany(p => (p.English ? ChineseOutside(VisibleText(p.Html), typed) : EnglishIn(VisibleText(p.Html))).Select(word => $"{p.Name}: {word}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(findings.Count == 0, "Words in the other language:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void TheScan_FindsEnglishInChinese_AndChineseInEnglish_ButNotWhatWasTyped()
    {
        Assert.Equal(["Registration"], EnglishIn("服务时限 Registration 剩余 AS-20261123-00001 KFR-35GW SHA-256 2 h"));
        Assert.Equal(["待确认"], ChineseOutside("Status 待确认 Customer 王芳 上海市浦东新区", "{\"name\":\"王芳\",\"address\":\"上海市浦东新区\"}"));
        var visible = VisibleText("<html><head><style>.english{color:red}</style></head><body><script>var english = 1;</script><h1 title=\"标题\">工单 <b>AS-1</b></h1></body></html>");
        Assert.Empty(EnglishIn(visible));
        Assert.Contains("工单", visible, StringComparison.Ordinal);
        Assert.Contains("标题", visible, StringComparison.Ordinal);
    }

    /// <summary>
    /// A console client signed in as <paramref name="role"/>. The sign-in cookie expires on the app's fake clock, weeks before
    /// today, and a cookie jar would drop it: the cookies are carried by hand.
    /// </summary>
    private static async Task<HttpClient> SignedInAsync(AppFactory app, string role)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync("/console/sign-in");
        var antiforgery = Cookies(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/session")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ConsoleSession.Token(await page.Content.ReadAsStringAsync()), ["user"] = $"test-{role}" }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        client.DefaultRequestHeaders.Add("Cookie", $"{antiforgery}; {Cookies(signedIn)}");
        return client;
    }

    private static string Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? string.Join("; ", cookies.Select(c => c.Split(';')[0]))
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} set no cookie; headers: {response.Headers}");

    /// <summary>The page at <paramref name="path"/>, following the redirect a language choice may answer with.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
        {
            return await client.GetStringAsync(response.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>English words: letters only, not part of an id, a model or part number, a unit with digits or an address.</summary>
    private static IEnumerable<string> EnglishIn(string text) =>
        EnglishWord().Matches(text).Select(m => m.Value).Where(w => !SameInBoth.Contains(w) && !LanguageNames.Contains(w));

    /// <summary>Runs of Chinese characters that are not part of what people typed.</summary>
    private static IEnumerable<string> ChineseOutside(string text, string typed) =>
        ChineseRun().Matches(text).Select(m => m.Value).Where(run => !typed.Contains(run, StringComparison.Ordinal) && !LanguageNames.Contains(run));

    /// <summary>
    /// What a reader sees: text and the words of titles, labels, placeholders and alternative texts; no style or script,
    /// and no <c>&lt;code&gt;</c>, which the pages keep for identifiers (a timer's name, a schedule, a hash).
    /// </summary>
    private static string VisibleText(string html)
    {
        var withoutCode = NonVisible().Replace(html, " ");
        var attributes = string.Join(' ', ReadAttribute().Matches(withoutCode).Select(m => m.Groups["value"].Value));
        return WebUtility.HtmlDecode(Tag().Replace(withoutCode, " ") + " " + attributes);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9\-_./@:#=&?])[A-Za-z]{2,}(?![A-Za-z0-9\-_./@:#=&?])")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex ChineseRun();

    [GeneratedRegex(@"<(script|style|code)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex NonVisible();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:title|aria-label|placeholder|alt)=""(?<value>[^""]*)""")]
    private static partial Regex ReadAttribute();
}
