using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// The app as the isolated worker of an Azure Functions host: the worker's ASP.NET Core integration for the HTTP
/// functions, Application Insights through the worker's package (the app's own logs and traces go to Azure Monitor
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set), and the same services as standalone — except that the
/// host runs the timers and the durable engine.
/// </summary>
public static class FunctionsWorkerApp
{
    /// <param name="configure">Extra configuration sources, after the worker's own (tests).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddApplicationInsightsTelemetryWorkerService();
        builder.Services.ConfigureFunctionsApplicationInsights();
        builder.AddAfterSales(HostingMode.FunctionsWorker);
        builder.Services.AddSingleton<FunctionsHttpPipeline>();
        return builder;
    }
}
