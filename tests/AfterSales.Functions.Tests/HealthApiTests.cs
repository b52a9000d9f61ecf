using AfterSales.Application.Access;
using System.Net;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

public class HealthApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Health_StorageReachable_200()
    {
        using var app = new AppFactory(azurite);

        var response = await app.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("healthy", body["status"]!.ToString());
        Assert.Equal("reachable", body["storage"]!["status"]!.ToString());
    }

    [Fact]
    public async Task StorageUnreachable_HealthSays503WithWhatToDo_StartLogSaysSo_AndIntakeAnswers503()
    {
        var port = AzuriteProcess.FreePort();
        using var app = new AppFactory(azurite, b => b.UseSetting("AzureWebJobsStorage", StorageConnection.ForEmulator(port, port, port)));

        var health = await app.CreateClient().GetAsync("/api/health");
        var intake = await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var body = await health.JsonAsync();
        Assert.Equal("unreachable", body["storage"]!["status"]!.ToString());
        Assert.Contains("AzureWebJobsStorage", body["storage"]!["problem"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(app.Logs, line => line.StartsWith("STORAGE UNREACHABLE", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, intake.StatusCode);
        Assert.Contains("nothing was changed", (await intake.JsonAsync())["detail"]!.ToString(), StringComparison.Ordinal);
    }
}
