using System.Net;
using AfterSales.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>Charging for a product under warranty needs a reason, recorded and shown to the customer.</summary>
public sealed class WarrantyChargeTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, time: _time);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task AQuoteOrAVisitChargedUnderWarranty_NeedsAReason_WhichTheCustomerSees()
    {
        var flow = new ServiceFlow(App, _time);
        await TeamRequests.EnsureEngineersAsync(flow.Supervisor, ["test-engineer"]);
        flow.Number = (await (await flow.Agent.PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString(); // inWarranty
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        var quote = new { parts = new[] { new { partNumber = "CAP-35", name = "启动电容", quantity = 1, unitPrice = 85m } }, labourAmount = 120m, plan = "更换电容", risks = "无" };

        var unexplained = await flow.Engineer.CommandAsync(flow.Number, "quote", quote);
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.NotNull((await unexplained.JsonAsync())["errors"]!["chargeReason"]);
        var now = _time.GetUtcNow();
        var visit = await flow.Engineer.CommandAsync(flow.Number, "visits", new
        {
            startedAt = now.AddMinutes(-4).ToString("O"), endedAt = now.ToString("O"), mode = "onSite", findings = "电容鼓包", measures = "检查",
            labour = new { hours = 1m, amount = 120m },
        });
        Assert.Equal(HttpStatusCode.BadRequest, visit.StatusCode); // no approved quote, no reason: not charged

        await flow.StepAsync(flow.Engineer, "quote", new { quote.parts, quote.labourAmount, quote.plan, quote.risks, chargeReason = "人为损坏（外机被撞变形）" }, "waitingForApproval");
        var page = await App.CreateClient().GetStringAsync(ServiceFlow.PathOf(await flow.SmsLinkAsync("quoteApproval")));
        Assert.Contains("保修期内收费原因", page, StringComparison.Ordinal);
        Assert.Contains("人为损坏（外机被撞变形）", page, StringComparison.Ordinal);

        // Approved on the customer's link: the visit's charge carries the quote's reason onto the service record.
        var customer = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.SeeOther, (await customer.PostAsync($"{ServiceFlow.PathOf(await flow.SmsLinkAsync("quoteApproval"))}/quote",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }))).StatusCode);
        now = _time.GetUtcNow();
        var recorded = await flow.StepAsync(flow.Engineer, "visits", new
        {
            startedAt = now.AddMinutes(-4).ToString("O"), endedAt = now.ToString("O"), mode = "onSite", findings = "电容鼓包", measures = "更换电容",
            parts = quote.parts, labour = new { hours = 1m, amount = 120m },
        }, "inService");
        Assert.Equal("人为损坏（外机被撞变形）", recorded["visits"]![0]!["chargeReason"]!.ToString());
    }
}
