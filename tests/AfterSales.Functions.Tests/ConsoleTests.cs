using AfterSales.Application.Access;
using System.Net;
using System.Text.RegularExpressions;
using AfterSales.Functions.Auth;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using static AfterSales.Functions.Tests.ConsoleSession;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The staff console over HTTP: sign-in (development users only in Development, antiforgery, no open redirect), the
/// same policies as the API, contact details masked by role, the language switch, and its strict headers.
/// </summary>
public sealed partial class ConsoleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private AppFactory Development(FakeTimeProvider? time = null) => new(azurite, b => b.UseEnvironment("Development"), time ?? new FakeTimeProvider(Monday));

    [Fact]
    public async Task AStaffPage_SendsTheAnonymousToSignIn_WhereDevelopmentListsOneUserPerStaffRole_AndTheChosenOneLandsOnTheirWork()
    {
        using var app = Development();
        var client = ConsoleClient(app);

        var anonymous = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/console/sign-in?ReturnUrl=%2Fconsole", anonymous.Headers.Location!.PathAndQuery);

        var page = await client.GetStringAsync("/console/sign-in");
        Assert.Contains("登录售后服务台", page, StringComparison.Ordinal);
        Assert.Equal(Roles.Staff.Select(r => $"test-{r}"), UserButton().Matches(page).Select(m => m.Groups[1].Value));

        var signedIn = await SignInAsync(client, Roles.Supervisor, "/console");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console", signedIn.Headers.Location!.OriginalString);
        var work = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        var html = await work.Content.ReadAsStringAsync();
        Assert.Contains("<h1>工作台</h1>", html, StringComparison.Ordinal);
        Assert.Contains("test-supervisor · 客服主管", html, StringComparison.Ordinal);

        // The console's cookie is the console's alone: it opens no API endpoint, and an API key opens no console page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/inbox")).StatusCode);
        var withKey = ConsoleClient(app);
        withKey.DefaultRequestHeaders.Add("x-api-key", AppFactory.Keys[Roles.Supervisor]);
        Assert.Equal(HttpStatusCode.Redirect, (await withKey.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task ASignInAndAFormMadeOnOneInstance_HoldOnAnother_ThatSharesItsStorage()
    {
        using var first = Development();
        using var second = new AppFactory(azurite, b => b.UseEnvironment("Development"), new FakeTimeProvider(Monday), first.Prefix);
        var one = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var cookies = await SignedInCookiesAsync(one);

        // The second instance reads the cookie, and accepts a form the first one made.
        var page = new HttpRequestMessage(HttpMethod.Get, "/console/new");
        page.Headers.Add("Cookie", cookies);
        var form = await one.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var lookup = new HttpRequestMessage(HttpMethod.Post, "/console/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token((await form.Content.ReadAsStringAsync())[(await form.Content.ReadAsStringAsync()).IndexOf("<main>", StringComparison.Ordinal)..]),
                ["_handler"] = "register",
                ["_action"] = "lookup",
                ["customer.phone"] = TicketRequests.Phone,
            }),
        };
        lookup.Headers.Add("Cookie", cookies);
        var answer = await other.SendAsync(lookup);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("该电话没有未结工单", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The key ring both used is the one in the shared container (not a folder both happen to see on this machine).
        var keys = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, $"{first.Prefix.ToLowerInvariant()}keys");
        var key = Assert.Single(await keys.GetBlobsAsync().ToListAsync());
        Assert.StartsWith("key-", key.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectionChangingCharactersInFreeText_AreTakenOutOfEveryPageThatShowsIt()
    {
        using var app = Development();
        var body = TicketRequests.Valid("空调\u202E机开法无\u202C，遥控\u2067无反应\u2069");
        body["customer"]!["name"] = "张\u202E三";
        body["customer"]!["address"] = "上海市\u200F浦东新区";
        var created = await (await app.ClientAs(Roles.Agent).PostTicketAsync(body)).JsonAsync();
        var number = created["number"]!.ToString();
        Assert.Contains('\u202E', created["customer"]!["name"]!.ToString()); // the data is kept as given

        var agent = await SignedInAsync(app, Roles.Agent);
        foreach (var page in new[] { $"/console/tickets/{number}", "/console/tickets", "/console" })
        {
            var html = await agent.GetStringAsync(page);
            var at = html.IndexOf("张", html.IndexOf("<main>", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(page == "/console" || html.Contains("张三", StringComparison.Ordinal), $"{page}: {(at < 0 ? "no 张" : html.Substring(at, 40))}");
            foreach (var control in new[] { "\u202E", "\u202C", "\u2067", "\u2069", "\u200F", "&#x202E;", "&#x202e;", "&#8238;" })
            {
                Assert.DoesNotContain(control, html, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnEveryInstance_ACopyOfTheCookieOpensNothing()
    {
        using var first = Development();
        using var second = new AppFactory(azurite, b => b.UseEnvironment("Development"), new FakeTimeProvider(Monday), first.Prefix);
        var one = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var copy = await SignedInCookiesAsync(one);
        async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", copy);
            return await client.SendAsync(request);
        }

        var work = await OpenAsync(one, "/console/tickets");
        Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(other, "/console/tickets")).StatusCode);

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/console/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(await work.Content.ReadAsStringAsync()) }),
        };
        signOut.Headers.Add("Cookie", copy);
        Assert.Equal(HttpStatusCode.Redirect, (await one.SendAsync(signOut)).StatusCode);

        // The cookie copied before signing out is still well-formed and unexpired: the server refuses it anyway, everywhere.
        foreach (var (client, path) in new[] { (one, "/console/tickets"), (other, "/console/tickets"), (other, "/console/new"), (one, "/console") })
        {
            var replay = await OpenAsync(client, path);
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            Assert.StartsWith("/console/sign-in", replay.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ASignIn_EndsAtItsAbsoluteLifetime_HoweverMuchItIsUsed()
    {
        var time = new FakeTimeProvider(Monday);
        using var app = Development(time);
        var client = ConsoleClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, Roles.Agent)).StatusCode);

        // Used every hour, the sliding 10 hours never run out; the 12 hours since signing in do.
        for (var hour = 1; hour < 12; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            Assert.True((await client.GetAsync("/console/tickets")).StatusCode == HttpStatusCode.OK, $"hour {hour}");
        }

        time.Advance(TimeSpan.FromHours(1));
        var expired = await client.GetAsync("/console/tickets");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/console/sign-in", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAKeyCertificate_TheKeyRingIsStoredEncrypted_AndReadByEveryInstanceGivenIt()
    {
        var certificate = Pfx("CN=AfterSales console keys");
        using var first = new AppFactory(azurite, b => b.UseEnvironment("Development").UseSetting(ConsoleAuthentication.KeyCertificateSetting, certificate), new FakeTimeProvider(Monday));
        var cookies = await SignedInCookiesAsync(first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

        // The key blob holds the key encrypted with the certificate, not the key itself.
        var keys = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, $"{first.Prefix.ToLowerInvariant()}keys");
        var blob = Assert.Single(await keys.GetBlobsAsync().ToListAsync());
        var xml = (await keys.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

        // Another instance given the certificate (and, after a rotation, given it as the previous one) reads the ring.
        foreach (var settings in new[]
        {
            new Dictionary<string, string> { [ConsoleAuthentication.KeyCertificateSetting] = certificate },
            new Dictionary<string, string> { [ConsoleAuthentication.KeyCertificateSetting] = Pfx("CN=AfterSales console keys 2"), [ConsoleAuthentication.PreviousKeyCertificateSetting] = certificate },
        })
        {
            using var other = new AppFactory(azurite, b =>
            {
                b.UseEnvironment("Development");
                foreach (var (name, value) in settings)
                {
                    b.UseSetting(name, value);
                }
            }, new FakeTimeProvider(Monday), first.Prefix);
            var page = new HttpRequestMessage(HttpMethod.Get, "/console");
            page.Headers.Add("Cookie", cookies);
            var work = await other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        }

    }

    [Fact]
    public void AKeyCertificateSettingThatIsNotACertificateWithItsKey_StopsTheApp_NamingTheSetting()
    {
        using var withKey = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Pfx("CN=x")), null);
        using var certificateOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(withKey.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        var publicOnly = Convert.ToBase64String(certificateOnly.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
        foreach (var (value, says) in new[] { ("bm90IGEgY2VydGlmaWNhdGU=", "is not a base64 PKCS#12"), ("not base64!", "is not a base64 PKCS#12"), (publicOnly, "has no private key") })
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleAuthentication.KeyCertificateSetting] = value }).Build();
            var refused = Assert.Throws<InvalidOperationException>(() => { ConsoleAuthentication.KeyCertificate(configuration, ConsoleAuthentication.KeyCertificateSetting); });
            Assert.StartsWith(ConsoleAuthentication.KeyCertificateSetting, refused.Message, StringComparison.Ordinal);
            Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(ConsoleAuthentication.KeyCertificate(new ConfigurationBuilder().Build(), ConsoleAuthentication.KeyCertificateSetting));
    }

    /// <summary>A new self-signed certificate with its private key, as base64 PKCS#12 without a password (Key Vault's form).</summary>
    private static string Pfx(string subject)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            subject, rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
    }

    /// <summary>Signs in as the development agent (the sign-in page's form token and cookie, then the session cookie); returns the Cookie header.</summary>
    private static async Task<string> SignedInCookiesAsync(HttpClient client)
    {
        var signInPage = await client.GetAsync("/console/sign-in");
        var cookies = Cookies(signInPage);
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/session")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(await signInPage.Content.ReadAsStringAsync()), ["user"] = "test-agent" }),
        };
        signIn.Headers.Add("Cookie", cookies);
        var session = await client.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        return cookies + "; " + Cookies(session);
    }

    /// <summary>The cookies a response sets, as a request's Cookie header.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

    [Fact]
    public async Task OutsideDevelopment_NoOneSignsInWithoutTheIdentityProvider()
    {
        using var app = new AppFactory(azurite);
        var client = ConsoleClient(app);

        var page = await client.GetStringAsync("/console/sign-in");
        Assert.Contains("Microsoft Entra ID", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(UserButton(), page);
        var tried = await SignInAsync(client, Roles.Manager);
        Assert.StartsWith("/console/sign-in?error=", tried.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task ASignInWithoutItsFormToken_OrToAnotherSite_IsNotFollowed()
    {
        using var app = Development();
        var client = ConsoleClient(app);

        var forged = await client.PostAsync("/console/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "test-manager" }));
        Assert.Equal("/console/sign-in?error=expired", forged.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
        Assert.Contains("页面已过期", await client.GetStringAsync("/console/sign-in?error=expired"), StringComparison.Ordinal);

        foreach (var elsewhere in new[] { "https://evil.example/console", "//evil.example/console", "/consolex", "/api/tickets" })
        {
            var signedIn = await SignInAsync(client, Roles.Agent, elsewhere);
            Assert.Equal("/console", signedIn.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task TheTicketPage_ShowsContactDetailsOnlyToRolesThatNeedThem_AsTheApiDoes()
    {
        using var app = Development();
        var created = await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync();
        var number = created["number"]!.ToString();

        var agent = ConsoleClient(app);
        await SignInAsync(agent, Roles.Agent);
        var full = await agent.GetStringAsync($"/console/tickets/{number}");
        Assert.Contains("8613812345678", full, StringComparison.Ordinal);
        Assert.Contains("上海市浦东新区世纪大道100号", full, StringComparison.Ordinal);
        Assert.Contains("受理登记", full, StringComparison.Ordinal);

        var manager = ConsoleClient(app);
        await SignInAsync(manager, Roles.Manager);
        var masked = await manager.GetStringAsync($"/console/tickets/{created["id"]}");
        Assert.DoesNotContain("13812345678", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("世纪大道100号", masked, StringComparison.Ordinal);
        Assert.Contains("已脱敏", masked, StringComparison.Ordinal);

        var missing = await manager.GetAsync("/console/tickets/AS-20991231-99999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("找不到工单或页面", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyWork_ListsTheUsersEscalations_MostPressingFirst_WithTheirTimeLeft_InChineseOrEnglish()
    {
        var time = new FakeTimeProvider(Monday);
        using var app = Development(time);
        // No engineer: the ticket waits in the queue, and its assignment promise (30 min) warns the supervisors at 80 %.
        var number = (await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs(Roles.Manager).PostAsync("/api/admin/timers/EscalationSweep/run", null)).StatusCode);

        var supervisor = ConsoleClient(app);
        await SignInAsync(supervisor, Roles.Supervisor);
        var html = await supervisor.GetStringAsync("/console");
        Assert.Contains($">{number}</a>", html, StringComparison.Ordinal);
        Assert.Contains("预警", html, StringComparison.Ordinal);
        Assert.Contains("剩余5分", html, StringComparison.Ordinal);

        var english = await supervisor.GetAsync("/console?lang=en");
        var page = await english.Content.ReadAsStringAsync();
        Assert.Contains("<h1>My work</h1>", page, StringComparison.Ordinal);
        Assert.Contains("5m left", page, StringComparison.Ordinal);
        Assert.Contains("<h1>My work</h1>", await supervisor.GetStringAsync("/console"), StringComparison.Ordinal); // remembered

        // The engineer has nothing of it.
        var engineer = ConsoleClient(app);
        await SignInAsync(engineer, Roles.Engineer);
        Assert.Contains("暂无待办", await engineer.GetStringAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTicketList_FiltersAsTheApiDoes_NamesAWrongFilterBesideIt_AndMasksContactsByRole()
    {
        using var app = Development();
        var agentApi = app.ClientAs(Roles.Agent);
        var byPhone = (await (await agentApi.PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        var byWeb = (await (await agentApi.PostTicketAsync(TicketRequests.Valid("屏幕闪烁", channel: "web"))).JsonAsync())["number"]!.ToString();

        var agent = ConsoleClient(app);
        await SignInAsync(agent, Roles.Agent);
        var all = await agent.GetStringAsync("/console/tickets");
        Assert.Contains($">{byPhone}</a>", all, StringComparison.Ordinal);
        Assert.Contains($">{byWeb}</a>", all, StringComparison.Ordinal);
        Assert.Contains("8613812345678", all, StringComparison.Ordinal);
        Assert.Contains("assignment", all, StringComparison.Ordinal); // the most urgent running limit (30 minutes)

        var web = await agent.GetStringAsync("/console/tickets?channel=web&status=");
        Assert.DoesNotContain($">{byPhone}</a>", web, StringComparison.Ordinal);
        Assert.Contains($">{byWeb}</a>", web, StringComparison.Ordinal);
        Assert.Contains("<option value=\"web\" selected", web, StringComparison.Ordinal);

        var wrong = await agent.GetAsync("/console/tickets?receivedFrom=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("name=\"receivedFrom\" value=\"2026-13-01\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("筛选条件有误", html, StringComparison.Ordinal);

        var manager = ConsoleClient(app);
        await SignInAsync(manager, Roles.Manager);
        var masked = await manager.GetStringAsync("/console/tickets");
        Assert.Contains($">{byPhone}</a>", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", masked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolePages_CarryAStrictPolicy_AllowingTheirOwnStylesheetAndNoScript()
    {
        using var app = Development();
        var client = ConsoleClient(app);
        var response = await client.GetAsync("/console/sign-in");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{AfterSales.Web.WebAssets.ConsoleCss}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", page, StringComparison.Ordinal);
        var css = await client.GetAsync(AfterSales.Web.WebAssets.ConsoleCss);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".card{", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString().Split(',')[0].Trim());
        var denied = await client.GetAsync("/console/denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("无权访问", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<button type=\"submit\" name=\"user\" value=\"([^\"]+)\"")]
    private static partial Regex UserButton();
}
