using AfterSales.Application.Storage;

namespace AfterSales.Functions.Api;

public static class HealthApi
{
    /// <summary>
    /// <c>GET /api/health</c>, anonymous (for load balancers and the run command's users): 200 when
    /// storage answers, 503 with what to do when it does not.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", async (IStorageHealth health, CancellationToken ct) =>
            {
                var report = await health.CheckAsync(ct);
                var body = new HealthView(
                    report.Reachable ? "healthy" : "unhealthy",
                    new StorageHealthView(report.Reachable ? "reachable" : "unreachable", report.Emulator, report.Problem));
                return Results.Json(body, statusCode: report.Reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Health")
            .WithSummary("Whether the app can reach its storage")
            .Produces<HealthView>()
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}

public sealed record HealthView(string Status, StorageHealthView Storage);

public sealed record StorageHealthView(string Status, bool Emulator, string? Problem);
