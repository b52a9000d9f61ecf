using AfterSales.Application.Access;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Notifications;
using AfterSales.Application.Timers;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The real app on a fake clock, sending SMS to a <see cref="FakeAcsServer"/> (or, without one, to the local
/// outbox), with helpers to let the after-commit sender finish and to run the retry sweep.
/// </summary>
internal sealed class SmsTestApp : IDisposable
{
    public const string EventKey = "test-event-key-0123456789";
    public const string From = "+18005550100";

    public SmsTestApp(AzuriteFixture azurite, FakeTimeProvider time, string? connectionString, Action<IWebHostBuilder>? configure = null, string? prefix = null)
    {
        Time = time;
        App = new AppFactory(azurite, builder =>
        {
            builder.UseSetting("Sms:EventKey", EventKey);
            builder.UseSetting("Sms:RequestTimeout", "00:00:03");
            builder.UseSetting("Sms:AttemptLease", "00:00:30");
            builder.UseSetting("CustomerLinks:BaseUrl", "https://service.example.cn");
            if (connectionString is not null)
            {
                builder.UseSetting("Sms:AcsConnectionString", connectionString);
                builder.UseSetting("Sms:From", From);
            }

            configure?.Invoke(builder);
        }, time, prefix);
    }

    public AppFactory App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Agent => App.ClientAs(Roles.Agent);

    /// <summary>Waits until everything handed to the after-commit sender is done.</summary>
    public Task SettleAsync() => App.Services.GetRequiredService<SmsDispatcher>().WhenIdleAsync();

    /// <summary>One run of the retry sweep at the fake clock's time.</summary>
    public Task<TimerRunResult> SweepAsync() =>
        App.Services.GetServices<ITimerFunction>().Single(t => t.Name == SmsRetrySweep.FunctionName).RunAsync(Time.GetUtcNow(), CancellationToken.None);

    /// <summary>Moves the clock on by <paramref name="step"/> and sweeps, <paramref name="times"/> times.</summary>
    public async Task SweepEveryAsync(TimeSpan step, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Time.Advance(step);
            await SweepAsync();
        }
    }

    /// <summary>Registers an urgent repair ticket and returns its number.</summary>
    public async Task<string> RegisterAsync(JsonObject? body = null)
    {
        var created = await Agent.PostTicketAsync(body ?? TicketRequests.Valid());
        var json = await created.JsonAsync();
        Assert.True(created.IsSuccessStatusCode, json.ToJsonString());
        return json["number"]!.ToString();
    }

    /// <summary>The ticket's messages as an agent (who may see numbers and links) reads them.</summary>
    public async Task<JsonArray> MessagesAsync(string number) =>
        (await Agent.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/sms"))!;

    public void Dispose() => App.Dispose();
}
