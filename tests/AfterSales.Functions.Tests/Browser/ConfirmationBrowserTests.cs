using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>
/// The customer's side, end to end in a real headless Chromium on a phone-sized window: approve a quote,
/// then open the confirmation link, pick a rating, draw a signature with the pointer and submit. The
/// signature must then be in Blob Storage (Azurite) with the SHA-256 the history records; a replayed,
/// tampered or expired link must store nothing. Screenshots go to <c>screenshots/</c> beside the test binaries.
/// </summary>
public sealed class ConfirmationBrowserTests : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private readonly AppFactory _app;
    private readonly string _origin;
    private ChromeDriver _browser = null!;

    public ConfirmationBrowserTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        var port = FreePort();
        _origin = $"http://127.0.0.1:{port}";
        _app = new AppFactory(azurite, time: _time);
        _app.UseKestrel(port);
        _app.StartServer();
    }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync() => _browser = await Chromium.StartAsync();

    public Task DisposeAsync()
    {
        _browser.Quit();
        _browser.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Customer_ApprovesQuote_ThenSignsConfirmation_SignatureStoredWithTheHashInTheHistory_ReplayAndTamperStoreNothing()
    {
        var flow = new ServiceFlow(_app, _time);
        await flow.RegisterAsync();

        // The quote, approved on the phone.
        var quoteLink = Local(await flow.QuoteAsync());
        _browser.Navigate().GoToUrl(quoteLink);
        Assert.Contains("维修报价确认", Text());
        Assert.Contains("¥465.00", Text());
        Screenshot("1-quote");
        _browser.FindElement(By.CssSelector("button[value=approve]")).Click();
        WaitFor("已同意报价");
        Screenshot("2-quote-approved");
        Assert.Equal("inService", (await flow.TicketAsync())["status"]!.ToString());

        // The confirmation, signed with the pointer.
        var link = Local(await flow.FinishAsync());
        _browser.Navigate().GoToUrl(link);
        Assert.Contains("服务结果确认", Text());
        Assert.Contains("更换启动电容和外机风扇电机", Text());
        Assert.Contains("¥465.00", Text());
        Assert.Contains("李工", Text());
        Screenshot("3-confirm");

        _browser.FindElement(By.Id("submit")).Click();
        Assert.Contains("请选择您的评价", _browser.FindElement(By.Id("error")).Text);
        _browser.FindElement(By.CssSelector("input[name=rating][value=satisfied]")).Click();
        _browser.FindElement(By.Id("submit")).Click();
        Assert.Contains("请先在签名框内签字", _browser.FindElement(By.Id("error")).Text);

        _browser.FindElement(By.Id("comment")).SendKeys("师傅很专业");
        ConsolePages.Sign(_browser, _browser.FindElement(By.Id("pad")));
        Screenshot("4-confirm-signed");
        _browser.FindElement(By.Id("submit")).Click();
        WaitFor("已确认，感谢您的反馈");
        Screenshot("5-confirmed");

        // Stored: one blob, named by its hash, whose bytes, metadata and history event all agree.
        var ticket = await flow.TicketAsync();
        Assert.Equal("confirmed", ticket["status"]!.ToString());
        var history = await flow.HistoryAsync();
        var confirmed = history.Last(e => e!["type"]!.ToString() == "TicketConfirmed")!;
        Assert.Equal("customer", confirmed["actor"]!["role"]!.ToString());
        Assert.Equal("satisfied", confirmed["data"]!["rating"]!.ToString());
        Assert.Equal("师傅很专业", confirmed["data"]!["comment"]!.ToString());
        var sha = confirmed["data"]!["signature"]!["sha256"]!.ToString();
        var blobs = await BlobsAsync();
        var blob = Assert.Single(blobs);
        Assert.Equal($"{ticket["id"]}/round-1/{sha}.png", blob.Name);
        var content = (await Container().GetBlobClient(blob.Name).DownloadContentAsync()).Value;
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(content.Content.ToArray())));
        Assert.Equal(sha, content.Details.Metadata["sha256"]);
        Assert.Equal("image/png", content.Details.ContentType);

        // Staff see it verified, and the rendered record carries the image and the hash.
        var confirmations = (await flow.Supervisor.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/confirmations"))!;
        Assert.True(confirmations.Single()!["signatureVerified"]!.GetValue<bool>());
        var record = await flow.Supervisor.GetStringAsync($"/api/tickets/{flow.Number}/confirmations/1/record");
        Assert.Contains(sha, record);
        Assert.Contains("与存档记录一致", record);
        _browser.Navigate().GoToUrl(Local(link));
        var events = history.Count;

        // Replayed: the page says it was already done; a second submission is refused and stores nothing.
        Assert.Contains("已确认", Text());
        Assert.Empty(_browser.FindElements(By.Id("pad")));
        var replay = await PostSignatureAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);

        // Tampered: a clear page, and nothing stored.
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');
        _browser.Navigate().GoToUrl(tampered);
        Assert.Contains("链接无效", Text());
        Screenshot("6-tampered");
        Assert.Equal(HttpStatusCode.NotFound, (await PostSignatureAsync(tampered)).StatusCode);

        // Expired (a week later): a clear page, and nothing stored.
        _time.Advance(TimeSpan.FromDays(8));
        _browser.Navigate().GoToUrl(link);
        Assert.Contains("链接已过期", Text());
        Screenshot("7-expired");
        Assert.Equal(HttpStatusCode.Gone, (await PostSignatureAsync(link)).StatusCode);

        Assert.Single(await BlobsAsync());
        Assert.Equal(events, (await flow.HistoryAsync()).Count);
    }

    [Fact]
    public async Task Survey_OnAPhone_AMissingScoreIsCaughtBeforeSending_AndARefusalShowsItsMessageWithoutScrolling()
    {
        var flow = new ServiceFlow(_app, _time);
        await flow.RegisterAsync();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "冷媒不足", solution = "补充冷媒" }, "resolved");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已电话告知" }, "awaitingConfirmation");
        await flow.StepAsync(flow.Agent, "confirm", new { rating = "satisfied", reason = "电话确认" }, "confirmed");
        await flow.StepAsync(_app.ClientAs(Roles.FollowUp), "start-follow-up", null, "followUp");
        var link = Local(await flow.SmsLinkAsync("surveyInvitation"));
        _browser.Navigate().GoToUrl(link);
        Assert.Contains("服务满意度回访", Text());

        // Without the overall score the browser itself refuses to send (no JavaScript needed): nothing leaves the phone.
        _browser.FindElement(By.CssSelector("input[name=attitude][value='9']")).Click();
        _browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        Assert.Equal(link, _browser.Url);
        Assert.True((bool)_browser.ExecuteScript("return document.querySelector('input[name=overall]:invalid') !== null;")!);
        Assert.Equal("followUp", (await flow.TicketAsync())["status"]!.ToString());

        // A browser that does not check (simulated by taking "required" away): the server refuses, and the message
        // is the first thing on the reloaded page, in view without scrolling, and again at the field.
        _browser.ExecuteScript("document.querySelectorAll('input[name=overall]').forEach(i => i.removeAttribute('required'));");
        _browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        WaitFor("请为“总体满意度”打分后再提交");
        Screenshot("8-survey-missing-score");
        var top = Convert.ToDouble(_browser.ExecuteScript("return document.querySelector('p.error[role=alert]').getBoundingClientRect().top;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(top, 0, 844);
        Assert.Single(_browser.FindElements(By.CssSelector("fieldset#overall.invalid p.error")));
        Assert.True(_browser.FindElement(By.CssSelector("input[name=attitude][value='9']")).Selected, "the score already given is kept");

        _browser.FindElement(By.CssSelector("input[name=overall][value='9']")).Click();
        _browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        WaitFor("感谢您的评价");
        Assert.Equal("closed", (await flow.TicketAsync())["status"]!.ToString());
    }

    private string Local(string url) => _origin + ServiceFlow.PathOf(url);

    private string Text() => _browser.FindElement(By.TagName("body")).Text;

    private void WaitFor(string text)
    {
        // A form post navigates: the body read a moment ago can belong to the page being left.
        // Chromium reports that either as a stale element or as a node that "does not belong to the document".
        var wait = new WebDriverWait(_browser, TimeSpan.FromSeconds(20));
        wait.Until(d =>
        {
            try
            {
                return d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.Ordinal);
            }
            catch (WebDriverException e) when (e is StaleElementReferenceException || e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
            {
                return false;
            }
        });
    }

    private void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _browser.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, $"{name}.png"));
    }

    private async Task<HttpResponseMessage> PostSignatureAsync(string link)
    {
        using var client = new HttpClient();
        var body = new JsonObject { ["rating"] = "satisfied", ["signature"] = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) };
        return await client.PostAsJsonAsync(link.Split('?')[0] + "/confirm", body);
    }

    private BlobContainerClient Container() => new(_azurite.ConnectionString, $"{_app.Prefix.ToLowerInvariant()}signatures");

    private async Task<List<Azure.Storage.Blobs.Models.BlobItem>> BlobsAsync()
    {
        var container = Container();
        if (!await container.ExistsAsync())
        {
            return [];
        }

        var list = new List<Azure.Storage.Blobs.Models.BlobItem>();
        await foreach (var item in container.GetBlobsAsync())
        {
            list.Add(item);
        }

        return list;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
