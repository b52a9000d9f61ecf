using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Application.Tickets;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using AfterSales.Functions.Auth;
using AfterSales.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Functions.Tests;

/// <summary>The app as the Azure Functions host drives it: readiness probe and timer invocations.</summary>
[Collection(AzuriteCollection.Name)]
public class CustomHandlerTests(AzuriteFixture azurite)
{
    private static readonly JsonObject TimerInvocation = JsonNode.Parse("""
        {
          "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": null, "IsPastDue": false } },
          "Metadata": { "sys": { "MethodName": "HousekeepingSweep", "UtcNow": "2026-11-23T02:00:00.0000000Z", "RandGuid": "1b4f0f63-8ad1-4a6c-9d46-7d77b1b4b7cc" } }
        }
        """)!.AsObject();

    private AppFactory CustomHandler(string? connection = null) => new(azurite, builder =>
    {
        builder.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", "54321");
        if (connection is not null)
        {
            builder.UseSetting("AzureWebJobsStorage", connection);
        }
    });

    [Fact]
    public async Task ReadinessProbe_GetRoot_Answers()
    {
        using var app = CustomHandler();

        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TimerInvocation_RunsTheSweep_AndRepliesWithOutputsLogsReturnValue()
    {
        using var app = CustomHandler();
        var idempotency = app.Services.GetRequiredService<IIdempotencyStore>();
        var past = DateTimeOffset.UtcNow.AddDays(-3);
        await idempotency.ClaimAsync(new IdempotencyRecord("stale-key", "h", "T", past, past.AddDays(1)), past, CancellationToken.None);

        var response = await app.CreateClient().PostAsJsonAsync("/HousekeepingSweep", TimerInvocation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.JsonAsync();
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], reply.Select(p => p.Key).Order(StringComparer.Ordinal).Reverse().OrderBy(k => k == "Outputs" ? 0 : k == "Logs" ? 1 : 2).ToArray());
        Assert.Empty(reply["Outputs"]!.AsObject());
        Assert.Null(reply["ReturnValue"]);
        Assert.Contains("Removed 1 expired", reply["Logs"]![0]!.ToString(), StringComparison.Ordinal);
        // The record is really gone: the key can be claimed by someone else now.
        var now = DateTimeOffset.UtcNow;
        var fresh = new IdempotencyRecord("stale-key", "h2", "T2", now, now.AddDays(1));
        Assert.Equal("T2", (await idempotency.ClaimAsync(fresh, now, CancellationToken.None)).TicketId);
    }

    [Fact]
    public async Task TimerInvocation_WhenTheSweepFails_RepliesNon2xxWithTheReasonInLogs()
    {
        var port = AzuriteProcess.FreePort();
        using var app = CustomHandler(StorageConnection.ForEmulator(port, port, port));

        var response = await app.CreateClient().PostAsJsonAsync("/HousekeepingSweep", TimerInvocation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var reply = await response.JsonAsync();
        Assert.Contains("HousekeepingSweep failed", reply["Logs"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerInvocation_BodyNotJson_Returns400()
    {
        using var app = CustomHandler();

        var response = await app.CreateClient().PostAsync("/HousekeepingSweep", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Standalone_TimerRoutesAreNotExposed()
    {
        using var app = new AppFactory(azurite);

        var response = await app.CreateClient().PostAsJsonAsync("/HousekeepingSweep", TimerInvocation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHttpRequests_AreServedUnchanged()
    {
        using var app = CustomHandler();

        var response = await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
