using AfterSales.Application.Access;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The real app on the test server, against the shared Azurite with tables of its own. Only the
/// clock (when a test passes one) and the log sink are replaced. Two factories given the same
/// <c>prefix</c> share their tables: a restart of the app.
/// </summary>
public sealed class AppFactory(AzuriteFixture azurite, Action<IWebHostBuilder>? configure = null, TimeProvider? time = null, string? prefix = null)
    : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string> Keys = Roles.All.ToDictionary(r => r, r => $"test-{r}-key-0123456789");

    /// <summary>The customer-link signing key of the test app (base64).</summary>
    public const string LinkKey = "dGVzdC1jdXN0b21lci1saW5rLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";

    public string Prefix { get; } = prefix ?? azurite.NewPrefix();

    public ConcurrentQueue<string> Logs { get; } = new();

    private bool _started;

    public HttpClient ClientAs(string? role)
    {
        var client = CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", Keys[role]);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The pages' stylesheets from the libraries' wwwroot, as `dotnet run` (Development) and a published app find them.
        builder.UseStaticWebAssets();
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("Storage:NamePrefix", Prefix);
        builder.UseSetting("Azurite:AutoStart", "false");
        builder.UseSetting("Timers:RunInProcess", "false");
        builder.UseSetting("CustomerLinks:SigningKey", LinkKey);
        var i = 0;
        foreach (var (role, key) in Keys)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Name", $"test-{role}");
            builder.UseSetting($"Auth:ApiKeys:{i}:Key", key);
            builder.UseSetting($"Auth:ApiKeys:{i}:Role", role);
            i++;
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Logs)));
        _started = true;
        configure?.Invoke(builder);
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    /// <summary>The log scan of this app's whole life: it fails the test that ran it (see <see cref="LogScan"/>).</summary>
    protected override void Dispose(bool disposing)
    {
        var leaks = disposing && _started ? LogScan.Leaks(Logs, Secrets()) : [];
        base.Dispose(disposing);
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"The app logged what must never be logged:\n{string.Join("\n", leaks)}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var leaks = _started ? LogScan.Leaks(Logs, Secrets()) : [];
        _started = false;
        await base.DisposeAsync();
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"The app logged what must never be logged:\n{string.Join("\n", leaks)}");
        }
    }

    /// <summary>Every key the app was configured with: API keys, the link signing key, the event key, the ACS access key.</summary>
    private IEnumerable<string> Secrets()
    {
        IConfiguration configuration;
        try
        {
            configuration = Services.GetRequiredService<IConfiguration>();
        }
        catch (ObjectDisposedException)
        {
            return Keys.Values.Append(LinkKey);
        }

        return configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && (kv.Key.EndsWith(":Key", StringComparison.OrdinalIgnoreCase) || kv.Key.EndsWith("SigningKey", StringComparison.OrdinalIgnoreCase)
                || kv.Key.EndsWith("EventKey", StringComparison.OrdinalIgnoreCase) || kv.Key.Contains("PreviousKeys", StringComparison.OrdinalIgnoreCase)))
            .Select(kv => kv.Value!)
            .Concat(configuration.AsEnumerable().Where(kv => kv.Value?.Contains("accesskey=", StringComparison.OrdinalIgnoreCase) == true)
                .Select(kv => kv.Value![(kv.Value!.IndexOf("accesskey=", StringComparison.OrdinalIgnoreCase) + "accesskey=".Length)..].Split(';')[0]))
            .Concat(Keys.Values).Append(LinkKey);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(sink);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
