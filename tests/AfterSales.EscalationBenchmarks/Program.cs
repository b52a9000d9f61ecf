using AfterSales.Application.Composition;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AfterSales.Application;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Escalations;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Escalation sweep cost against the number of open tickets (README, "Benchmarks"):
//   A: --open tickets of which --due are late, then B: --due tickets, all late.
// Each scenario is seeded in tables of its own on one in-memory Azurite started here; the sweep (the real
// EscalationSweep with the real stores) is timed until no entry is due. Goal: time(A) / time(B) <= 1.5.
var open = Arg("--open", 100_000);
var dueCount = Arg("--due", 1_000);
var concurrency = Arg("--concurrency", 32);

var root = AzuriteInstallation.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run from inside the repository.");
var entry = await AzuriteInstallation.EnsureInstalledAsync(root, Console.WriteLine, CancellationToken.None);
await using var azurite = await AzuriteProcess.StartOnFreePortsAsync(entry, dataFolder: null, CancellationToken.None);
var connection = StorageConnection.ForEmulator(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);

// Tuesday 24 Nov 2026, 11:00 in Shanghai. Late tickets came in 30 h earlier (response limit 24 h: breached);
// the others 1 to 21 minutes ago (their first look, the assignment warning, is 3 to 23 minutes away).
var now = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.FromHours(8));
Console.WriteLine($"Escalation sweep benchmark: A = {open:N0} open tickets, {dueCount:N0} due; B = {dueCount:N0} open, all due. Seeding with {concurrency} writers.");

await SweepAsync("warm-up", await SeedAsync("warm-up", 200, 50));

// Both scenarios are seeded first and swept afterwards, so both sweeps meet the same emulator (one in-memory
// Azurite holds every table; its process slows as its heap grows): the difference is only what is in their tables.
using var hostA = await SeedAsync("A", open, dueCount);
using var hostB = await SeedAsync("B", dueCount, dueCount);
await Task.Delay(TimeSpan.FromSeconds(5));
var b = await SweepAsync("B", hostB);
var a = await SweepAsync("A", hostA);
Console.WriteLine();
Console.WriteLine($"A ({open:N0} open, {dueCount:N0} due): {a.TotalSeconds:F2} s");
Console.WriteLine($"B ({dueCount:N0} open, all due):  {b.TotalSeconds:F2} s");
Console.WriteLine($"ratio A/B: {a / b:F2} (goal <= 1.5)");
return 0;

