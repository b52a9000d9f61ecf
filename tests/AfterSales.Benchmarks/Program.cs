using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;

// Intake benchmark: N tickets over HTTP to the running app with C concurrent clients; the time until every one of
// their lifecycle orchestrations is running and parked at its first wait; then, against the same storage, the raw
// single-entity insert rate of the Tables SDK with the same concurrency.
// Usage: dotnet run -c Release --project tests/AfterSales.Benchmarks -- [--url U] [--key K] [--manager-key M]
//        [--tickets N] [--concurrency C] [--storage CONNECTION] [--no-idempotency-key]
// With --console-pages: registers N more tickets, then times the staff console's pages as the development manager
// (sequential requests after a warm-up; the app must run in Development). With --console-pages --stored: writes the N
// tickets straight into the app's storage with the product's own store (no orchestrations start for them, so the
// emulator is idle while the pages are timed), in a mix a service centre's table has — most ended, some in
// engineers' hands, some waiting in queues — then times the pages.
var options = Options.Parse(args);
Console.WriteLine($"AfterSales intake benchmark: {options.Tickets} tickets, {options.Concurrency} clients, app {options.Url}");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = new Uri(options.Url) };
http.DefaultRequestHeaders.Add("x-api-key", options.Key);
var health = await http.GetAsync("/api/health");
if (health.StatusCode != HttpStatusCode.OK)
{
    Console.Error.WriteLine($"The app at {options.Url} is not healthy ({(int)health.StatusCode}); start it with the README run command.");
    return 1;
}

var run = Guid.NewGuid().ToString("N")[..8];
if (options.ConsolePages)
{
    var added = new System.Collections.Concurrent.ConcurrentBag<string>();
    if (options.Stored)
    {
        Console.WriteLine((await StoredTickets.SeedAsync(options.Storage, options.Tickets, options.Concurrency, added)).Describe("tickets stored directly (tickets/s)"));
    }
    else
    {
        Console.WriteLine((await Measure.RunAsync(options.Tickets, options.Concurrency, i => PostAsync($"{run}-{i}", added))).Describe("tickets registered (tickets/s)"));
    }

    await ConsolePages.MeasureAsync(options.Url, added.First());
    return 0;
}

var tickets = new System.Collections.Concurrent.ConcurrentBag<string>();
Stopwatch? started = null;
await Measure.RunAsync(Math.Min(50, options.Tickets), options.Concurrency, i => PostAsync($"warm-{run}-{i}", null));
await ParkedAsync(new HashSet<string>(), TimeSpan.FromMinutes(5)); // the warm-up's orchestrations first
started = Stopwatch.StartNew();
var intake = await Measure.RunAsync(options.Tickets, options.Concurrency, i => PostAsync($"{run}-{i}", tickets));
Console.WriteLine(intake.Describe("intake over HTTP (tickets/s)"));
var parked = await ParkedAsync(tickets.ToHashSet(StringComparer.Ordinal), TimeSpan.FromMinutes(30));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"orchestrations started and parked at their first wait: {options.Tickets / parked.TotalSeconds:F0}/s ({options.Tickets} in {parked.TotalSeconds:F1} s from the first intake; the last {(parked - intake.Elapsed).TotalSeconds:F1} s after the last intake answered)"));

var table = new TableClient(options.Storage, $"Bench{run}");
await table.CreateIfNotExistsAsync();
try
{
    var payload = new string('x', 1200); // about the size of a stored ticket snapshot
    await Measure.RunAsync(Math.Min(50, options.Tickets), options.Concurrency, i => table.AddEntityAsync(new TableEntity($"w{i}", "r") { ["Data"] = payload }));
    var raw = await Measure.RunAsync(options.Tickets, options.Concurrency, i => table.AddEntityAsync(new TableEntity($"p{i}", "r") { ["Data"] = payload }));
    Console.WriteLine(raw.Describe("raw Tables SDK single insert (entities/s)"));
    // What intake must do at least: snapshot + first event as one same-partition batch.
    var batch = await Measure.RunAsync(options.Tickets, options.Concurrency, i => table.SubmitTransactionAsync(
    [
        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"b{i}", "ticket") { ["Data"] = payload }),
        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"b{i}", "event-000001") { ["Data"] = payload[..300] }),
    ]));
    Console.WriteLine(batch.Describe("raw Tables SDK 2-entity batch (batches/s)"));
    // The floor of "one atomic batch per intake" is the batch rate: the goal is measured against it.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio intake/batch: {intake.PerSecond / batch.PerSecond:F2} (goal >= 0.50); intake/single insert: {intake.PerSecond / raw.PerSecond:F2}; batch/single insert: {batch.PerSecond / raw.PerSecond:F2}"));
}
finally
{
    await table.DeleteAsync();
}

return 0;

