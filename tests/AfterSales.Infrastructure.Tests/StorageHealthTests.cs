using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public class StorageHealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Check_RunningEmulator_IsReachable()
    {
        var health = new StorageHealth(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));

        var report = await health.CheckAsync(CancellationToken.None);

        Assert.True(report.Reachable, report.Problem);
        Assert.True(report.Emulator);
    }

    [Fact]
    public async Task Check_NothingListening_SaysUnreachableAndWhatToDo()
    {
        var port = AzuriteProcess.FreePort();
        var health = new StorageHealth(Options.Create(new StorageOptions { ConnectionString = StorageConnection.ForEmulator(port, port, port) }));

        var report = await health.CheckAsync(CancellationToken.None);

        Assert.False(report.Reachable);
        Assert.Contains("AzureWebJobsStorage", report.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:2/devstoreaccount1", true)]
    public void IsLocalEmulator_RecognisesEmulatorConnections(string connection, bool expected)
    {
        Assert.Equal(expected, StorageConnection.IsLocalEmulator(connection));
    }
}
