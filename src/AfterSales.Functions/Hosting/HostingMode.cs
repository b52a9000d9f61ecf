namespace AfterSales.Functions.Hosting;

/// <summary>
/// How the executable runs: standalone (Kestrel on its own, timers in-process, the durable engine in-process, the local
/// emulator started on demand), or as the isolated worker of an Azure Functions host, which owns the HTTP port, the
/// triggers and the durable engine, and starts the worker with the address of its gRPC endpoint.
/// </summary>
public sealed record HostingMode(bool IsFunctionsWorker)
{
    public const string DefaultStandaloneUrl = "http://localhost:7071";

    public static readonly HostingMode Standalone = new(false);

    public static readonly HostingMode FunctionsWorker = new(true);

    /// <summary>
    /// The arguments the Functions host starts its workers with: <c>--functions-uri</c> (its gRPC endpoint) and
    /// <c>--functions-worker-id</c>, or the older <c>--host</c>/<c>--port</c>/<c>--workerId</c>.
    /// </summary>
    private static readonly string[] HostArguments = ["--functions-uri", "--functions-worker-id", "--workerId"];

    public static HostingMode From(IReadOnlyList<string> args) =>
        args.Any(a => HostArguments.Any(h => a.Equals(h, StringComparison.OrdinalIgnoreCase) || a.StartsWith(h + "=", StringComparison.OrdinalIgnoreCase)))
            ? FunctionsWorker
            : Standalone;

    /// <summary>Standalone: --urls / ASPNETCORE_URLS, else localhost:7071.</summary>
    public static void ConfigureStandaloneUrls(IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            webHost.UseUrls(DefaultStandaloneUrl);
        }
    }
}
