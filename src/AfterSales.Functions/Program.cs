using AfterSales.Application;
using AfterSales.Functions.Api;
using AfterSales.Functions.Auth;
using AfterSales.Functions.Hosting;
using AfterSales.Functions.Pages;
using AfterSales.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var mode = HostingMode.From(builder.Configuration);
mode.ConfigureUrls(builder.WebHost, builder.Configuration);

// Storage first: in standalone mode it may start the local emulator, which everything else needs.
builder.AddInfrastructure(startLocalEmulator: !mode.IsCustomHandler);
builder.AddApplication();
builder.AddFunctionsHost(mode);
builder.AddStaffAuthentication();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

// The Functions host probes GET / until it answers before it forwards anything.
app.MapGet("/", () => Results.Text("AfterSales is running. API: /api, OpenAPI: /openapi/v1.json, health: /api/health"))
    .AllowAnonymous()
    .ExcludeFromDescription();
if (mode.IsCustomHandler)
{
    app.MapCustomHandler();
}

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
app.MapCustomerPages();
app.MapOpenApi().AllowAnonymous();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/scalar").AllowAnonymous();
}

app.Run();

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
