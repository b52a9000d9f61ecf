using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AfterSales.Infrastructure.Azurite;

/// <summary>
/// An Azurite emulator running as a child process, bound to 127.0.0.1, telemetry off. The child
/// watches its standard input and exits when it closes, so it cannot outlive this process even when
/// this process is killed without a chance to stop it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Runs azurite.js inside a Node process that exits as soon as its parent's pipe closes.
    private const string Supervisor =
        "const entry=process.argv[1];" +
        "const quit=()=>process.exit(0);" +
        "process.stdin.on('end',quit);process.stdin.on('close',quit);process.stdin.on('error',quit);process.stdin.resume();" +
        "process.argv=[process.argv[0],entry,...process.argv.slice(2)];" +
        "require(entry);";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => _process.Id;

    /// <summary>Starts Azurite and waits until its Blob and Table ports accept connections.</summary>
    /// <param name="entryPoint">Path of azurite.js (see <see cref="AzuriteInstallation"/>).</param>
    /// <param name="dataFolder">Where to persist data; null keeps everything in memory.</param>
    /// <param name="extraArguments">Further Azurite options, e.g. <c>--oauth basic --cert … --key …</c>.</param>
    public static async Task<AzuriteProcess> StartAsync(
        string entryPoint, int blobPort, int queuePort, int tablePort, string? dataFolder, CancellationToken cancellationToken,
        IReadOnlyList<string>? extraArguments = null)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-e", Supervisor, entryPoint })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (service, port) in new[] { ("blob", blobPort), ("queue", queuePort), ("table", tablePort) })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add("--disableTelemetry");
        start.ArgumentList.Add("--skipApiVersionCheck");
        start.ArgumentList.Add("--silent");
        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        foreach (var argument in extraArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js 20.");
        var azurite = new AzuriteProcess(process, blobPort, queuePort, tablePort);
        process.OutputDataReceived += (_, e) => azurite.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await azurite.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>
    /// Starts Azurite on three ports nothing listens on. A free port can be taken by another process between the
    /// check and Azurite's bind (test assemblies and apps start side by side), so a start that fails with
    /// <c>EADDRINUSE</c> is tried again on new ports, up to three times.
    /// </summary>
    public static async Task<AzuriteProcess> StartOnFreePortsAsync(
        string entryPoint, string? dataFolder, CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(entryPoint, FreePort(), FreePort(), FreePort(), dataFolder, cancellationToken, extraArguments);
            }
            catch (AzuriteExitedException exited) when (attempt < 3 && exited.PortWasTaken)
            {
                // Another process bound one of the ports first: pick new ones.
            }
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A TCP port that nothing on this machine listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!(IsListening(BlobPort) && IsListening(TablePort)))
        {
            if (_process.HasExited)
            {
                // Waiting again without a timeout lets the asynchronous readers deliver the last lines (the error).
                await _process.WaitForExitAsync(cancellationToken);
                throw new AzuriteExitedException(_process.ExitCode, Output);
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Azurite did not listen on ports {BlobPort}/{TablePort} within 60 s: {Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>Azurite stopped before it listened; <see cref="Exception.Message"/> carries what it printed.</summary>
public sealed class AzuriteExitedException(int exitCode, string output)
    : InvalidOperationException($"Azurite exited with code {exitCode} before listening: {output}")
{
    /// <summary>True when it stopped because one of its ports was already taken.</summary>
    public bool PortWasTaken { get; } = output.Contains("EADDRINUSE", StringComparison.Ordinal);
}
