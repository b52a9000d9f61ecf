using System.Net;
using System.Web;
using AfterSales.Web.Console;
using AfterSales.Testing;
using static AfterSales.Functions.Tests.ConsoleSession;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Production sign-in to the console with Microsoft Entra ID (OpenID Connect, id token posted back), against a
/// stand-in identity provider with real signing keys: the app role in the token decides what the user may open, as
/// for the API; a token signed by anyone else, or a sign-in without a role, opens nothing.
/// </summary>
public sealed class ConsoleEntraSignInTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task AStaffMember_SignsInWithEntraId_AndTheRoleInTheTokenDecidesWhatTheyMayOpen()
    {
        await using var entra = await FakeEntraId.StartAsync();
        using var app = Production(entra);
        var client = ConsoleClient(app);

        var page = await client.GetStringAsync("/console/sign-in?ReturnUrl=%2Fconsole%2Ftickets");
        Assert.Contains("使用企业账号登录（Microsoft Entra ID）", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/sign-in/entra?returnUrl=%2Fconsole%2Ftickets\"", page, StringComparison.Ordinal);

        var callback = await SignInAsync(client, entra, (nonce) => entra.IdToken(ClientId, nonce, "li.wei@contoso.example", ["supervisor"]));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/console/tickets", callback.Headers.Location!.OriginalString);
        var tickets = await client.GetAsync("/console/tickets");
        Assert.Equal(HttpStatusCode.OK, tickets.StatusCode);
        Assert.Contains("li.wei@contoso.example · 客服主管", await tickets.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The sign-in is the console's cookie: it opens no API endpoint.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task AForgedToken_OrASignInWithoutAnAppRole_OpensNothing()
    {
        await using var entra = await FakeEntraId.StartAsync();
        using var app = Production(entra);

        var forger = ConsoleClient(app);
        var forged = await SignInAsync(forger, entra, nonce => entra.IdToken(ClientId, nonce, "mallory@evil.example", ["manager"], forged: true));
        Assert.Equal("/console/sign-in?error=entra", forged.Headers.Location!.OriginalString);
        Assert.Contains("企业账号登录没有完成", await forger.GetStringAsync(forged.Headers.Location.OriginalString), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await forger.GetAsync("/console")).StatusCode);
        Assert.StartsWith("/console/sign-in", (await forger.GetAsync("/console")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var roleless = ConsoleClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(roleless, entra, nonce => entra.IdToken(ClientId, nonce, "guest@contoso.example", []))).StatusCode);
        var denied = await roleless.GetAsync("/console");
        Assert.StartsWith("/console/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private AppFactory Production(FakeEntraId entra) => new(azurite, b => b
        .UseSetting("Auth:Entra:Authority", entra.Authority)
        .UseSetting("Auth:Entra:ClientId", ClientId));

    /// <summary>
    /// What a browser does: follows the console's sign-in to the identity provider, which answers by posting an id
    /// token (made by <paramref name="token"/> for the request's nonce) back to the console; returns that answer.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, FakeEntraId entra, Func<string, string> token)
    {
        var challenge = await client.GetAsync($"{ConsoleSetup.EntraSignInPath}?returnUrl=%2Fconsole%2Ftickets");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{entra.Authority}/authorize", authorize.OriginalString, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal("id_token", query["response_type"]);
        Assert.Equal("form_post", query["response_mode"]);
        var callback = new Uri(query["redirect_uri"]!);
        Assert.Equal(ConsoleSetup.EntraCallbackPath, callback.AbsolutePath);

        return await client.PostAsync(callback.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id_token"] = token(query["nonce"]!),
            ["state"] = query["state"]!,
        }));
    }
}