async Task<IHost> SeedAsync(string name, int tickets, int late)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = connection,
        ["Storage:NamePrefix"] = "b" + name.Replace("-", string.Empty, StringComparison.Ordinal),
        ["Azurite:AutoStart"] = "false",
        ["CustomerLinks:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["CustomerLinks:BaseUrl"] = "https://service.example.cn",
    });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.AddApplication();
    builder.AddInfrastructure(startLocalEmulator: false);
    builder.Services.AddSingleton<RequestCounter>();
    builder.Services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(sp => sp.GetRequiredService<RequestCounter>());
    // The whole program runs at one business instant: the sweep decides at the same 'now' it reads the index with.
    builder.Services.AddSingleton<TimeProvider>(new FixedTime(now));
    var host = builder.Build();
    var services = host.Services;
    // The report facts of each change are written in the background, as in the app; the sweep's time includes them.
    // (SMS are left in their outbox: sending them is the SMS dispatcher's work, not the sweep's.)
    await services.GetRequiredService<AfterSales.Application.Reports.ReportProjection>().StartAsync(CancellationToken.None);
    var store = services.GetRequiredService<ITicketStore>();
    var workflow = services.GetRequiredService<TicketWorkflow>();
    var validator = services.GetRequiredService<TicketIntakeValidator>();
    var business = services.GetRequiredService<IOptions<BusinessOptions>>().Value;

    var seeded = Stopwatch.StartNew();
    var done = 0;
    var looks = new System.Collections.Concurrent.ConcurrentBag<(DateTimeOffset At, TicketId Ticket)>();
    var clocks = services.GetRequiredService<AfterSales.Domain.Sla.SlaClocks>();
    await Parallel.ForEachAsync(Enumerable.Range(0, tickets), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        // Late: registered 30 h ago and never assigned. Open: registered over the last 60 hours, taken by an engineer
        // 10 minutes later and in service, so only the resolution limit (3 working days) runs, its warning still ahead.
        var receivedAt = i < late ? now.AddHours(-30).AddMilliseconds(i) : now.AddMinutes(-30).AddSeconds(-(i % (60 * 3600)));
        var request = new TicketIntakeRequest
        {
            Customer = new CustomerRequest { Name = "张三", Title = "mr", Phone = $"139{i % 100_000_000:D8}", Address = "上海市浦东新区世纪大道100号" },
            Product = new ProductRequest { Model = "KFR-35GW", PurchaseDate = "2025-06-01", WarrantyStatus = "inWarranty" },
            Channel = "phone",
            Description = new DescriptionRequest { Symptom = "空调不制冷，外机异响" },
            Urgency = "normal",
        };
        var intake = validator.Validate(request, receivedAt).Intake ?? throw new InvalidOperationException("The seed request is not valid.");
        var id = TicketId.Create(receivedAt, RandomNumberGenerator.GetBytes(10));
        var number = TicketNumber.Create("BM", BusinessTime.LocalDate(receivedAt, business.Zone), i + 1);
        var (ticket, events) = workflow.Register(id, number, intake, Actor.System, receivedAt);
        if (i >= late)
        {
            var engineer = $"eng-{i % 200:D3}";
            var taken = workflow.DecideAll(ticket,
                [(new AssignTicket(engineer) { Automatic = true, Note = "benchmark" }, Actor.System), (new SimpleCommand(TicketCommandKind.Accept), new Actor(engineer, StaffRoles.Engineer))],
                receivedAt.AddMinutes(10));
            var accepted = (CommandOutcome.Accepted)taken;
            (ticket, events) = (accepted.Ticket, [.. events, .. accepted.Events]);
        }

        // The due-index entry the write path would announce (the same row TicketDeadlines writes), written below.
        looks.Add((AfterSales.Domain.Sla.EscalationRules.NextDue(ticket, clocks)!.Value, ticket.Id));
        await store.TryCreateAsync(ticket, events, [], ct);
        if (Interlocked.Increment(ref done) % 10_000 == 0)
        {
            Console.WriteLine($"  {name}: {done:N0} tickets seeded ({done / seeded.Elapsed.TotalSeconds:N0}/s)");
        }
    });
    var storage = services.GetRequiredService<StorageClients>();
    var dueTable = await storage.TableAsync(storage.Options.DueTable, CancellationToken.None);
    var ticketsSeconds = seeded.Elapsed.TotalSeconds;
    await Parallel.ForEachAsync(looks, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (look, ct) =>
    {
        var at = TicketDeadlines.Ceiling(look.At);
        await dueTable.AddEntityAsync(new Azure.Data.Tables.TableEntity(
            AfterSales.Infrastructure.Dispatch.TableDueIndex.Partition(TicketDeadlines.EscalationDue, at),
            AfterSales.Infrastructure.Dispatch.TableDueIndex.Key(at, look.Ticket)), ct);
    });
    Console.WriteLine($"{name}: tickets {ticketsSeconds:F1} s, due-index entries {seeded.Elapsed.TotalSeconds - ticketsSeconds:F1} s");
    Console.WriteLine($"{name}: seeded {tickets:N0} tickets ({late:N0} late) and their due-index entries in {seeded.Elapsed.TotalSeconds:F1} s");
    return host;
}

