using AfterSales.Application.Composition;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using AfterSales.Application.Reports;
using AfterSales.Application.Timers;
using AfterSales.Domain.Reports;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Reports;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Monthly report benchmark: a month of N generated tickets (and a month before it of M), in the report projection
// on an in-memory Azurite started here. It times a raw read of the same projection rows the report reads (the same
// partition queries, same parallelism, entities only) and the whole report run (catch-up, read, compute, render four
// formats, store), twice each, and prints the ratio of the best times (goal <= 1.5).
var tickets = Arg("--tickets", 100_000);
var previous = Arg("--previous", 100_000);
var writers = Arg("--writers", 16);

var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run from inside the repository.");
var entry = await AzuriteInstallation.EnsureInstalledAsync(root, Console.WriteLine, CancellationToken.None);
await using var azurite = await AzuriteProcess.StartOnFreePortsAsync(entry, dataFolder: null, CancellationToken.None);
var connection = StorageConnection.ForEmulator(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);

// 1 Dec 2026, 01:30 in Shanghai: the moment the timer makes November's report.
var now = new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.FromHours(8));
var month = new ReportMonth(2026, 11);
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = connection,
    ["Storage:NamePrefix"] = "bench",
    ["Azurite:AutoStart"] = "false",
    ["CustomerLinks:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddApplication();
builder.AddInfrastructure(startLocalEmulator: false);
builder.Services.AddSingleton<TimeProvider>(new FixedTime(now));
using var host = builder.Build();
var services = host.Services;
var storage = services.GetRequiredService<StorageClients>();
var table = await storage.TableAsync(storage.Options.ReportFactsTable, CancellationToken.None);

Console.WriteLine($"Monthly report benchmark: {month} with {tickets:N0} tickets, {month.Previous} with {previous:N0}; seeding with {writers} writers.");
var seeding = Stopwatch.StartNew();
var facts = ReportMonthGenerator.Month(month.Previous, previous, 7).Concat(ReportMonthGenerator.Month(month, tickets, 11)).ToList();
var rows = facts
    .SelectMany(f =>
    {
        var json = JsonSerializer.Serialize(f, TableReportFactStore.Json);
        return f.Months(ReportMonthGenerator.Shanghai).Select(m => TableReportFactStore.Entity(TableReportFactStore.Partition(m, f.Id), f.Id, f.Version, json));
    })
    .GroupBy(e => e.PartitionKey)
    .SelectMany(g => g.Chunk(100))
    .ToList();
var seeded = 0;
await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (batch, ct) =>
{
    await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
    var total = Interlocked.Add(ref seeded, batch.Length);
    if (total / 20_000 != (total - batch.Length) / 20_000)
    {
        Console.WriteLine($"  seeded {total:N0} rows ({seeding.Elapsed.TotalSeconds:F0} s)");
    }
});
Console.WriteLine($"Seeded {seeded:N0} projection rows for {facts.Count:N0} tickets in {seeding.Elapsed.TotalSeconds:F0} s.");

var reports = services.GetRequiredService<MonthlyReports>();
var raws = new List<TimeSpan>();
var runs = new List<TimeSpan>();
for (var round = 1; round <= 2; round++)
{
    var watch = Stopwatch.StartNew();
    var (count, chars) = await RawReadAsync(month);
    var (countBefore, charsBefore) = await RawReadAsync(month.Previous);
    raws.Add(watch.Elapsed);
    Console.WriteLine($"raw read {round}: {count + countBefore:N0} rows ({(chars + charsBefore) / 1_000_000.0:F1} M chars of facts) in {watch.Elapsed.TotalSeconds:F2} s");

    watch.Restart();
    var run = await reports.RunAsync(await reports.QueueAsync(month, TimerTrigger.Manual, "benchmark", CancellationToken.None), CancellationToken.None);
    runs.Add(watch.Elapsed);
    Console.WriteLine($"report {round}: {run.Status}, {run.RowsRead:N0} rows read, in {watch.Elapsed.TotalSeconds:F2} s{(run.Error is null ? string.Empty : " — " + run.Error)}");
}

var archive = services.GetRequiredService<IReportArchive>();
var json = await archive.OpenAsync(month, ReportFormat.Json, CancellationToken.None);
var report = AfterSales.Infrastructure.Reports.Rendering.ReportJson.Read(json!.Content);
Console.WriteLine($"The report counts {report.Volume.Total:N0} tickets registered in {month} ({report.Volume.Previous:N0} in {month.Previous}).");
Console.WriteLine();
Console.WriteLine($"raw read (best of 2): {raws.Min().TotalSeconds:F2} s");
Console.WriteLine($"report   (best of 2): {runs.Min().TotalSeconds:F2} s");
Console.WriteLine($"ratio report/raw: {runs.Min() / raws.Min():F2} (goal <= 1.5)");
return 0;

// The same partition queries the store makes, with the same parallelism; entities only, nothing parsed.
async Task<(int Rows, long Chars)> RawReadAsync(ReportMonth m)
{
    var rows = 0;
    long chars = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, TableReportFactStore.Shards), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (shard, ct) =>
    {
        var pk = $"{m}-{shard:D2}";
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == pk, maxPerPage: 1000, cancellationToken: ct))
        {
            Interlocked.Increment(ref rows);
            Interlocked.Add(ref chars, e.GetString("Data")?.Length ?? 0);
        }
    });
    return (rows, chars);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
