using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// No customer act without the customer: staff never receive the customer's own links; a page opened on a staff
/// device is recorded with who opened it and shown as such; a large quote is approved only on the customer's phone.
/// </summary>
public sealed class CustomerConsentTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string OtherEngineerKey = "test-other-engineer-key-0123456789";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, builder =>
    {
        builder.UseSetting("Auth:ApiKeys:6:Name", "other-engineer");
        builder.UseSetting("Auth:ApiKeys:6:Key", OtherEngineerKey);
        builder.UseSetting("Auth:ApiKeys:6:Role", Roles.Engineer);
        builder.UseSetting("CustomerLinks:StaffApprovalLimit", "300");
    }, _time);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task TheOldLinkEndpoint_IsGone_AndAnotherEngineer_GetsNoLinkOfAnyKind()
    {
        var flow = new ServiceFlow(App, _time);
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.ReadyToConfirmAsync(customer);
        var other = App.CreateClient();
        other.DefaultRequestHeaders.Add("x-api-key", OtherEngineerKey);

        Assert.Equal(HttpStatusCode.NotFound, (await flow.Agent.PostAsJsonAsync($"/api/tickets/{flow.Number}/customer-link", new { purpose = "confirm" })).StatusCode);
        foreach (var command in new[] { "device-link", "resend-link" })
        {
            var refused = await other.CommandAsync(flow.Number, command);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotMatch(@"/c/(v1\.|[2-9A-HJ-NP-Z]{10}\b)", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ResendLink_SendsTheCustomerAFreshLinkBySms_AndTellsStaffNothingTheyCouldUse()
    {
        var flow = new ServiceFlow(App, _time);
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.ReadyToConfirmAsync(customer);
        var first = await flow.SmsLinkAsync("resultConfirmation");

        var resent = await flow.StepAsync(flow.Agent, "resend-link", new { reason = "客户说短信被误删" }, "awaitingConfirmation");

        Assert.Null(resent["customerLink"]);
        Assert.DoesNotMatch(@"/c/(v1\.|[2-9A-HJ-NP-Z]{10}\b)", resent.ToJsonString());
        var second = await flow.SmsLinkAsync("resultConfirmation");
        Assert.NotEqual(first, second);
        var history = await flow.HistoryAsync();
        var e = history.Last(h => h!["type"]!.ToString() == "CustomerLinkResent")!;
        Assert.Equal("test-agent", e["actor"]!["name"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(ServiceFlow.PathOf(second))).StatusCode);
    }

    [Fact]
    public async Task SigningOnTheEngineersTablet_IsRecordedWithWhoOpenedThePage_AndShownOnTheRecord()
    {
        var flow = new ServiceFlow(App, _time);
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.ReadyToConfirmAsync(customer);

        var issued = await flow.StepAsync(flow.Engineer, "device-link", null, "awaitingConfirmation");
        var device = issued["customerLink"]!;
        Assert.Equal("confirm", device["purpose"]!.ToString());
        Assert.Equal("test-engineer", device["issuedBy"]!.ToString());
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), device["expiresAt"]!.GetValue<DateTimeOffset>());
        // The customer's page names the engineer, never a sign-in id, with Chinese units.
        var form = await customer.GetStringAsync(ServiceFlow.PathOf(device["url"]!.ToString()));
        Assert.Contains("李工", form, StringComparison.Ordinal);
        Assert.DoesNotContain("test-engineer", form, StringComparison.Ordinal);
        Assert.Contains("人工费（1小时）", form, StringComparison.Ordinal);
        var signed = await customer.PostAsJsonAsync($"{ServiceFlow.PathOf(device["url"]!.ToString())}/confirm", new
        {
            rating = "satisfied",
            signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()),
        });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        var confirmation = (await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/confirmations"))![0]!;
        Assert.Equal("test-engineer", confirmation["signedOnDevice"]!["issuedBy"]!.ToString());
        var history = await flow.HistoryAsync();
        Assert.Equal("test-engineer", history.Single(h => h!["type"]!.ToString() == "DeviceLinkIssued")!["actor"]!["name"]!.ToString());
        Assert.Equal("test-engineer", history.Single(h => h!["type"]!.ToString() == "TicketConfirmed")!["data"]!["device"]!["issuedBy"]!.ToString());
        var record = await flow.Agent.GetStringAsync($"/api/tickets/{flow.Number}/confirmations/1/record");
        Assert.Contains("在服务人员设备上签字（由 李工", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteAboveTheLimit_IsApprovedOnlyThroughTheCustomersOwnLink()
    {
        var flow = new ServiceFlow(App, _time);
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.RegisterAsync();
        var own = ServiceFlow.PathOf(await flow.QuoteAsync()); // ¥465.00, above the limit of ¥300

        var onDevice = await flow.Engineer.CommandAsync(flow.Number, "device-link");
        Assert.Equal(HttpStatusCode.BadRequest, onDevice.StatusCode);
        Assert.Contains("¥465.00", (await onDevice.JsonAsync())["errors"]!["quote"]![0]!.ToString(), StringComparison.Ordinal);
        var byPhone = await flow.Agent.CommandAsync(flow.Number, "approve-quote", new { reason = "客户电话同意" });
        Assert.Equal(HttpStatusCode.BadRequest, byPhone.StatusCode);
        Assert.Equal("waitingForApproval", (await flow.TicketAsync())["status"]!.ToString());

        var approved = await customer.PostAsync($"{own}/quote", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var quote = (await flow.TicketAsync())["quotes"]![0]!;
        Assert.Equal(("approved", "customer"), (quote["status"]!.ToString(), quote["answeredBy"]!.ToString()));
        Assert.Null(quote["answeredOnDevice"]);
    }

    [Fact]
    public async Task ADeviceLinkWithoutItsRecord_IsNotALink()
    {
        var flow = new ServiceFlow(App, _time);
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await flow.ReadyToConfirmAsync(customer);
        Assert.True(TicketId.TryParse((await flow.TicketAsync())["id"]!.ToString(), out var id));

        var (token, _) = App.Services.GetRequiredService<CustomerLinks>().CreateForDevice(id, LinkPurpose.Confirm, 1, deviceLink: 999, _time.GetUtcNow());

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/c/{token}")).StatusCode);
    }
}
