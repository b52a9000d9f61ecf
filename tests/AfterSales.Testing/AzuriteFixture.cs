using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using Xunit;

namespace AfterSales.Testing;

/// <summary>
/// A real Azurite, in memory, on free ports, shared by every test of a test assembly (test classes run in parallel,
/// each with this fixture). Tests isolate themselves with a fresh table/container name prefix (<see cref="NewPrefix"/>)
/// instead of restarting the emulator. The emulator lives as long as the test process: it quits when its standard
/// input closes, which the process's exit does.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static AzuriteProcess? _shared;
    private static int _prefixes;

    public string ConnectionString { get; private set; } = string.Empty;

    public AzuriteProcess Process => _shared ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory)
                    ?? throw new InvalidOperationException("Tests must run inside the repository (package.json with azurite not found).");
                var entry = await AzuriteInstallation.EnsureInstalledAsync(root, _ => { }, CancellationToken.None);
                _shared = await AzuriteProcess.StartOnFreePortsAsync(entry, dataFolder: null, CancellationToken.None);
            }
        }
        finally
        {
            Starting.Release();
        }

        ConnectionString = StorageConnection.ForEmulator(_shared.BlobPort, _shared.QueuePort, _shared.TablePort);
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

    /// <summary>Nothing: other test classes may still be using the shared emulator.</summary>
    public Task DisposeAsync() => Task.CompletedTask;
}
