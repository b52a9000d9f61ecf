using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace AfterSales.Deployment.Tests;

/// <summary>
/// The Bicep compiler of the <c>Azure.Bicep.CommandLine.linux-x64</c> package, run offline. A compilation
/// is clean only when the compiler exits 0 and prints no diagnostic at all: no <c>Warning BCP…</c>, no
/// linter finding (the rules of <c>infra/bicepconfig.json</c>), no error.
/// </summary>
public static class Bicep
{
    public static string Executable { get; } = Locate();

    public static string Infra { get; } = Path.Combine(RepositoryRoot(), "infra");

    /// <summary>Compiles a .bicep (build) or .bicepparam (build-params) file to its ARM JSON.</summary>
    public static Compilation Compile(string file, IReadOnlyDictionary<string, string>? environment = null)
    {
        var verb = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var (exit, output, errors) = Run([verb, file, "--stdout"], environment);
        var diagnostics = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal)
                           || line.Contains("Warning BCP", StringComparison.Ordinal) || line.Contains("Error BCP", StringComparison.Ordinal))
            .ToList();
        if (exit != 0 && diagnostics.Count == 0)
        {
            diagnostics.Add($"bicep {verb} exited {exit}: {errors.Trim()}");
        }

        JsonNode? json = null;
        if (exit == 0 && output.Length > 0)
        {
            json = JsonNode.Parse(output);
            if (verb == "build-params" && json?["parametersJson"]?.GetValue<string>() is { } parameters)
            {
                json = JsonNode.Parse(parameters);
            }
        }

        return new Compilation(exit, diagnostics, json);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AfterSales.Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (AfterSales.Functions.sln) is not above the test output.");
    }

    private static (int Exit, string Output, string Errors) Run(string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Infra,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no version check.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }

    private static string Locate()
    {
        var configured = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(configured))
        {
            throw new InvalidOperationException("BicepPath is empty: the Azure.Bicep.CommandLine.linux-x64 package did not restore.");
        }

        var path = Path.GetFullPath(configured.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep compiler is not at {path}; restore the Azure.Bicep.CommandLine.linux-x64 package.");
        }

        // NuGet does not always keep the executable bit of files in packages. (The package is linux-x64 only.)
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep compiler package used by these tests is the linux-x64 one.");
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}

/// <summary>The result of one compilation: exit code, every diagnostic line, and the JSON on success.</summary>
public sealed record Compilation(int Exit, IReadOnlyList<string> Diagnostics, JsonNode? Json)
{
    public bool Clean => Exit == 0 && Diagnostics.Count == 0 && Json is not null;
}
