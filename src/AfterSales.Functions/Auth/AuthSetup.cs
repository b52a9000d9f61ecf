using AfterSales.Application.Access;
using Microsoft.AspNetCore.Authentication;
using AfterSales.Web.Console;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AfterSales.Functions.Auth;

public static class AuthSetup
{
    private const string StaffScheme = "Staff";

    /// <summary>
    /// Staff and integrations authenticate with an API key (<c>x-api-key</c>) or, when
    /// <c>Auth:Entra:Authority</c> is set, a Microsoft Entra ID bearer token whose <c>roles</c> claim
    /// carries the app roles (agent, supervisor, …). Failures answer 401/403 as ProblemDetails. The staff console
    /// (<c>/console</c>) signs in with a cookie instead and is held to the same policies.
    /// </summary>
    public static IHostApplicationBuilder AddStaffAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.AddOptions<AuthOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var entra = section.GetSection(nameof(AuthOptions.Entra)).Get<EntraOptions>() ?? new EntraOptions();

        var authentication = builder.Services.AddAuthentication(StaffScheme)
            .AddPolicyScheme(StaffScheme, "Console cookie, API key or Entra ID", policy => policy.ForwardDefaultSelector = context =>
                ConsoleSetup.IsConsole(context.Request) ? ConsoleAuthentication.Scheme
                : !string.IsNullOrEmpty(entra.Authority)
                && !context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
                && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        if (!string.IsNullOrEmpty(entra.Authority))
        {
            authentication.AddJwtBearer(jwt =>
            {
                jwt.Authority = entra.Authority;
                jwt.Audience = entra.Audience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.RoleClaimType = "roles";
                jwt.TokenValidationParameters.NameClaimType = "preferred_username";
            });
        }

        // The console's pages sign in with a cookie; the same policies below decide what each role may open.
        builder.AddConsole(authentication, entra);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Intake, p => p.RequireAuthenticatedUser().RequireRole(Roles.Intake))
            .AddPolicy(Policies.ReadTickets, p => p.RequireAuthenticatedUser().RequireRole(Roles.ReadTickets))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff))
            .AddPolicy(Policies.SlaAdministration, p => p.RequireAuthenticatedUser().RequireRole(Roles.SlaAdministration))
            .AddPolicy(Policies.Supervision, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervision))
            .AddPolicy(Policies.Operations, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operations))
            .AddPolicy(Policies.Reports, p => p.RequireAuthenticatedUser().RequireRole(Roles.Reports))
            .AddPolicy(Policies.FollowUpCalls, p => p.RequireAuthenticatedUser().RequireRole(Roles.FollowUpCalls))
            .AddPolicy(Policies.EngineerJobs, p => p.RequireAuthenticatedUser().RequireRole(Roles.EngineerJobs));
        return builder;
    }
}
