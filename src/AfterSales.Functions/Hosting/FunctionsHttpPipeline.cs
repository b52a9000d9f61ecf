namespace AfterSales.Functions.Hosting;

/// <summary>
/// Under the Functions host: the app's own middleware and endpoints (<see cref="AppEndpoints"/>) as one request
/// delegate, built once from the worker's services. The host's ASP.NET Core integration has already routed the request
/// to an HTTP function, so the function's endpoint is taken off the request before the app routes it again.
/// </summary>
public sealed class FunctionsHttpPipeline(IServiceProvider services, IHostEnvironment environment)
{
    /// <summary>A build's map of where its static web assets are (a publish has them in <c>wwwroot/</c> instead).</summary>
    private static readonly string RuntimeManifest =
        Path.Combine(AppContext.BaseDirectory, $"{typeof(FunctionsHttpPipeline).Assembly.GetName().Name}.staticwebassets.runtime.json");

    private readonly Lazy<RequestDelegate> _pipeline = new(() =>
    {
        // Run from a build, not a publish (a local host, tests): the pages' stylesheets are found in their projects'
        // wwwroot through the build's manifest, as `dotnet run` finds them.
        if (services.GetService<IWebHostEnvironment>() is { } web && File.Exists(RuntimeManifest))
        {
            var manifest = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [WebHostDefaults.StaticWebAssetsKey] = RuntimeManifest })
                .Build();
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(web, manifest);
        }

        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseAppMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapAppEndpoints(environment.IsDevelopment()));
        app.Run(context =>
        {
            // Routing found no endpoint: the app's own 404, as standalone.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app.Build();
    });

    public Task InvokeAsync(HttpContext context)
    {
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipeline.Value(context);
    }
}
