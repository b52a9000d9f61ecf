namespace AfterSales.Infrastructure.Storage;

/// <summary>Reads the facts the app needs from a storage connection string.</summary>
public static class StorageConnection
{
    public const string DevelopmentAccount = "devstoreaccount1";

    /// <summary>Azurite's published development key (not a secret).</summary>
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>True when the connection string points at a storage emulator on this machine.</summary>
    public static bool IsLocalEmulator(string connectionString)
    {
        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var endpoints = Endpoints(connectionString);
        return endpoints.Count > 0 && endpoints.Values.All(u => u.IsLoopback);
    }

    /// <summary>The loopback ports of the Blob, Queue and Table services of an emulator connection.</summary>
    public static (int Blob, int Queue, int Table) EmulatorPorts(string connectionString)
    {
        var endpoints = Endpoints(connectionString);
        return (
            endpoints.TryGetValue("BlobEndpoint", out var b) ? b.Port : 10000,
            endpoints.TryGetValue("QueueEndpoint", out var q) ? q.Port : 10001,
            endpoints.TryGetValue("TableEndpoint", out var t) ? t.Port : 10002);
    }

    /// <summary>A connection string for an Azurite instance listening on the given loopback ports.</summary>
    public static string ForEmulator(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccount};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccount};";

    private static Dictionary<string, Uri> Endpoints(string connectionString)
    {
        var result = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(part[(eq + 1)..], UriKind.Absolute, out var uri))
            {
                result[part[..eq]] = uri;
            }
        }

        return result;
    }
}
