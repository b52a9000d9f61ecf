using System.Collections.Concurrent;
using AfterSales.Application.Customers;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages;

/// <summary>
/// Limits how fast links can be guessed: invalid customer links are counted per client address and for all clients
/// together, in fixed windows of <see cref="CustomerLinkOptions.InvalidLinkWindow"/> on the app's clock. A client past
/// its limit gets 429 for every link until its window ends (so a guess that happens to be right tells it nothing);
/// past the global limit, invalid links get 429 while valid ones keep working for everyone else. The counts are this
/// instance's own: with several instances the limits apply per instance.
/// </summary>
public sealed class InvalidLinkThrottle(IOptions<CustomerLinkOptions> options, TimeProvider time)
{
    private const int MaxTrackedClients = 100_000;

    private readonly ConcurrentDictionary<string, Window> _clients = new(StringComparer.Ordinal);
    private Window _global = new(DateTimeOffset.MinValue, 0);

    /// <summary>When a client past its limit may try again; null when it may try now.</summary>
    public TimeSpan? Blocked(string client)
    {
        var now = time.GetUtcNow();
        return _clients.TryGetValue(client, out var window) && window.Current(now, Length) && window.Count >= options.Value.InvalidLinksPerClient
            ? window.Start + Length - now
            : null;
    }

    /// <summary>Counts an invalid link from <paramref name="client"/>; the wait before it may try again when that went past a limit, else null.</summary>
    public TimeSpan? CountInvalid(string client)
    {
        var now = time.GetUtcNow();
        if (_clients.Count >= MaxTrackedClients)
        {
            // Old windows are worth nothing; a flood of addresses must not grow memory without bound.
            foreach (var (key, old) in _clients.Where(c => !c.Value.Current(now, Length)).ToList())
            {
                _clients.TryRemove(new KeyValuePair<string, Window>(key, old));
            }
        }

        var own = _clients.AddOrUpdate(client, _ => new Window(now, 1), (_, w) => w.Current(now, Length) ? w with { Count = w.Count + 1 } : new Window(now, 1));
        Window global;
        lock (_clients)
        {
            _global = _global.Current(now, Length) ? _global with { Count = _global.Count + 1 } : new Window(now, 1);
            global = _global;
        }

        var limits = options.Value;
        return own.Count > limits.InvalidLinksPerClient ? own.Start + Length - now
            : global.Count > limits.InvalidLinksGlobal ? global.Start + Length - now
            : null;
    }

    private TimeSpan Length => options.Value.InvalidLinkWindow;

    private sealed record Window(DateTimeOffset Start, int Count)
    {
        public bool Current(DateTimeOffset now, TimeSpan length) => now >= Start && now < Start + length;
    }
}
