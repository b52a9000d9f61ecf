using Azure.Core;
using Azure.Core.Pipeline;

namespace AfterSales.Testing;

/// <summary>
/// Counts the storage requests (round trips, retries included) an operation makes, by kind: table reads, single
/// table writes, table batches and blob operations. Only requests made inside <see cref="Measure"/>'s scope —
/// the execution flow of the operation measured — are counted, so background work running meanwhile is not.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private Tally? _everything;

    /// <summary>Starts counting the requests of the calling flow (and what it awaits) until the scope is disposed.</summary>
    public Scope Measure()
    {
        var tally = new Tally();
        Current.Value = tally;
        return new Scope(tally);
    }

    /// <summary>Starts counting every request made through this policy, whichever flow makes it (background work included).</summary>
    public Scope MeasureEverything()
    {
        var tally = new Tally();
        _everything = tally;
        return new Scope(tally);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        if ((Current.Value is { Open: true } flow ? flow : _everything is { Open: true } all ? all : null) is not { } tally)
        {
            return;
        }

        var request = message.Request;
        var path = request.Uri.Path;
        var isTable = request.Headers.TryGetValue("DataServiceVersion", out _) || path.EndsWith("$batch", StringComparison.Ordinal);
        var kind = !isTable ? "blob"
            : path.EndsWith("$batch", StringComparison.Ordinal) ? "batch"
            : request.Method == RequestMethod.Get ? "read"
            : "write";
        lock (tally)
        {
            tally.Requests.Add($"{kind} {request.Method} {path}");
        }
    }

    /// <summary>What one operation sent.</summary>
    public sealed class Tally
    {
        public bool Open { get; set; } = true;

        public List<string> Requests { get; } = [];

        public int Count(string kind) => Requests.Count(r => r.StartsWith(kind + " ", StringComparison.Ordinal));

        /// <summary>"R/W/B + blob", as the architecture doc's table reads.</summary>
        public override string ToString() => $"{Count("read")}/{Count("write")}/{Count("batch")} + {Count("blob")} blob";
    }

    /// <summary>The measurement of one operation; disposing stops it.</summary>
    public sealed class Scope(Tally tally) : IDisposable
    {
        public Tally Tally { get; } = tally;

        public void Dispose() => Tally.Open = false;
    }
}
