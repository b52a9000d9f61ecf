using System.Diagnostics;

namespace AfterSales.Infrastructure.Azurite;

/// <summary>
/// Finds the Azurite that the repository pins in package.json (installed with npm into node_modules),
/// installing it with <c>npm ci</c> on first use. The search walks up from the given folders to the
/// folder whose package.json names azurite.
/// </summary>
public static class AzuriteInstallation
{
    private const string EntryPoint = "node_modules/azurite/dist/src/azurite.js";

    /// <summary>The folder holding package.json, or null when the app runs outside a checkout.</summary>
    public static string? FindRoot(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var manifest = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The path of azurite.js under <paramref name="root"/>, running <c>npm ci</c> first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(string root, Action<string> progress, CancellationToken cancellationToken)
    {
        var entry = Path.Combine(root, EntryPoint);
        if (File.Exists(entry))
        {
            return entry;
        }

        // Several test assemblies may start at once on a fresh clone: one installs, the others wait.
        // The lock lives outside node_modules, which npm ci deletes and recreates.
        var lockName = $"aftersales-npm-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..16]}.lock";
        await using var gate = await LockAsync(Path.Combine(Path.GetTempPath(), lockName), cancellationToken);
        if (File.Exists(entry))
        {
            return entry;
        }

        progress("Installing the local storage emulator (npm ci, Azurite 3.35.0)...");
        var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started; install Node.js 20 with npm.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(entry))
        {
            throw new InvalidOperationException($"'npm ci' in {root} failed (exit {process.ExitCode}): {await stderr}");
        }

        return entry;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
