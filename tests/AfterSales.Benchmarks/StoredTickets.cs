using AfterSales.Application.Composition;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using AfterSales.Application;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Tickets written straight into the app's storage with the product's own domain and store (snapshot, history and
/// ticket-index entries, as the app writes them), spread over the last year, so the console's pages can be timed
/// with many tickets stored while the emulator is otherwise idle.
/// </summary>
internal static class StoredTickets
{
    /// <summary>The development engineer: 4,000 of 10,000 tickets were theirs and ended, 20 are in their hands now.</summary>
    private const string Engineer = "local-engineer";

    public static async Task<Measure> SeedAsync(string storage, int count, int concurrency, ConcurrentBag<string> ids)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Azurite:AutoStart"] = "false",
            ["CustomerLinks:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CustomerLinks:BaseUrl"] = "https://service.example.cn",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddApplication();
        builder.AddInfrastructure(startLocalEmulator: false);
        using var host = builder.Build();
        var services = host.Services;
        var store = services.GetRequiredService<ITicketStore>();
        var workflow = services.GetRequiredService<TicketWorkflow>();
        var validator = services.GetRequiredService<TicketIntakeValidator>();
        var zone = services.GetRequiredService<IOptions<BusinessOptions>>().Value.Zone;
        // Up to yesterday, so no number meets one the app issues today; 50 minutes apart, 10,000 tickets cover a year.
        var last = DateTimeOffset.UtcNow.AddDays(-1);
        return await Measure.RunAsync(count, concurrency, async i =>
        {
            var receivedAt = last.AddMinutes(-50.0 * i);
            var request = new TicketIntakeRequest
            {
                Customer = new CustomerRequest { Name = "压测", Title = "ms", Phone = $"137{i % 100_000_000:D8}", Address = "上海市浦东新区世纪大道100号" },
                Product = new ProductRequest { Model = "KFR-35GW", PurchaseDate = "2025-06-01", WarrantyStatus = "inWarranty" },
                Channel = i % 3 == 0 ? "web" : "phone",
                Type = "repair",
                Tag = "硬件故障",
                Description = new DescriptionRequest { Symptom = $"空调不制冷 {i}" },
                Urgency = "normal",
            };
            var intake = validator.Validate(request, receivedAt).Intake ?? throw new InvalidOperationException("The seed request is not valid.");
            var id = TicketId.Create(receivedAt, RandomNumberGenerator.GetBytes(10));
            var number = TicketNumber.Create("BM", BusinessTime.LocalDate(receivedAt, zone), 9000 + (i % 1000));
            var (ticket, events) = workflow.Register(id, number, intake, Actor.System, receivedAt);
            // 80 % ended (cancelled; half of them after the development engineer had taken them), 10 % in service with
            // one of 50 engineers (the development engineer among them), 10 % as registered.
            var engineer = i % 10 < 4 || i % 500 == 8 ? Engineer : $"eng-{i / 10 % 50:D2}";
            (TicketCommand, Actor)[] taken =
            [
                (new AssignTicket(engineer) { Note = "benchmark" }, new Actor("local-supervisor", "supervisor")),
                (new SimpleCommand(TicketCommandKind.Accept), new Actor(engineer, "engineer")),
                (new SimpleCommand(TicketCommandKind.Start), new Actor(engineer, "engineer")),
            ];
            (TicketCommand, Actor) cancel = (new CancelTicket(CancelReason.Withdrawn, null), new Actor("local-agent", "agent"));
            IEnumerable<(TicketCommand, Actor)>? steps = (i % 10) switch
            {
                < 4 => [.. taken, cancel],
                < 8 => [cancel],
                8 => taken,
                _ => null,
            };
            if (steps is not null)
            {
                var outcome = workflow.DecideAll(ticket, steps, receivedAt.AddMinutes(10));
                var accepted = outcome as CommandOutcome.Accepted ?? throw new InvalidOperationException($"The seed's steps were refused: {outcome}");
                (ticket, events) = (accepted.Ticket, [.. events, .. accepted.Events]);
            }

            await store.TryCreateAsync(ticket, events, [], CancellationToken.None);
            ids.Add(ticket.Id.Value);
        });
    }
}
