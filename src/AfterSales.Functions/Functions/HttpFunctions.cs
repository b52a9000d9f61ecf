using AfterSales.Functions.Catalog;
using AfterSales.Functions.Hosting;
using AfterSales.Infrastructure.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AfterSales.Functions.Functions;

/// <summary>
/// The HTTP functions: each takes the host's request (ASP.NET Core integration: the real <see cref="HttpContext"/>)
/// and answers it with the app's own pipeline, so every route, rule and ProblemDetails is the same as standalone. The
/// route prefix in host.json is empty; the routes are <see cref="FunctionCatalog.Routes"/>.
/// </summary>
public sealed class HttpFunctions(FunctionsHttpPipeline pipeline, DurableClientSlot durable)
{
    [Function(FunctionCatalog.Http.Api)]
    public IResult ServeApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = FunctionCatalog.Routes.Api)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => Serve(client);

    [Function(FunctionCatalog.Http.OpenApi)]
    public IResult ServeOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = FunctionCatalog.Routes.OpenApi)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => Serve(client);

    [Function(FunctionCatalog.Http.CustomerPages)]
    public IResult ServeCustomerPages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "head", Route = FunctionCatalog.Routes.CustomerPages)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => Serve(client);

    [Function(FunctionCatalog.Http.Console)]
    public IResult ServeConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "head", Route = FunctionCatalog.Routes.Console)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => Serve(client);

    [Function(FunctionCatalog.Http.StaticAssets)]
    public IResult ServeStaticAssets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = FunctionCatalog.Routes.StaticAssets)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => Serve(client);

    /// <summary>The answer: the host's integration executes it on the request's <see cref="HttpContext"/>.</summary>
    private PipelineResult Serve(DurableTaskClient client)
    {
        durable.Use(client);
        return new PipelineResult(pipeline);
    }

    private sealed class PipelineResult(FunctionsHttpPipeline pipeline) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => pipeline.InvokeAsync(httpContext);
    }
}
