using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using Xunit;

namespace AfterSales.Testing;

/// <summary>
/// A real Azurite, in memory, on free ports, for one test assembly. Tests isolate themselves with a
/// fresh table/container name prefix (<see cref="NewPrefix"/>) instead of restarting the emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private int _prefixes;

    public string ConnectionString { get; private set; } = string.Empty;

    public AzuriteProcess Process => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Tests must run inside the repository (package.json with azurite not found).");
        var entry = await AzuriteInstallation.EnsureInstalledAsync(root, _ => { }, CancellationToken.None);
        _azurite = await AzuriteProcess.StartAsync(
            entry, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, CancellationToken.None);
        ConnectionString = StorageConnection.ForEmulator(_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort);
    }

    /// <summary>A table/container name prefix no other test in this run uses (letters only).</summary>
    public string NewPrefix()
    {
        var n = Interlocked.Increment(ref _prefixes);
        var letters = new char[4];
        for (var i = letters.Length - 1; i >= 0; i--)
        {
            letters[i] = (char)('a' + (n % 26));
            n /= 26;
        }

        return "t" + new string(letters);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
