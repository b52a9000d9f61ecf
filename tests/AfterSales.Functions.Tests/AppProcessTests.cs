using System.Diagnostics;
using System.Net;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;

namespace AfterSales.Functions.Tests;

/// <summary>The built executable as a real process, standalone (the Functions host cannot run on these machines).</summary>
[Collection(ProcessCollection.Name)]
public class AppProcessTests
{
    [Fact]
    public async Task Standalone_HonoursUrls_StartsAzurite_AndAzuriteDiesWithTheApp()
    {
        var (blob, queue, table) = (AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
        var appPort = AzuriteProcess.FreePort();
        var data = Directory.CreateTempSubdirectory("aftersales-azurite-");
        using var handle = new KilledOnDispose(Start(["--urls", $"http://127.0.0.1:{appPort}"], new()
        {
            ["AzureWebJobsStorage"] = StorageConnection.ForEmulator(blob, queue, table),
            ["Azurite__AutoStart"] = "true",
            ["Azurite__DataFolder"] = data.FullName,
        }));
        var app = handle.Process;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}") };

        try
        {
            await WaitForAsync(http, "/api/health", app);
            Assert.True(AzuriteProcess.IsListening(table));
            Assert.NotEmpty(data.EnumerateFileSystemInfos());

            // A hard kill gives the app no chance to stop Azurite: the emulator must notice on its own.
            app.Kill();
            await app.WaitForExitAsync();
            var stopped = Stopwatch.StartNew();
            while (AzuriteProcess.IsListening(blob) && stopped.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(100);
            }

            Assert.False(AzuriteProcess.IsListening(blob), "Azurite outlived the app that started it.");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheReadmeRunCommand_StartsTheAppItselfFromItsProjectFolder_NotTheFunctionsCoreTools()
    {
        // `dotnet run` runs what ComputeRunArguments says. The Worker SDK would make it `func start`, which fails where the
        // Core Tools are not installed; the app must start itself, from its project folder (its appsettings).
        var project = Path.Combine(FunctionCatalogTests.RepositoryRoot(), "src", "AfterSales.Functions");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "msbuild", project, "-nologo", "-t:ComputeRunArguments", "-getProperty:RunCommand", "-getProperty:RunWorkingDirectory" })
        {
            start.ArgumentList.Add(arg);
        }

        using var msbuild = Process.Start(start)!;
        var output = await msbuild.StandardOutput.ReadToEndAsync();
        await msbuild.WaitForExitAsync();

        Assert.True(msbuild.ExitCode == 0, output);
        var properties = System.Text.Json.Nodes.JsonNode.Parse(output)!["Properties"]!;
        Assert.Equal("AfterSales.Functions", Path.GetFileName(properties["RunCommand"]!.ToString()));
        Assert.Equal(project, properties["RunWorkingDirectory"]!.ToString().TrimEnd(Path.DirectorySeparatorChar));
    }

    internal sealed class KilledOnDispose(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    internal static Process Start(string[] args, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(FunctionCatalogTests.FunctionsOutput(), "AfterSales.Functions.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__NamePrefix"] = "proc" + Guid.NewGuid().ToString("N")[..8];
        start.Environment["Timers__RunInProcess"] = "false";
        start.Environment["CustomerLinks__SigningKey"] = AppFactory.LinkKey;
        var i = 0;
        foreach (var (role, key) in AppFactory.Keys)
        {
            start.Environment[$"Auth__ApiKeys__{i}__Name"] = role;
            start.Environment[$"Auth__ApiKeys__{i}__Key"] = key;
            start.Environment[$"Auth__ApiKeys__{i}__Role"] = role;
            i++;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForAsync(HttpClient http, string path, Process app) =>
        await WaitForAnswerAsync(http, path, app, status => status == HttpStatusCode.OK);

    /// <summary>Polls <paramref name="path"/> until its answer satisfies <paramref name="wanted"/> (default: any answer) and returns it.</summary>
    internal static async Task<HttpResponseMessage> WaitForAnswerAsync(HttpClient http, string path, Process app, Func<HttpStatusCode, bool>? wanted = null)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(app.HasExited, $"The app exited with code {(app.HasExited ? app.ExitCode : 0)}.");
            try
            {
                var answer = await http.GetAsync(path);
                if (wanted is null || wanted(answer.StatusCode))
                {
                    return answer;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} did not give the expected answer within 60 s.");
    }
}
