using System.Text.Json.Nodes;
using AfterSales.Application.Timers;
using AfterSales.Functions.Functions;
using AfterSales.Testing;
using Cronos;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Functions.Tests;

/// <summary>The function.json files the Functions host reads must say what the code's catalog says.</summary>
[Collection(AzuriteCollection.Name)]
public class FunctionCatalogTests(AzuriteFixture azurite)
{
    private static readonly string FunctionsFolder = Path.Combine(RepositoryRoot(), "src", "AfterSales.Functions", "functions");

    [Fact]
    public void FunctionJsonFolders_AreExactlyTheCatalog()
    {
        var folders = Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void FunctionJson_MatchesCatalog(string name)
    {
        var expected = FunctionCatalog.ToFunctionJson(FunctionCatalog.All.Single(f => f.Name == name));
        var path = Path.Combine(FunctionsFolder, name, "function.json");
        var actual = JsonNode.Parse(File.ReadAllText(path));

        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"{path} differs from FunctionCatalog. Expected:\n{expected.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })}");
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
    public void HostJson_ConfiguresTheCustomHandler()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")))!;

        Assert.Equal("2.0", host["version"]!.ToString());
        Assert.Equal(string.Empty, host["extensions"]!["http"]!["routePrefix"]!.ToString());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("AfterSales.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.ToString());
    }

    [Fact]
    public void BuildOutput_IsAFunctionAppFolder()
    {
        // The same items are copied on publish (CopyToPublishDirectory); .ci/run checks a real publish.
        var output = AppContext.BaseDirectory;
        Assert.True(File.Exists(Path.Combine(output, "host.json")));
        foreach (var function in FunctionCatalog.All)
        {
            Assert.True(File.Exists(Path.Combine(output, function.Name, "function.json")), $"{function.Name}/function.json missing in {output}");
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AfterSales.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Repository root (AfterSales.Functions.sln) not found above the test output.");
    }
}
