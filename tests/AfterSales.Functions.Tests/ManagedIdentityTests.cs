using AfterSales.Application.Access;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The app as deployed: the built executable in custom-handler mode with the settings the Bicep template gives
/// it — <c>AzureWebJobsStorage__*</c> service URIs and <c>credential=managedidentity</c>, no connection string,
/// no key — signing in through the platform's managed identity endpoint (a fake: outside the product) to a
/// real Azurite that only accepts Entra tokens over HTTPS (<c>--oauth basic</c>), and sending SMS to a fake
/// Communication Services that only accepts the identity's bearer token.
/// </summary>
public sealed class ManagedIdentityTests : IAsyncLifetime
{
    private const string StorageResource = "https://storage.azure.com";
    private const string CommunicationResource = "https://communication.azure.com/";
    private readonly TestCertificate _tls = new();
    private AzuriteProcess? _azurite;
    private FakeManagedIdentity? _identity;
    private FakeAcsServer? _acs;

    public async Task InitializeAsync()
    {
        var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory)!;
        var entry = await AzuriteInstallation.EnsureInstalledAsync(root, _ => { }, CancellationToken.None);
        _azurite = await AzuriteProcess.StartOnFreePortsAsync(
            entry, dataFolder: null, CancellationToken.None,
            ["--oauth", "basic", "--cert", _tls.CertificateFile, "--key", _tls.KeyFile]);
        _identity = await FakeManagedIdentity.StartAsync();
        _acs = await FakeAcsServer.StartAsync();
        _acs.BearerToken = _identity.TokenFor(CommunicationResource);
    }

    public async Task DisposeAsync()
    {
        if (_acs is not null)
        {
            await _acs.DisposeAsync();
        }

        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _tls.Dispose();
    }

    [Fact]
    public async Task DeployedSettings_StorageAndSmsWithTheManagedIdentity_NoKeyAnywhere()
    {
        var (app, http) = StartApp();
        using var handle = app;

        await AppProcessTests.WaitForAsync(http, "/api/health", app.Process);
        var created = await PostTicketAsync(http);
        var location = created.Headers.Location!;
        var read = new HttpRequestMessage(HttpMethod.Get, location);
        read.Headers.Add("x-api-key", AppFactory.Keys[Roles.Supervisor]);
        var ticket = await http.SendAsync(read);
        var sent = await WaitForAsync(() => _acs!.Transmissions.Count > 0);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
        Assert.Contains(StorageResource, _identity!.Requests);
        Assert.True(sent, "No SMS reached Communication Services with the identity's token.");
        Assert.Contains(CommunicationResource, _identity.Requests);
        Assert.All(_acs!.Requests, r => Assert.Null(r.Problem));
    }

    [Fact]
    public async Task TokenForAnotherAudience_StorageRefusesIt_AndHealthSaysWhatToCheck()
    {
        _identity!.Audience = _ => "https://vault.azure.net";
        var (app, http) = StartApp();
        using var handle = app;

        var health = await AppProcessTests.WaitForAnswerAsync(http, "/api/health", app.Process);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var problem = (await health.JsonAsync())["storage"]!["problem"]!.ToString();
        Assert.Contains("Storage answered 403", problem, StringComparison.Ordinal);
        Assert.Contains("Storage Table Data Contributor", problem, StringComparison.Ordinal);
        Assert.Contains(StorageResource, _identity.Requests);
    }

    private (AppProcessTests.KilledOnDispose App, HttpClient Http) StartApp()
    {
        var port = AzuriteProcess.FreePort();
        var environment = new Dictionary<string, string>(_identity!.Environment)
        {
            ["Azurite__AutoStart"] = "false",
            ["AzureWebJobsStorage__blobServiceUri"] = $"https://127.0.0.1:{_azurite!.BlobPort}/devstoreaccount1",
            ["AzureWebJobsStorage__queueServiceUri"] = $"https://127.0.0.1:{_azurite.QueuePort}/devstoreaccount1",
            ["AzureWebJobsStorage__tableServiceUri"] = $"https://127.0.0.1:{_azurite.TablePort}/devstoreaccount1",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            // The emulator's self-signed certificate is the only root the app trusts.
            ["SSL_CERT_FILE"] = _tls.CertificateFile,
            ["SSL_CERT_DIR"] = Path.GetDirectoryName(_tls.CertificateFile)!,
            ["Sms__AcsEndpoint"] = _acs!.Endpoint.ToString(),
            ["Sms__From"] = "+18005550100",
            ["Sms__QuietHours"] = "",
        };
        var app = new AppProcessTests.KilledOnDispose(AppProcessTests.Start(["--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")], environment));
        return (app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static async Task<HttpResponseMessage> PostTicketAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(TicketRequests.Valid()) };
        request.Headers.Add("x-api-key", AppFactory.Keys[Roles.Integration]);
        return await http.SendAsync(request);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        return condition();
    }
}
