using AfterSales.Functions.Api;
using AfterSales.Functions.Auth;
using AfterSales.Web;
using AfterSales.Web.Console;
using Scalar.AspNetCore;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// The app's HTTP surface — the API, its OpenAPI document, the customer pages and the staff console — and the
/// middleware in front of it.
/// Standalone it is the web app's own pipeline; under the Functions host the HTTP functions hand their requests to it
/// (<see cref="FunctionsHttpPipeline"/>), so both modes serve the same endpoints with the same rules.
/// </summary>
public static class AppEndpoints
{
    /// <summary>The build's (or the publish's) map of the static web assets this app serves.</summary>
    private static readonly string StaticAssetsManifest = $"{typeof(AppEndpoints).Assembly.GetName().Name}.staticwebassets.endpoints.json";

    /// <summary>Exception handling, status pages, authentication and authorization, in that order.</summary>
    public static IApplicationBuilder UseAppMiddleware(this IApplicationBuilder app)
    {
        // No answer of this app is to be read as anything but the type it declares (JSON, a page, a file).
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseConsoleForms();
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app, bool development)
    {
        app.MapHealthApi();
        app.MapTicketsApi();
        app.MapTicketCommandsApi();
        app.MapSlaPreviewApi();
        app.MapTeamApi();
        app.MapConfirmationsApi();
        app.MapSmsApi();
        app.MapAdminApi();
        app.MapFollowUpApi();
        app.MapReportsApi();
        app.MapWorkflowsApi();
        // The pages' stylesheets and script, by this app's manifest (the Functions worker's host names itself otherwise).
        app.MapStaticAssets(StaticAssetsManifest);
        app.MapWebPages();
        app.MapConsoleSignIn();
        app.MapOpenApi().AllowAnonymous();
        if (development)
        {
            app.MapScalarApiReference("/scalar").AllowAnonymous();
        }

        return app;
    }
}
