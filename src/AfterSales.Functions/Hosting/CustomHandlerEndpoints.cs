using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Application.Timers;
using AfterSales.Functions.Functions;
using AfterSales.Functions.Timers;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// The Azure Functions custom-handler contract for non-HTTP triggers: the host POSTs
/// <c>{"Data":{...},"Metadata":{...}}</c> to <c>/{FunctionName}</c> and expects
/// <c>{"Outputs":{},"Logs":[],"ReturnValue":null}</c>; any non-2xx answer is a failed invocation.
/// These routes are mapped only in custom-handler mode, and are unreachable from outside because the
/// host forwards only the routes of the HTTP functions (api/…, openapi/…).
/// </summary>
public static partial class CustomHandlerEndpoints
{
    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder app)
    {
        foreach (var timer in FunctionCatalog.Timers)
        {
            app.MapPost($"/{timer.Name}", (HttpRequest request, TimerRunner runner, ILoggerFactory loggers, CancellationToken ct) =>
                    InvokeAsync(timer.Name, request, runner, loggers.CreateLogger(typeof(CustomHandlerEndpoints)), ct))
                .ExcludeFromDescription()
                .AllowAnonymous();
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(string name, HttpRequest request, TimerRunner runner, ILogger logger, CancellationToken ct)
    {
        InvocationRequest? invocation;
        try
        {
            invocation = await JsonSerializer.DeserializeAsync<InvocationRequest>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Results.Json(new InvocationResponse([$"Invocation body is not JSON: {e.Message}"]), statusCode: StatusCodes.Status400BadRequest);
        }

        LogInvoked(logger, name, invocation?.Metadata?.GetValueOrDefault("sys").ToString() ?? "{}");
        try
        {
            var result = await runner.RunAsync(name, TimerTrigger.Host, ct);
            return Results.Json(new InvocationResponse(result.Logs));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, e, name);
            return Results.Json(new InvocationResponse([$"{name} failed: {e.GetType().Name}: {e.Message}"]), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private sealed record InvocationRequest(
        [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
        [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

    private sealed record InvocationResponse(
        [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs)
    {
        [JsonPropertyName("Outputs")]
        public Dictionary<string, object?> Outputs { get; } = [];

        [JsonPropertyName("ReturnValue")]
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public object? ReturnValue => null;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Functions host invoked {Function} (sys metadata {Sys})")]
    private static partial void LogInvoked(ILogger logger, string function, string sys);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Timer invocation {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
