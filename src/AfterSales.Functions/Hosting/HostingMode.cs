using System.Globalization;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// How the executable runs: standalone (Kestrel on its own, timers in-process, local emulator started
/// on demand) or as an Azure Functions custom handler (the host owns the port, triggers and storage).
/// </summary>
public sealed record HostingMode(int? CustomHandlerPort)
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string DefaultStandaloneUrl = "http://localhost:7071";

    public bool IsCustomHandler => CustomHandlerPort is not null;

    public static HostingMode From(IConfiguration configuration)
    {
        var port = configuration[PortSetting];
        if (string.IsNullOrWhiteSpace(port))
        {
            return new HostingMode((int?)null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
            ? new HostingMode(value)
            : throw new InvalidOperationException($"{PortSetting} must be a TCP port number; it is '{port}'.");
    }

    /// <summary>Custom handler: the host's port. Standalone: --urls / ASPNETCORE_URLS, else localhost:7071.</summary>
    public void ConfigureUrls(IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (CustomHandlerPort is { } port)
        {
            webHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }
        else if (string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            webHost.UseUrls(DefaultStandaloneUrl);
        }
    }
}
