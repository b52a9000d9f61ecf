using Azure.Core;
using Azure.Identity;
using AfterSales.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

/// <summary>The Functions convention for identity-based storage connections, read the way the host reads it.</summary>
public class StorageIdentityTests
{
    [Theory]
    [InlineData("account name alone: the public endpoints", "accountName=contosoaftersales",
        "https://contosoaftersales.blob.core.windows.net/", "https://contosoaftersales.queue.core.windows.net/", "https://contosoaftersales.table.core.windows.net/", false, null)]
    [InlineData("managed identity, system-assigned", "accountName=contosoaftersales;credential=managedidentity",
        "https://contosoaftersales.blob.core.windows.net/", "https://contosoaftersales.queue.core.windows.net/", "https://contosoaftersales.table.core.windows.net/", true, null)]
    [InlineData("managed identity, user-assigned", "accountName=contoso01;credential=managedidentity;clientId=6f1e2b1c-0000-4000-8000-000000000001",
        "https://contoso01.blob.core.windows.net/", "https://contoso01.queue.core.windows.net/", "https://contoso01.table.core.windows.net/", true, "6f1e2b1c-0000-4000-8000-000000000001")]
    [InlineData("service URIs (sovereign cloud) win over the account name", "accountName=contoso01;blobServiceUri=https://contoso01.blob.core.chinacloudapi.cn;queueServiceUri=https://contoso01.queue.core.chinacloudapi.cn;tableServiceUri=https://contoso01.table.core.chinacloudapi.cn",
        "https://contoso01.blob.core.chinacloudapi.cn/", "https://contoso01.queue.core.chinacloudapi.cn/", "https://contoso01.table.core.chinacloudapi.cn/", false, null)]
    [InlineData("service URIs alone", "blobServiceUri=https://127.0.0.1:10000/devstoreaccount1;queueServiceUri=https://127.0.0.1:10001/devstoreaccount1;tableServiceUri=https://127.0.0.1:10002/devstoreaccount1;credential=ManagedIdentity",
        "https://127.0.0.1:10000/devstoreaccount1", "https://127.0.0.1:10001/devstoreaccount1", "https://127.0.0.1:10002/devstoreaccount1", true, null)]
    public void From_ReadsTheFunctionsConvention(string what, string settings, string blob, string queue, string table, bool managedIdentityOnly, string? clientId)
    {
        var identity = StorageIdentity.From(Section(settings));

        Assert.NotNull(identity);
        var actual = (identity.BlobServiceUri.ToString(), identity.QueueServiceUri.ToString(), identity.TableServiceUri.ToString(), identity.ManagedIdentityOnly, identity.ClientId);
        Assert.True(actual == (blob, queue, table, managedIdentityOnly, clientId), $"{what}: read {actual}");
    }

    [Theory]
    [InlineData("credential without an account", "credential=managedidentity", "__accountName")]
    [InlineData("an account name with capitals", "accountName=Contoso", "is not a storage account name")]
    [InlineData("an account name too short", "accountName=ab", "is not a storage account name")]
    [InlineData("a blob URI without a table URI", "blobServiceUri=https://a.blob.core.windows.net", "__tableServiceUri")]
    [InlineData("blob and table URIs without a queue URI (the task hub's)", "blobServiceUri=https://a.blob.core.windows.net;tableServiceUri=https://a.table.core.windows.net", "__queueServiceUri")]
    [InlineData("tokens over plain HTTP", "blobServiceUri=http://127.0.0.1:10000/x;queueServiceUri=https://127.0.0.1:10001/x;tableServiceUri=https://127.0.0.1:10002/x", "https://")]
    [InlineData("a relative URI", "accountName=contoso01;tableServiceUri=contoso01.table", "https://")]
    [InlineData("an unknown credential kind", "accountName=contoso01;credential=password", "'password' is not supported")]
    public void From_HalfWrittenSettings_NameWhatIsWrong(string what, string settings, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageIdentity.From(Section(settings)));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NoIdentityKeys_IsAConnectionString()
    {
        Assert.Null(StorageIdentity.From(Section("")));
    }

    [Theory]
    [InlineData(true, null, typeof(ManagedIdentityCredential))]
    [InlineData(true, "6f1e2b1c-0000-4000-8000-000000000001", typeof(ManagedIdentityCredential))]
    [InlineData(false, null, typeof(DefaultAzureCredential))]
    public void CreateCredential_ManagedIdentityWhenSaidSo_ElseTheDeveloperChain(bool managedIdentityOnly, string? clientId, Type expected)
    {
        var identity = new StorageIdentity(new Uri("https://a.blob.core.windows.net"), new Uri("https://a.queue.core.windows.net"), new Uri("https://a.table.core.windows.net"), managedIdentityOnly, clientId);

        Assert.IsType(expected, identity.CreateCredential());
    }

    [Fact]
    public void Settings_EnvironmentIdentityKeys_WinOverTheEmulatorConnectionStringOfAppSettings()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "contosoaftersales",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });
        builder.AddInfrastructure(startLocalEmulator: true);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clients = host.Services.GetRequiredService<StorageClients>();

        Assert.False(options.IsLocalEmulator);
        Assert.Equal(new Uri("https://contosoaftersales.table.core.windows.net/"), clients.TableService.Uri);
        Assert.Equal(new Uri("https://contosoaftersales.blob.core.windows.net/"), clients.BlobService.Uri);
        Assert.IsType<ManagedIdentityCredential>(host.Services.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public void Settings_ConnectionString_StaysAConnectionString()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.AddInfrastructure(startLocalEmulator: false);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Null(options.Identity);
        Assert.True(options.IsLocalEmulator);
    }

    [Fact]
    public void Names_EveryTableAndContainerPropertyIsListed()
    {
        var options = new StorageOptions { NamePrefix = "Px" };
        string[] Named(string suffix) => typeof(StorageOptions).GetProperties()
            .Where(p => p.Name.EndsWith(suffix, StringComparison.Ordinal) && p.PropertyType == typeof(string))
            .Select(p => (string)p.GetValue(options)!).Order().ToArray();

        Assert.Equal(Named("Table"), options.Tables.Order().ToArray());
        Assert.Equal(Named("Container"), options.Containers.Order().ToArray());
    }

    private static IConfigurationSection Section(string settings)
    {
        var values = settings.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => $"AzureWebJobsStorage:{kv[0]}", kv => (string?)kv[1]);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("AzureWebJobsStorage");
    }
}
