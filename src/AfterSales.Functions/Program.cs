using AfterSales.Functions.Hosting;

var mode = HostingMode.From(args);
if (mode.IsFunctionsWorker)
{
    // Started by the Azure Functions host: the isolated worker, with the host's HTTP, timers and Durable extension.
    await FunctionsWorkerApp.CreateBuilder(args).Build().RunAsync();
    return;
}

// Standalone: Kestrel on localhost:7071, the timers and the durable engine in-process, Azurite started when needed.
var builder = WebApplication.CreateBuilder(args);
HostingMode.ConfigureStandaloneUrls(builder.WebHost, builder.Configuration);
builder.AddAfterSales(HostingMode.Standalone);

var app = builder.Build();
app.UseAppMiddleware();
app.MapGet("/", () => Results.Text("AfterSales is running. API: /api, OpenAPI: /openapi/v1.json, health: /api/health"))
    .AllowAnonymous()
    .ExcludeFromDescription();
app.MapAppEndpoints(app.Environment.IsDevelopment());
await app.RunAsync();

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
