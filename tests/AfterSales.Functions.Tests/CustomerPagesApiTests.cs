using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>Quotes, results and confirmations through the API and the customer pages (HTTP, no browser).</summary>
public sealed class CustomerPagesApiTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, time: _time);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task ACustomerPage_AllowsOnlyThisSitesStylesheetAndScript_WhichAreServed()
    {
        var client = App.ClientAs(null);

        var page = await client.GetAsync("/c/v1.not-a-link");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'self'; script-src 'self';", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{AfterSales.Web.WebAssets.CustomerCss}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        foreach (var (asset, type, sample) in new[]
        {
            (AfterSales.Web.WebAssets.CustomerCss, "text/css", ".notice{"),
            (AfterSales.Web.WebAssets.SignaturePad, "text/javascript", "getElementById('pad')"),
        })
        {
            var served = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
            Assert.Contains(sample, await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(served.Headers.ETag);
        }
    }

    [Fact]
    public async Task ChargingWithoutAnApprovedQuote_IsRefused_NamingTheAmount()
    {
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        var now = _time.GetUtcNow();

        var response = await flow.Engineer.CommandAsync(flow.Number, "visits", new
        {
            startedAt = now.AddMinutes(-8).ToString("O"), endedAt = now.ToString("O"), mode = "onSite", findings = "电容坏", measures = "更换",
            parts = new[] { new { partNumber = "CAP-35", name = "启动电容", quantity = 1, unitPrice = 85m } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("¥85.00", (await response.JsonAsync())["errors"]!["parts"]![0]!.ToString());
        Assert.Empty((await flow.TicketAsync())["visits"]!.AsArray());
    }

    [Fact]
    public async Task RefusedQuote_EndsInADocumentedOutcome_NotADeadEnd()
    {
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        var link = ServiceFlow.PathOf(await flow.QuoteAsync());
        var client = App.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetStringAsync(link);
        Assert.Contains("¥465.00", page);
        var refused = await client.PostAsync($"{link}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "refuse", ["comment"] = "太贵了" }));
        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        Assert.Contains("已拒绝报价", await client.GetStringAsync(refused.Headers.Location!.ToString()));
        var again = await client.PostAsync($"{link}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var ticket = await flow.TicketAsync();
        Assert.Equal("inService", ticket["status"]!.ToString());
        Assert.Equal("refused", ticket["quotes"]![0]!["status"]!.ToString());
        Assert.Equal("太贵了", ticket["quotes"]![0]!["comment"]!.ToString());
        var repaired = await flow.Engineer.CommandAsync(flow.Number, "resolve", new { outcome = "repaired", cause = "电容", solution = "更换" });
        Assert.Equal(HttpStatusCode.BadRequest, repaired.StatusCode);
        Assert.Contains("notRepairedQuoteRefused", (await repaired.JsonAsync())["errors"]!["outcome"]![0]!.ToString());
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "notRepairedQuoteRefused", cause = "启动电容老化", solution = "客户不同意更换，未维修，已恢复原状" }, "resolved");
        await flow.StepAsync(flow.Agent, "report-result", new { summary = "已告知" }, "awaitingConfirmation");
        Assert.Contains("客户未同意报价，未维修", await client.GetStringAsync(ServiceFlow.PathOf(await flow.SmsLinkAsync("resultConfirmation"))));
    }

    [Fact]
    public async Task NotSatisfied_ReopensForSecondHandling_AndDispatchesAgain_InOneWrite()
    {
        var flow = new ServiceFlow(App, _time);
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = await flow.ReadyToConfirmAsync(client);
        var before = (await flow.HistoryAsync()).Count;

        var response = await client.PostAsJsonAsync($"{link}/confirm", Submission("notSatisfied", TestPng.Signature(), "还是有异响"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await flow.TicketAsync();
        Assert.Equal(2, ticket["round"]!.GetValue<int>());
        Assert.Equal("assigned", ticket["status"]!.ToString());
        var history = await flow.HistoryAsync();
        Assert.Equal(["TicketConfirmed", "TicketReopened", "TicketAssigned"], history.Skip(before).Select(e => e!["type"]!.ToString()));
        Assert.Contains("还是有异响", history[before + 1]!["data"]!["note"]!.ToString());
        Assert.Contains("二次处理", await client.GetStringAsync(link));
        var confirmations = (await flow.Supervisor.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/confirmations"))!;
        Assert.Equal("notSatisfied", confirmations.Single()!["rating"]!.ToString());
        Assert.True(confirmations.Single()!["signatureVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task NotSatisfied_OnAPaperFormRecordedByStaff_ReopensForSecondHandling_AsTheLinkDoes()
    {
        var flow = new ServiceFlow(App, _time);
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        await flow.ReadyToConfirmAsync(client);
        var before = (await flow.HistoryAsync()).Count;

        var response = await flow.Agent.CommandAsync(flow.Number, "confirm", new { rating = "notSatisfied", reason = "客户在纸质确认表上勾选不满意：还是有异响" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await flow.TicketAsync();
        Assert.Equal((2, "assigned"), (ticket["round"]!.GetValue<int>(), ticket["status"]!.ToString()));
        var history = await flow.HistoryAsync();
        Assert.Equal(["TicketConfirmed", "TicketReopened", "TicketAssigned"], history.Skip(before).Select(e => e!["type"]!.ToString()));
        Assert.Contains("二次处理", history[before + 1]!["data"]!["note"]!.ToString());
        var inbox = (await flow.Supervisor.GetFromJsonAsync<JsonObject>("/api/inbox"))!;
        Assert.Contains(inbox["items"]!.AsArray(), i => i!["ticketNumber"]!.ToString() == flow.Number && i["kind"]!.ToString() == "secondHandling");
    }

    [Theory]
    [InlineData("blank")]
    [InlineData("not-png")]
    [InlineData("no-rating")]
    [InlineData("invalid-utf8")]
    public async Task BadSubmission_Is400WithWhatToDo_AndStoresNothing(string kind)
    {
        var flow = new ServiceFlow(App, _time);
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = await flow.ReadyToConfirmAsync(client);
        var before = (await flow.HistoryAsync()).Count;
        var body = kind switch
        {
            "blank" => Submission("satisfied", TestPng.Blank()),
            "not-png" => new JsonObject { ["rating"] = "satisfied", ["signature"] = "data:image/png;base64,aGVsbG8=" },
            _ => Submission(null, TestPng.Signature()),
        };

        var response = kind == "invalid-utf8"
            ? await client.PostAsync($"{link}/confirm", new ByteArrayContent([.. "{\"rating\":\"satisfied\",\"comment\":\""u8, 0xC3, 0x28, .. "\"}"u8])
            {
                Headers = { ContentType = new("application/json") },
            })
            : await client.PostAsJsonAsync($"{link}/confirm", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("签", (await response.JsonAsync())["message"]!.ToString() + "评价签");
        Assert.Equal(before, (await flow.HistoryAsync()).Count);
        var container = new BlobContainerClient(azurite.ConnectionString, $"{App.Prefix.ToLowerInvariant()}signatures");
        Assert.False(await container.ExistsAsync() && await container.GetBlobsAsync().AnyAsync());
        Assert.Equal("awaitingConfirmation", (await flow.TicketAsync())["status"]!.ToString());
    }

    [Fact]
    public async Task TenConcurrentConfirmations_OneWins_AndOnlyItsSignatureIsStored()
    {
        var flow = new ServiceFlow(App, _time);
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = await flow.ReadyToConfirmAsync(client);

        // Ten different drawings (a double tap on two phones, a shared link): each a different image.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            client.PostAsJsonAsync($"{link}/confirm", Submission("satisfied", TestPng.Signature(300 + i, 120))))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var confirmation = Assert.Single((await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/confirmations"))!)!;
        var container = new BlobContainerClient(azurite.ConnectionString, $"{App.Prefix.ToLowerInvariant()}signatures");
        var blobs = await container.GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Equal([confirmation["signature"]!["blobName"]!.ToString()], blobs);
        Assert.True(confirmation["signatureVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OversizedSubmission_Is413_AndStoresNothing()
    {
        var flow = new ServiceFlow(App, _time);
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = await flow.ReadyToConfirmAsync(client);
        var before = (await flow.HistoryAsync()).Count;

        var body = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Submission("satisfied", new byte[700 * 1024]).ToJsonString()));
        body.Headers.ContentType = new("application/json");
        var response = await client.PostAsync($"{link}/confirm", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("太大", (await response.JsonAsync())["message"]!.ToString());
        Assert.Equal(before, (await flow.HistoryAsync()).Count);
    }

    [Fact]
    public async Task StaffRecordAnswer_NeedsAReason_CustomersDoNot()
    {
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        await flow.QuoteAsync();

        var bare = await flow.Agent.CommandAsync(flow.Number, "approve-quote");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.NotNull((await bare.JsonAsync())["errors"]!["reason"]);
        await flow.StepAsync(flow.Agent, "approve-quote", new { reason = "客户电话确认 14:05" }, "inService");
        var history = await flow.HistoryAsync();
        Assert.Equal("QuoteApproved", history[^1]!["type"]!.ToString());
        Assert.Equal(465m, history[^1]!["data"]!["total"]!.GetValue<decimal>());
    }

    private static JsonObject Submission(string? rating, byte[] png, string? comment = null) => new()
    {
        ["rating"] = rating,
        ["comment"] = comment,
        ["signature"] = "data:image/png;base64," + Convert.ToBase64String(png),
    };
}
