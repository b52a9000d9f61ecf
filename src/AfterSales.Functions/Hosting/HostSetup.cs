using AfterSales.Application.Composition;
using AfterSales.Functions.Catalog;
using AfterSales.Application.Views;
using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Functions.Auth;
using AfterSales.Application.Timers;
using AfterSales.Functions.Timers;
using AfterSales.Application;
using AfterSales.Infrastructure;
using AfterSales.Web;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AfterSales.Functions.Hosting;

public static class HostSetup
{
    /// <summary>
    /// Everything the app is, in either <paramref name="mode"/>: storage (standalone: the local emulator when needed, the
    /// durable engine in-process), the application, the host's own services and staff sign-in.
    /// </summary>
    public static IHostApplicationBuilder AddAfterSales(this IHostApplicationBuilder builder, HostingMode mode)
    {
        // Storage first: standalone, it may start the local emulator, which everything else needs.
        builder.AddInfrastructure(startLocalEmulator: !mode.IsFunctionsWorker, durableFromFunctionsHost: mode.IsFunctionsWorker);
        builder.AddApplication();
        builder.AddFunctionsHost(mode);
        builder.AddStaffAuthentication();
        return builder;
    }

    /// <summary>Timers, JSON, ProblemDetails and OpenAPI for the host in its <paramref name="mode"/>.</summary>
    public static IHostApplicationBuilder AddFunctionsHost(this IHostApplicationBuilder builder, HostingMode mode)
    {
        builder.Services.AddSingleton(mode);
        builder.Services.AddHostedService<StorageStartupCheck>();
        builder.Services.AddSingleton<TimerRunner>();
        builder.Services.AddSingleton(new TimerCatalog([.. FunctionCatalog.Timers.Select(t => new TimerSchedule(t.Name, t.Schedule))]));
        builder.Services.AddSingleton<TicketViews>();
        builder.Services.AddWebPages();
        // Under the Functions host its timer triggers run the timers.
        if (!mode.IsFunctionsWorker && builder.Configuration.GetValue("Timers:RunInProcess", true))
        {
            builder.Services.AddHostedService<StandaloneTimerScheduler>();
        }

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<IOptions<BusinessOptions>>((json, business) => json.SerializerOptions.Converters.Add(new BusinessTimeJsonConverter(business.Value.Zone)));
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            switch (context.ProblemDetails.Status)
            {
                case StatusCodes.Status401Unauthorized:
                    context.ProblemDetails.Detail ??= $"Sign in: send an API key in the {ApiKeyAuthenticationHandler.Header} header, or an Entra ID bearer token.";
                    break;
                case StatusCodes.Status403Forbidden:
                    context.ProblemDetails.Detail ??= "Your role may not do this. Ask a manager for a key or app role that allows it.";
                    break;
                case StatusCodes.Status404NotFound:
                    context.ProblemDetails.Detail ??= "Nothing answers at this address. Check the path; the API's operations are listed in /openapi/v1.json.";
                    break;
                case StatusCodes.Status405MethodNotAllowed:
                    context.ProblemDetails.Detail ??= $"This address does not take {context.HttpContext.Request.Method}. The methods of each operation are listed in /openapi/v1.json.";
                    break;
                case StatusCodes.Status415UnsupportedMediaType:
                    context.ProblemDetails.Detail ??= $"This operation takes a JSON body; the request was sent as '{context.HttpContext.Request.ContentType ?? "(no Content-Type)"}'. Send the header Content-Type: application/json (curl: -H 'Content-Type: application/json').";
                    break;
            }
        });
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "AfterSales API",
                Version = "v1",
                Description = "After-sales service tickets: intake, lifecycle, history. Authenticate with x-api-key or an Entra ID bearer token.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "API key of an integration or a local run (Auth:ApiKeys).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] });
            return Task.CompletedTask;
        }));
        return builder;
    }
}
