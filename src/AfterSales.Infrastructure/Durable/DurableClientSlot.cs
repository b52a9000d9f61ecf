using Microsoft.DurableTask.Client;

namespace AfterSales.Infrastructure.Durable;

/// <summary>
/// Under the Functions host the durable engine is the host's Durable extension, reached through the client that each
/// function invocation is given (its <c>[DurableClient]</c> binding) — the worker has no other way to get one. Every
/// function the app runs hands its client here before it does anything, so work that follows an invocation (the
/// workflow relay after a stored change) uses the same client. The extension keeps one client per task hub and
/// connection, so it is the same object every time.
/// </summary>
public sealed class DurableClientSlot
{
    private DurableTaskClient? _client;

    public void Use(DurableTaskClient client) => Volatile.Write(ref _client, client);

    public DurableTaskClient Client => Volatile.Read(ref _client)
        ?? throw new InvalidOperationException("No durable client yet: the Functions host gives one to each function invocation, and none has run in this worker.");
}
