using AfterSales.Application.Composition;
using System.Collections.Concurrent;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Inbox;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Workflow;
using AfterSales.Testing.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Testing.InMemory;

/// <summary>
/// The Application layer, wired as the app wires it (<c>AddApplication</c>), on in-memory stores and a fake clock:
/// commands, sweeps and their write path run in milliseconds, so races, If-Match and chains of automatic steps can be
/// table-driven. What is faked is storage (see the InMemory stores) and the SMS provider; every rule is the product's.
/// </summary>
public sealed class InMemoryApp : IDisposable
{
    private readonly ServiceProvider _services;

    public InMemoryApp(DateTimeOffset now, Action<IDictionary<string, string?>>? configure = null)
    {
        Time = new FakeTimeProvider(now);
        Workflows = new InMemoryWorkflowEngine(Time);
        var settings = new Dictionary<string, string?>
        {
            ["Business:TimeZone"] = "Asia/Shanghai",
            ["Business:TicketNumberPrefix"] = "AS",
            ["CustomerLinks:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["CustomerLinks:BaseUrl"] = "https://service.example.com",
        };
        configure?.Invoke(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddApplication();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<ITicketStore>(Tickets);
        builder.Services.AddSingleton<ITicketIndexCatchUp>(Tickets);
        builder.Services.AddSingleton<ISmsOutbox>(Tickets);
        builder.Services.AddSingleton<IDueIndex>(Due);
        builder.Services.AddSingleton<IAssignmentIndex>(Assignments);
        builder.Services.AddSingleton<IInboxStore>(Inbox);
        builder.Services.AddSingleton<AfterSales.Application.Customers.ICustomerCodeStore>(Codes);
        builder.Services.AddSingleton<AfterSales.Application.Notifications.ISmsReceiptIndex>(new InMemorySmsReceiptIndex());
        builder.Services.AddSingleton<AfterSales.Application.Notifications.ISmsNumberQuota>(new InMemorySmsNumberQuota());
        builder.Services.AddSingleton<IReportFactStore>(Facts);
        builder.Services.AddSingleton(Team);
        builder.Services.AddTeamReadCache<InMemoryTeamStore>();
        builder.Services.AddSingleton<ISmsSender>(Sms);
        builder.Services.AddSingleton<IWorkflowEngine>(Workflows);
        builder.Services.AddSingleton<ITicketNumberAllocator>(new Numbers());
        builder.Services.AddSingleton<IIdempotencyStore>(new Claims());
        builder.Services.AddSingleton<ISignatureArchive>(_ => throw new NotSupportedException("Signatures are stored in blobs; test them against Azurite."));
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        // The report facts are written and the orchestrations told in the background, as in the app; the SMS dispatcher is
        // not started (tests send explicitly).
        Get<ReportProjection>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Get<WorkflowRelay>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; }

    public InMemoryTicketStore Tickets { get; } = new();

    public InMemoryDueIndex Due { get; } = new();

    public InMemoryAssignmentIndex Assignments { get; } = new();

    public InMemoryInboxStore Inbox { get; } = new();

    public InMemoryCustomerCodeStore Codes { get; } = new();

    public InMemoryReportFactStore Facts { get; } = new();

    public InMemoryTeamStore Team { get; } = new();

    public RecordingSmsSender Sms { get; } = new();

    public InMemoryWorkflowEngine Workflows { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A timer function, made as the container makes it (the report and housekeeping timers need blob and table stores this app does not fake).</summary>
    public T Timer<T>() where T : Application.Timers.ITimerFunction => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>Completes when the report facts of every stored change so far are written and its orchestration told.</summary>
    public Task SettleAsync() => Task.WhenAll(Get<ReportProjection>().WhenIdleAsync(), Get<WorkflowRelay>().WhenIdleAsync());

    public void Dispose()
    {
        Get<WorkflowRelay>().StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        Get<ReportProjection>().StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _services.Dispose();
    }

    private sealed class Numbers : ITicketNumberAllocator
    {
        private readonly ConcurrentDictionary<DateOnly, int> _days = new();

        public ValueTask<int> NextAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_days.AddOrUpdate(businessDate, 1, (_, n) => n + 1));
    }

    private sealed class Claims : IIdempotencyStore
    {
        private readonly ConcurrentDictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);

        public Task<IdempotencyRecord> ClaimAsync(IdempotencyRecord candidate, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(_records.GetOrAdd(candidate.KeyHash, candidate));

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}

/// <summary>An SMS provider that takes every message and remembers it (the provider is outside the product).</summary>
public sealed class RecordingSmsSender : ISmsSender
{
    public ConcurrentQueue<SmsSendRequest> Sent { get; } = new();

    public string Name => "Recording";

    /// <summary>Runs while the provider has the message, before it answers (races with other workers are staged here).</summary>
    public Func<SmsSendRequest, Task>? WhileSending { get; set; }

    public async Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request);
        if (WhileSending is { } during)
        {
            await during(request);
        }

        return new SmsSendResult.Accepted(Guid.NewGuid().ToString("N"), null);
    }
}
