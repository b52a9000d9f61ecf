using AfterSales.Functions.Catalog;
using System.Text.Json.Nodes;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Durable;
using AfterSales.Testing;
using Cronos;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generates from the <c>[Function]</c> methods — what the Functions host
/// reads — must say what the catalog says, and the catalog must be what the app runs.
/// </summary>
public class FunctionCatalogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsOutput(), "functions.metadata")))!.AsArray());

    [Fact]
    public void FunctionsMetadata_NamesExactlyTheCatalog()
    {
        var generated = Metadata.Value.Select(f => f!["name"]!.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), generated);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void FunctionsMetadata_MatchesTheCatalog(string name)
    {
        var expected = FunctionCatalog.All.Single(f => f.Name == name);
        var function = Metadata.Value.Single(f => f!["name"]!.ToString() == name)!;
        var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var trigger = bindings.Single(b => b["type"]!.ToString().EndsWith("Trigger", StringComparison.Ordinal));

        Assert.Equal("dotnet-isolated", function["language"]!.ToString());
        Assert.Equal("AfterSales.Functions.dll", function["scriptFile"]!.ToString());
        Assert.Equal(expected.Trigger, trigger["type"]!.ToString());
        switch (expected)
        {
            case HttpFunctionDefinition http:
                Assert.Equal(http.Route, trigger["route"]!.ToString());
                Assert.Equal("Anonymous", trigger["authLevel"]!.ToString()); // the app authenticates (API keys, Entra ID)
                Assert.Contains(bindings, b => b["type"]!.ToString() == "http" && b["direction"]!.ToString() == "Out");
                break;
            case TimerFunctionDefinition timer:
                Assert.Equal(timer.Schedule, trigger["schedule"]!.ToString());
                break;
        }

        // Everything but the orchestrator may change tickets, and a change is told to the ticket's orchestration
        // through the invocation's durable client; an orchestrator must not do I/O.
        var durableClients = bindings.Count(b => b["type"]!.ToString() == "durableClient");
        Assert.Equal(expected is OrchestratorFunctionDefinition ? 0 : 1, durableClients);
    }

    public static TheoryData<string> Functions() => new(FunctionCatalog.All.Select(f => f.Name));

    [Fact]
    public void TimerSchedules_AreSixFieldNcrontab()
    {
        Assert.NotEmpty(FunctionCatalog.Timers);
        foreach (var timer in FunctionCatalog.Timers)
        {
            Assert.Equal(6, timer.Schedule.Split(' ').Length);
            CronExpression.Parse(timer.Schedule, CronFormat.IncludeSeconds);
        }
    }

    [Fact]
    public void EveryCatalogTimer_HasAnImplementation_AndEveryImplementationIsInTheCatalog()
    {
        using var app = new AppFactory(azurite);
        var implemented = app.Services.GetServices<ITimerFunction>().Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(FunctionCatalog.Timers.Select(t => t.Name).Order(StringComparer.Ordinal), implemented);
    }

    [Fact]
    public void TheOrchestratorsAndActivities_AreThoseTheStandaloneEngineRuns()
    {
        using var app = new AppFactory(azurite);

        Assert.Equal(
            FunctionCatalog.All.OfType<OrchestratorFunctionDefinition>().Select(f => f.Name).Order(StringComparer.Ordinal),
            app.Services.GetServices<OrchestratorRegistration>().Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            FunctionCatalog.All.OfType<ActivityFunctionDefinition>().Select(f => f.Name).Order(StringComparer.Ordinal),
            app.Services.GetServices<ActivityRegistration>().Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HostJson_IsAnIsolatedWorkerApp_WithTheStandaloneEnginesTaskHubSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")))!;
        var durable = host["extensions"]!["durableTask"]!;
        var standalone = new DurableOptions();

        Assert.Equal("2.0", host["version"]!.ToString());
        Assert.Null(host["customHandler"]);
        Assert.Null(host["extensionBundle"]); // an isolated worker brings its extensions (.azurefunctions)
        Assert.Equal(string.Empty, host["extensions"]!["http"]!["routePrefix"]!.ToString());
        Assert.Equal(standalone.TaskHub, durable["hubName"]!.ToString());
        Assert.Equal(standalone.Partitions, durable["storageProvider"]!["partitionCount"]!.GetValue<int>());
        Assert.Equal(standalone.MaxPollingInterval, TimeSpan.Parse(durable["storageProvider"]!["maxQueuePollingInterval"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(standalone.VisibilityTimeout, TimeSpan.Parse(durable["storageProvider"]!["controlQueueVisibilityTimeout"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(standalone.VisibilityTimeout, TimeSpan.Parse(durable["storageProvider"]!["workItemQueueVisibilityTimeout"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void BuildOutput_IsAnIsolatedWorkerFunctionApp()
    {
        // The publish output has the same files; .ci/run checks a real release package.
        var output = FunctionsOutput();
        foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "AfterSales.Functions.dll" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing in {output}");
        }

        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", worker["language"]!.ToString());
        Assert.Equal("AfterSales.Functions.dll", worker["defaultWorkerPath"]!.ToString());
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "extensions.json")))!["extensions"]!.AsArray();
        Assert.Contains(extensions, e => e!["name"]!.ToString() == "DurableTask");
        foreach (var extension in extensions)
        {
            var hint = extension!["hintPath"]!.ToString();
            Assert.True(File.Exists(Path.Combine(output, hint)), $"{hint} (the host-side extension) missing in {output}");
        }
    }

    /// <summary>The Functions project's build output of the same configuration as the tests.</summary>
    internal static string FunctionsOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name; // bin/{Configuration}/net10.0
        return Path.Combine(RepositoryRoot(), "src", "AfterSales.Functions", "bin", configuration, testOutput.Name);
    }

    internal static string RepositoryRoot() => GeneratedDocs.RepositoryRoot();
}