// Polls the operators' list (every Polling.Every) until every orchestration of the given tickets runs and says its step (all running ones
// when none are given); returns the time since the intakes started.
async Task<TimeSpan> ParkedAsync(IReadOnlySet<string> ids, TimeSpan patience)
{
    using var admin = new HttpClient { BaseAddress = new Uri(options.Url) };
    admin.DefaultRequestHeaders.Add("x-api-key", options.ManagerKey);
    var until = Stopwatch.StartNew();
    while (until.Elapsed < patience)
    {
        var seen = 0;
        var waiting = 0;
        for (var next = "/api/admin/workflows?status=running&pageSize=200"; next is not null;)
        {
            var page = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(next))!;
            foreach (var item in page["items"]!.AsArray())
            {
                var mine = ids.Count == 0 || ids.Contains(item!["ticketId"]!.ToString());
                seen += mine && item!["step"] is not null ? 1 : 0;
                waiting += mine && item!["step"] is null ? 1 : 0;
            }

            next = page["next"]?.ToString();
        }

        if (ids.Count == 0 ? waiting == 0 : seen >= ids.Count)
        {
            return started?.Elapsed ?? TimeSpan.Zero;
        }

        // Each poll lists every running orchestration, a scan of the task hub's instances table: polled often, the
        // measurement itself would slow the engine it measures (the emulator answers requests one at a time).
        await Task.Delay(Polling.Every);
    }

    throw new TimeoutException($"The orchestrations were not all parked within {patience.TotalMinutes} minutes.");
}

async Task PostAsync(string key, System.Collections.Concurrent.ConcurrentBag<string>? ids)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
    {
        Content = JsonContent.Create(new
        {
            customer = new { name = "压测", title = "mr", phone = "13812345678", address = "上海市浦东新区世纪大道100号" },
            product = new { model = "AC-3500", purchaseDate = "2025-06-01", warrantyStatus = "inWarranty" },
            channel = "web",
            type = "repair",
            tag = "硬件故障",
            description = new { symptom = $"空调无法开机 {key}", frequency = "每次" },
            urgency = "normal",
        }),
    };
    if (!options.NoIdempotencyKey)
    {
        request.Headers.Add("Idempotency-Key", key);
    }

    using var response = await http.SendAsync(request);
    if (response.StatusCode != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    ids?.Add(response.Headers.Location!.OriginalString.Split('/')[^1]);
}

internal static class Polling
{
    /// <summary>How often the benchmark asks whether the orchestrations are parked.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
}

internal sealed record Options(string Url, string Key, string ManagerKey, int Tickets, int Concurrency, string Storage, bool NoIdempotencyKey, bool ConsolePages, bool Stored)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            Value("--url", "http://localhost:7071"),
            Value("--key", "local-dev-integration-key-0001"),
            Value("--manager-key", "local-dev-manager-key-0001"),
            int.Parse(Value("--tickets", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "16"), CultureInfo.InvariantCulture),
            Value("--storage", "UseDevelopmentStorage=true"),
            args.Contains("--no-idempotency-key"),
            args.Contains("--console-pages"),
            args.Contains("--stored"));
    }
}

internal sealed record Measure(int Count, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static async Task<Measure> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var one = Stopwatch.StartNew();
                await operation(i);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        return new Measure(count, total.Elapsed, latencies);
    }

    public string Describe(string what)
    {
        var sorted = LatenciesMs.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: {PerSecond:F0}/s over {Count} in {Elapsed.TotalSeconds:F1} s; latency p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms");
    }
}

/// <summary>The staff console's pages timed one request at a time, as the development manager sees them.</summary>
internal static partial class ConsolePages
{
    public static async Task MeasureAsync(string url, string ticketId)
    {
        using var browser = await SignedInAsync(url, "local-manager");
        using var engineer = await SignedInAsync(url, "local-engineer");
        Console.WriteLine((await Measure.RunAsync(30, 1, _ => GetAsync(engineer, "/console/jobs"))).Describe("console /console/jobs as local-engineer (pages/s, one at a time)"));
        foreach (var page in new[] { "/console", "/console/tickets", "/console/tickets?status=classified", "/console/tickets?status=waitingForParts", "/console/tickets?status=cancelled", $"/console/tickets/{ticketId}", $"/console/tickets/{ticketId}/assign", "/console/dispatch", "/console/reports", "/console/admin", "/console/admin/departments/repair", "/console/followup", "/console/new" })
        {
            await Measure.RunAsync(3, 1, _ => GetAsync(browser, page));
            Console.WriteLine((await Measure.RunAsync(30, 1, _ => GetAsync(browser, page))).Describe($"console {page} (pages/s, one at a time)"));
        }
    }

    private static async Task GetAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}.");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpClient> SignedInAsync(string url, string user)
    {
        var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var signIn = await browser.GetStringAsync("/console/sign-in");
        var token = Token().Match(signIn).Groups[1].Value;
        using var session = await browser.PostAsync("/console/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["user"] = user }));
        if (session.StatusCode != HttpStatusCode.Redirect || session.Headers.Location?.OriginalString != "/console")
        {
            throw new InvalidOperationException($"The development user {user} could not sign in: run the app in Development (the README run command).");
        }

        return browser;
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Token();
}
