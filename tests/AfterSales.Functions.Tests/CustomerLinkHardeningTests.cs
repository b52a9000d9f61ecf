using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using AfterSales.Application.Dispatch;
using AfterSales.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>Customer links are credentials: one spelling, never cached, never logged, and a fault still shows the customer a page.</summary>
public sealed class CustomerLinkHardeningTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly FailingSwitch _teamFails = new();
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite, builder => builder.ConfigureTestServices(services =>
    {
        // The app's team store (with its read cache) behind a switch that makes every call fail.
        var real = services.Single(d => d.ServiceType == typeof(ITeamStore));
        services.Remove(real);
        services.AddSingleton(sp => FaultyProxy<ITeamStore>.Wrap((ITeamStore)real.ImplementationFactory!(sp), _teamFails));
    }), _time);

    public void Dispose() => _app?.Dispose();

    private static AfterSales.Domain.Tickets.TicketId Id(string text) =>
        AfterSales.Domain.Tickets.TicketId.TryParse(text, out var id) ? id : throw new FormatException(text);

    [Fact]
    public async Task AToken_WrittenWithTheOtherBase64Alphabet_IsNotALink()
    {
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        await flow.QuoteAsync();
        var (token, _) = App.Services.GetRequiredService<AfterSales.Application.Customers.CustomerLinks>().Create(
            Id((await flow.TicketAsync())["id"]!.ToString()), AfterSales.Application.Customers.LinkPurpose.Quote, 1, _time.GetUtcNow());
        var link = "/c/" + token;
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(link)).StatusCode);

        var variants = new[]
        {
            token.Replace('-', '+').Replace('_', '/'),
            token[..token.LastIndexOf('.')] + "." + token[(token.LastIndexOf('.') + 1)..] + "=",
            token.Split('.') is var p ? string.Join('.', p[0], p[1].ToLowerInvariant(), p[2], p[3], p[4], p[5]) : token,
            token.Split('.') is var q ? string.Join('.', q[0], q[1], q[2], "0" + q[3], q[4], q[5]) : token,
        }.Where(v => v != token).ToList();
        Assert.NotEmpty(variants);
        foreach (var variant in variants)
        {
            var response = await customer.GetAsync("/c/" + Uri.EscapeDataString(variant));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{variant}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AServiceCode_OpensItsPage_InAnyCase_WithSpaces_OrTypedOnTheCodePage_AndAnotherCodeDoesNot()
    {
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        var link = ServiceFlow.PathOf(await flow.QuoteAsync());
        var code = link["/c/".Length..];
        Assert.Matches("^[2-9A-HJ-NP-Z]{10}$", code);

        foreach (var spelling in new[] { code, code.ToLowerInvariant(), $"{code[..5]} {code[5..]}", $"{code[..5]}-{code[5..]}" })
        {
            var page = await customer.GetAsync("/c/" + Uri.EscapeDataString(spelling));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("维修报价确认", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var typed = await customer.GetAsync("/c?code=" + Uri.EscapeDataString(code.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.SeeOther, typed.StatusCode);
        Assert.Equal($"/c/{code}", typed.Headers.Location!.OriginalString);
        var wrong = await customer.GetAsync("/c?code=12345");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("服务码为 10 位数字和字母", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = await customer.GetAsync("/c");
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        Assert.Contains("输入服务码", await entry.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var other = code[..9] + (code[9] == 'Z' ? 'Y' : 'Z');
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync("/c/" + other)).StatusCode);
    }

    [Fact]
    public async Task EveryCustomerPageAnswer_IsNeverCached()
    {
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var flow = new ServiceFlow(App, _time);
        var link = await flow.ReadyToConfirmAsync(customer);

        var page = await customer.GetAsync(link);
        var confirm = await customer.PostAsJsonAsync($"{link}/confirm", new { rating = "satisfied", signature = "data:image/png;base64," + Convert.ToBase64String(TestPng.Signature()) });
        var invalid = await customer.GetAsync("/c/v1.not-a-token");

        foreach (var response in new[] { page, confirm, invalid })
        {
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFaultOnACustomerPage_ShowsTheCustomerAPage_AndTheLogNamesTheTicketNotTheToken()
    {
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        var link = ServiceFlow.PathOf(await flow.QuoteAsync());
        var code = link["/c/".Length..];
        var id = (await flow.TicketAsync())["id"]!.ToString();
        var (token, _) = App.Services.GetRequiredService<AfterSales.Application.Customers.CustomerLinks>().Create(
            Id(id), AfterSales.Application.Customers.LinkPurpose.Quote, 1, _time.GetUtcNow());

        _teamFails.On = true;
        var response = await customer.GetAsync(link);
        var byToken = await customer.GetAsync("/c/" + token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, byToken.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("暂时无法提交", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var faults = App.Logs.Where(l => l.StartsWith("Unhandled fault", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, faults.Count);
        Assert.Contains("/c/[code]", faults[0], StringComparison.Ordinal);
        Assert.Contains($"[ticket {id}, quote]", faults[1], StringComparison.Ordinal);
        Assert.DoesNotContain(App.Logs, l => l.Contains(code, StringComparison.OrdinalIgnoreCase) || l.Contains(token, StringComparison.Ordinal)
            || l.Contains(token.Split('.')[5], StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEngineersPhoneInSmsText_IsMaskedForRolesWithoutContactDetails()
    {
        var flow = new ServiceFlow(App, _time);
        await flow.RegisterAsync();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        await flow.StepAsync(flow.Engineer, "appointment", new { from = "2026-11-23T14:00:00+08:00", to = "2026-11-23T16:00:00+08:00", mode = "onSite" }, "accepted");

        var forAgent = (await flow.Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!.Select(m => m!["text"]!.ToString()).ToList();
        Assert.Contains(forAgent, t => t.Contains("13900001111", StringComparison.Ordinal));
        foreach (var role in new[] { Roles.Manager, Roles.Integration })
        {
            var client = App.ClientAs(role);
            var texts = (await client.GetFromJsonAsync<JsonArray>($"/api/tickets/{flow.Number}/sms"))!.Select(m => m!["text"]!.ToString())
                .Concat((await client.GetFromJsonAsync<JsonObject>("/api/sms"))!["items"]!.AsArray().Select(m => m!["text"]!.ToString()))
                .ToList();
            Assert.NotEmpty(texts);
            Assert.DoesNotContain(texts, t => t.Contains("13900001111", StringComparison.Ordinal) || t.Contains("13812345678", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("139****1111", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ABurstOfInvalidLinks_Gets429_PerClientAndOverall_WhileValidLinksKeepWorkingForOthers()
    {
        // The client's address comes from a test header (the network is outside the product); limits made small.
        using var app = new AppFactory(azurite, builder =>
        {
            builder.UseSetting("CustomerLinks:InvalidLinksPerClient", "5");
            builder.UseSetting("CustomerLinks:InvalidLinksGlobal", "8");
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ClientAddressFromHeader()));
        }, _time);
        var flow = new ServiceFlow(app, _time);
        await flow.RegisterAsync();
        var valid = ServiceFlow.PathOf(await flow.QuoteAsync());
        var forged = valid[..^4] + (valid.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        HttpClient Client(string address)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
            return client;
        }

        var (a, b, c) = (Client("203.0.113.1"), Client("203.0.113.2"), Client("203.0.113.3"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(forged)).StatusCode);
        }

        var refused = await a.GetAsync(forged);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请稍后再试", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.GetAsync(valid)).StatusCode); // a right guess tells it nothing now
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.PostAsJsonAsync($"{valid}/confirm", new { rating = "satisfied" })).StatusCode);
        Assert.Contains("try again later", await (await a.GetAsync(forged + "?lang=en")).Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(valid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(forged)).StatusCode); // A's five and B's three: the 8 of all clients
        var overall = await b.GetAsync(forged);
        Assert.Equal(HttpStatusCode.TooManyRequests, overall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync(valid)).StatusCode);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync(valid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(forged)).StatusCode);
    }

    /// <summary>Sets the connection's remote address from a header: a test's stand-in for clients on other machines.</summary>
    private sealed class ClientAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Turns a dependency's every call into a fault while <see cref="On"/>.</summary>
    public sealed class FailingSwitch
    {
        public bool On { get; set; }
    }

    /// <summary>A pass-through proxy that throws while its switch is on: a fault the product cannot foresee.</summary>
    public class FaultyProxy<T> : DispatchProxy
        where T : class
    {
        private T _target = null!;
        private FailingSwitch _switch = null!;

        public static T Wrap(T target, FailingSwitch failing)
        {
            var proxy = Create<T, FaultyProxy<T>>();
            var self = (FaultyProxy<T>)(object)proxy;
            self._target = target;
            self._switch = failing;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            _switch.On
                ? throw new InvalidOperationException("A fault injected by the test.")
                : targetMethod!.Invoke(_target, args);
    }
}
