using System.Net;
using System.Net.Sockets;
using AfterSales.Infrastructure.Azurite;

namespace AfterSales.Infrastructure.Tests;

public class AzuriteProcessTests
{
    [Fact]
    public async Task Start_OnAPortAnotherProcessHolds_FailsWithAzuritesOwnReason()
    {
        var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory)!;
        var entry = await AzuriteInstallation.EnsureInstalledAsync(root, _ => { }, CancellationToken.None);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<AzuriteExitedException>(() => AzuriteProcess.StartAsync(
            entry, port, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, CancellationToken.None));

        Assert.True(failure.PortWasTaken, failure.Message);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
    }
}