async Task<TimeSpan> SweepAsync(string name, IHost host)
{
    var services = host.Services;
    var store = services.GetRequiredService<ITicketStore>();
    GC.Collect();

    var sweep = services.GetServices<ITimerFunction>().Single(t => t.Name == EscalationSweep.FunctionName);
    var due = services.GetRequiredService<IDueIndex>();
    // What single storage calls cost in this set of tables, each timed on its own.
    var probe = Stopwatch.StartNew();
    var entries = await due.DueAsync(TicketDeadlines.EscalationDue, now, EscalationSweep.BatchSize, CancellationToken.None);
    var rangeMs = probe.Elapsed.TotalMilliseconds;
    var reads = Math.Max(1, Math.Min(50, entries.Count));
    probe.Restart();
    foreach (var e in entries.Take(reads))
    {
        await store.GetAsync(e.Ticket, CancellationToken.None);
    }

    var pointReadMs = probe.Elapsed.TotalMilliseconds / reads;
    var clients = services.GetRequiredService<StorageClients>();
    var table = await clients.TableAsync(clients.Options.TicketsTable, CancellationToken.None);
    probe.Restart();
    for (var i = 0; i < 50; i++)
    {
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity($"probe-{i}", "x") { ["V"] = i }, Azure.Data.Tables.TableUpdateMode.Replace);
    }

    var writeMs = probe.Elapsed.TotalMilliseconds / 50;
    probe.Restart();
    for (var i = 0; i < 50; i++)
    {
        await table.SubmitTransactionAsync(Enumerable.Range(0, 3).Select(k => new Azure.Data.Tables.TableTransactionAction(
            Azure.Data.Tables.TableTransactionActionType.UpsertReplace, new Azure.Data.Tables.TableEntity($"probe-{i}", $"b{k}") { ["V"] = k })));
    }

    var batchMs = probe.Elapsed.TotalMilliseconds / 50;
    var dueTable = await clients.TableAsync(clients.Options.DueTable, CancellationToken.None);
    probe.Restart();
    for (var i = 0; i < 50; i++)
    {
        await dueTable.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("sla", $"29991231T000000.000Z_probe{i}"), Azure.Data.Tables.TableUpdateMode.Replace);
    }

    var upsertMs = probe.Elapsed.TotalMilliseconds / 50;
    probe.Restart();
    for (var i = 0; i < 50; i++)
    {
        await dueTable.DeleteEntityAsync("sla", $"29991231T000000.000Z_probe{i}");
    }

    var deleteMs = probe.Elapsed.TotalMilliseconds / 50;
    Console.WriteLine($"{name}: due-index read of {entries.Count:N0} entries {rangeMs:F0} ms; ticket point read {pointReadMs:F1} ms each");
    Console.WriteLine($"{name}: single-entity write into the tickets table {writeMs:F1} ms each; 3-entity batch {batchMs:F1} ms each");
    Console.WriteLine($"{name}: due-index upsert {upsertMs:F1} ms each; due-index delete {deleteMs:F1} ms each");
    var dueTickets = (await due.DueAsync(TicketDeadlines.EscalationDue, now, int.MaxValue, CancellationToken.None)).Select(e => e.Ticket).Distinct().Count();
    var counter = services.GetRequiredService<RequestCounter>();
    counter.Reset();
    var timer = Stopwatch.StartNew();
    var runs = 0;
    while (true)
    {
        var result = await sweep.RunAsync(now, CancellationToken.None);
        runs++;
        Console.WriteLine($"  {name} run {runs}: {AfterSales.Application.Language.Messages.English(result.Logs[0])}");
        if ((await due.DueAsync(TicketDeadlines.EscalationDue, now, 1, CancellationToken.None)).Count == 0)
        {
            break;
        }
    }

    await services.GetRequiredService<AfterSales.Application.Reports.ReportProjection>().WhenIdleAsync();
    timer.Stop();
    var requests = counter.Read();
    Console.WriteLine($"{name}: sweep finished in {timer.Elapsed.TotalSeconds:F2} s over {runs} run(s)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {requests:N0} storage requests for {dueTickets:N0} due ticket(s): {(double)requests / Math.Max(1, dueTickets):F2} per due ticket"));
    return timer.Elapsed;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Counts the storage requests the app's SDK clients send (every request, retries included).</summary>
internal sealed class RequestCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
{
    private long _requests;

    public override void OnSendingRequest(Azure.Core.HttpMessage message) => Interlocked.Increment(ref _requests);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    public long Read() => Interlocked.Read(ref _requests);
}

/// <summary>A clock that always reads the same instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
