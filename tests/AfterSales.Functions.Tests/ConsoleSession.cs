using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>A browser's part in the console tests: a client that keeps cookies and does not follow redirects, the development sign-in, and forms posted as a browser posts them.</summary>
internal static partial class ConsoleSession
{
    public static HttpClient ConsoleClient(AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs <paramref name="client"/> in as the development user of <paramref name="role"/> the way the page's button does.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string role, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/console/sign-in");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page), ["user"] = $"test-{role}" };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        return await client.PostAsync("/console/session", new FormUrlEncodedContent(form));
    }

    /// <summary>A client signed in as <paramref name="role"/>'s development user.</summary>
    public static async Task<HttpClient> SignedInAsync(AppFactory app, string role)
    {
        var client = ConsoleClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, role)).StatusCode);
        return client;
    }

    public static string Token(string html) => TokenField().Match(html).Groups[1].Value;

    /// <summary>
    /// Posts the form of the page <paramref name="html"/> (read from <paramref name="url"/>) back to it as a browser does: its
    /// hidden fields (antiforgery token, form name, ETag, key) with <paramref name="fields"/> filled in; with several forms,
    /// the one whose form name is <paramref name="fields"/>' <c>_handler</c>.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string html, IReadOnlyDictionary<string, string> fields)
    {
        // The page's form in <main> (the header holds the sign-out form): the one named by fields' _handler, else the first.
        var main = html[html.IndexOf("<main>", StringComparison.Ordinal)..];
        var forms = main.Split("<form", StringSplitOptions.None).Skip(1).Select(f => f.Contains("</form>", StringComparison.Ordinal) ? f[..f.IndexOf("</form>", StringComparison.Ordinal)] : f).ToList();
        var chosen = fields.TryGetValue("_handler", out var handler)
            ? forms.First(f => f.Contains($"name=\"_handler\" value=\"{handler}\"", StringComparison.Ordinal))
            : forms.First();
        var form = HiddenField().Matches(chosen).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Opens the page at <paramref name="url"/> and submits its form with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IReadOnlyDictionary<string, string> fields) =>
        await PostFormAsync(client, url, await client.GetStringAsync(url), fields);

    /// <summary>The validation message shown beside the input named <paramref name="name"/>, or null.</summary>
    public static string? ErrorBeside(string html, string name)
    {
        var id = "f-" + name.Replace('.', '-').Replace('[', '-').Replace("]", string.Empty, StringComparison.Ordinal) + "-error";
        var match = Regex.Match(html, $"<p class=\"error\" id=\"{Regex.Escape(id)}\">([^<]*)</p>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
