using AfterSales.Functions.Catalog;
using AfterSales.Application.Access;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Domain.Lifecycle;
using AfterSales.Functions.Auth;
using AfterSales.Functions.Functions;
using AfterSales.Functions.Hosting;
using AfterSales.Infrastructure.Durable;
using AfterSales.Testing;
using AfterSales.Testing.Workflow;
using DurableTask.Core.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The app as the isolated worker of a Functions host, built exactly as <c>Program</c> builds it when the host starts
/// it, with its <c>[Function]</c> methods called directly — as the host's invocations would call them, with a real
/// <see cref="HttpContext"/> — against Azurite. The host's durable client is a recording stand-in
/// (<see cref="RecordingDurableClient"/>); the Functions host itself cannot run on these machines.
/// </summary>
public sealed class FunctionsWorkerTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly IHost _host = FunctionsWorkerApp.CreateBuilder([], configuration => configuration.AddInMemoryCollection(Settings(azurite))).Build();
    private readonly RecordingDurableClient _durable = new();
    private List<IHostedService> _started = [];

    /// <summary>
    /// Starts the app's own background services (the workflow relay, the storage check); the worker's connection to a
    /// Functions host is not started, as there is no host.
    /// </summary>
    public async Task InitializeAsync()
    {
        _started = [.. _host.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly.GetName().Name!.StartsWith("AfterSales.", StringComparison.Ordinal))];
        foreach (var service in _started)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        _host.Dispose();
    }

    private static Dictionary<string, string?> Settings(AzuriteFixture azurite)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = azurite.NewPrefix(),
            ["CustomerLinks:SigningKey"] = AppFactory.LinkKey,
            // What the host passes on the command line (its gRPC endpoint); nothing listens there and nothing connects.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9/",
        };
        var i = 0;
        foreach (var (role, key) in AppFactory.Keys)
        {
            settings[$"Auth:ApiKeys:{i}:Name"] = $"test-{role}";
            settings[$"Auth:ApiKeys:{i}:Key"] = key;
            settings[$"Auth:ApiKeys:{i}:Role"] = role;
            i++;
        }

        return settings;
    }

    [Fact]
    public void TheWorker_UsesTheHostsDurableEngine_AndLeavesTheTimersToTheHost()
    {
        Assert.IsType<ClientWorkflowEngine>(_host.Services.GetRequiredService<IWorkflowEngine>());
        Assert.DoesNotContain(_host.Services.GetServices<IHostedService>(), s => s is DurableTaskEngine or Timers.StandaloneTimerScheduler);
        Assert.True(_host.Services.GetRequiredService<HostingMode>().IsFunctionsWorker);
    }

    [Fact]
    public void TheHostsArguments_SwitchTheAppToTheWorker()
    {
        Assert.True(HostingMode.From(["--functions-uri", "http://127.0.0.1:50051/", "--functions-worker-id", "w1"]).IsFunctionsWorker);
        Assert.True(HostingMode.From(["--host", "127.0.0.1", "--port", "50051", "--workerId", "w1"]).IsFunctionsWorker);
        Assert.False(HostingMode.From([]).IsFunctionsWorker);
        Assert.False(HostingMode.From(["--urls", "http://127.0.0.1:8080"]).IsFunctionsWorker);
    }

    [Fact]
    public async Task Api_ServesTheAppsEndpoints_WithTheSameRules_AndAnIntakeStartsItsOrchestration()
    {
        var health = await SendAsync(FunctionCatalog.Http.Api, "GET", "/api/health");
        var anonymous = await SendAsync(FunctionCatalog.Http.Api, "POST", "/api/tickets", TicketRequests.Valid());
        var invalid = await SendAsync(FunctionCatalog.Http.Api, "POST", "/api/tickets", new JsonObject { ["channel"] = "phone" }, Roles.Agent);
        var created = await SendAsync(FunctionCatalog.Http.Api, "POST", "/api/tickets", TicketRequests.Valid(), Roles.Agent);
        var unknown = await SendAsync(FunctionCatalog.Http.Api, "GET", "/api/no-such-thing", key: Roles.Agent);

        Assert.Equal(StatusCodes.Status200OK, health.Status);
        Assert.Equal(StatusCodes.Status401Unauthorized, anonymous.Status);
        Assert.Equal("application/problem+json", anonymous.ContentType);
        Assert.Equal(StatusCodes.Status400BadRequest, invalid.Status);
        Assert.Contains("customer", invalid.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusCodes.Status201Created, created.Status);
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);

        // After the ticket's write, its orchestration is started through the invocation's durable client.
        var id = JsonNode.Parse(created.Body)!["id"]!.ToString();
        var instance = TicketLifecycleContract.InstancePrefix + id;
        for (var i = 0; i < 100 && !_durable.Started.Contains((TicketLifecycleContract.Name, instance)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains((TicketLifecycleContract.Name, instance), _durable.Started);
    }

    [Fact]
    public async Task OpenApiAndCustomerPages_AreServedByTheirFunctions()
    {
        var document = await SendAsync(FunctionCatalog.Http.OpenApi, "GET", "/openapi/v1.json");
        var page = await SendAsync(FunctionCatalog.Http.CustomerPages, "GET", "/c/not-a-valid-link");

        Assert.Equal(StatusCodes.Status200OK, document.Status);
        Assert.Equal("AfterSales API", JsonNode.Parse(document.Body)!["info"]!["title"]!.ToString());
        Assert.InRange(page.Status, 400, 499);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", page.Body, StringComparison.Ordinal);
        var style = await SendAsync(FunctionCatalog.Http.StaticAssets, "GET", AfterSales.Web.WebAssets.CustomerCss);
        Assert.Equal(StatusCodes.Status200OK, style.Status);
        Assert.StartsWith("text/css", style.ContentType, StringComparison.Ordinal);
        Assert.Contains(".notice{", style.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsole_IsServedByItsFunction_SendingTheAnonymousToSignIn_WithItsStrictPolicy()
    {
        var work = await SendAsync(FunctionCatalog.Http.Console, "GET", "/console");
        var signIn = await SendAsync(FunctionCatalog.Http.Console, "GET", "/console/sign-in");

        Assert.Equal(StatusCodes.Status302Found, work.Status);
        Assert.Equal(StatusCodes.Status200OK, signIn.Status);
        Assert.StartsWith("text/html", signIn.ContentType, StringComparison.Ordinal);
        Assert.Contains("登录售后服务台", signIn.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimerFunction_RunsItsTimer_AsTheHostsTrigger_AndRecordsTheRun()
    {
        using var scope = _host.Services.CreateScope();
        var timers = ActivatorUtilities.CreateInstance<TimerFunctions>(scope.ServiceProvider);

        await timers.Housekeeping(new TimerInfo(), _durable, CancellationToken.None);

        var runs = await _host.Services.GetRequiredService<ITimerRunLog>().LastRunsAsync(CancellationToken.None);
        var run = runs[Application.Housekeeping.HousekeepingSweep.FunctionName];
        Assert.Equal(TimerTrigger.Host, run.Trigger);
        Assert.True(run.Succeeded);
    }

    [Fact]
    public async Task TheActivityFunctions_RunTheActivities_OnTheApp()
    {
        var created = await SendAsync(FunctionCatalog.Http.Api, "POST", "/api/tickets", TicketRequests.Valid(), Roles.Agent);
        var id = JsonNode.Parse(created.Body)!["id"]!.ToString();
        using var scope = _host.Services.CreateScope();
        var functions = ActivatorUtilities.CreateInstance<DurableFunctions>(scope.ServiceProvider);
        var context = new InvocationContext(scope.ServiceProvider);

        var position = await functions.ReadPosition(id, "ticket-" + id, _durable, context);
        var missing = await functions.ReadPosition("T-NOPE", "ticket-T-NOPE", _durable, context);
        var early = await functions.ActOnDeadline(new LifecycleDeadline(id, ProcessStep.Acceptance, DateTimeOffset.UtcNow.AddHours(1)), "ticket-" + id, _durable, context);

        Assert.NotNull(position);
        Assert.Equal(1, position.Round);
        Assert.Null(missing);
        Assert.False(early.Changed);
        Assert.NotNull(early.TooEarlyBy);
    }

    [Fact]
    public async Task TheOrchestratorFunction_RunsTheLifecycle()
    {
        using var scope = _host.Services.CreateScope();
        var functions = ActivatorUtilities.CreateInstance<DurableFunctions>(scope.ServiceProvider);
        var context = new FakeOrchestrationContext(TicketLifecycleContract.Name, "ticket-T1", DateTime.UtcNow,
            (name, _) => Task.FromResult<object?>(name.Name == TicketLifecycleOrchestration.ReadPosition.Name ? null : throw new InvalidOperationException(name.Name)),
            new LifecycleInput("T1", 1));

        var result = await functions.TicketLifecycle(context);

        Assert.Equal("The ticket does not exist.", result);
        Assert.Equal([TicketLifecycleOrchestration.ReadPosition.Name], context.ActivityCalls.Select(c => c.Name));
    }

    [Fact]
    public async Task TheClientEngine_StartsOnlyWhatIsNotAlive_ListsByPage_AndReadsHistory()
    {
        var slot = new DurableClientSlot();
        var engine = new ClientWorkflowEngine(slot);
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.GetAsync("ticket-x", CancellationToken.None));
        slot.Use(_durable);

        Assert.True(await engine.StartAsync(TicketLifecycleContract.Name, "ticket-a", new LifecycleInput("a", 1), CancellationToken.None));
        Assert.False(await engine.StartAsync(TicketLifecycleContract.Name, "ticket-a", new LifecycleInput("a", 1), CancellationToken.None));
        _durable.Instances["ticket-a"] = new OrchestrationMetadata(TicketLifecycleContract.Name, "ticket-a") { RuntimeStatus = OrchestrationRuntimeStatus.Failed };
        Assert.True(await engine.StartAsync(TicketLifecycleContract.Name, "ticket-a", new LifecycleInput("a", 2), CancellationToken.None));
        // A start that loses the race to another: the instance is there and alive, so it says "already running".
        _durable.FailStart = id => new InvalidOperationException($"{id} already exists");
        Assert.False(await engine.StartAsync(TicketLifecycleContract.Name, "ticket-b", null, CancellationToken.None));
        await engine.StartAsync(TicketLifecycleContract.Name, "ticket-c", null, CancellationToken.None);
        await engine.StartAsync(TicketLifecycleContract.Name, "other-d", null, CancellationToken.None);

        var first = await engine.ListAsync(new WorkflowQuery(["Pending"], "ticket-", 2, null), CancellationToken.None);
        var second = await engine.ListAsync(new WorkflowQuery(["Pending"], "ticket-", 2, first.ContinuationToken), CancellationToken.None);
        Assert.Equal(["ticket-a", "ticket-b"], first.Items.Select(i => i.InstanceId));
        Assert.Equal(["ticket-c"], second.Items.Select(i => i.InstanceId));
        Assert.Null(second.ContinuationToken);

        var fireAt = new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
        _durable.Histories["ticket-a"] =
        [
            new ExecutionStartedEvent(-1, "{}") { Name = TicketLifecycleContract.Name },
            new TaskScheduledEvent(0) { Name = TicketLifecycleOrchestration.ReadPosition.Name },
            new TimerCreatedEvent(1) { FireAt = fireAt },
            new TimerFiredEvent(-1) { TimerId = 1, FireAt = fireAt },
        ];
        var history = await engine.GetHistoryAsync("ticket-a", CancellationToken.None);
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TimerCreated", "TimerFired"], history.Select(e => e.Kind));
        Assert.Equal(TicketLifecycleOrchestration.ReadPosition.Name, history[1].Name);
        Assert.Equal(new DateTimeOffset(fireAt), history[2].FireAt);
        Assert.Equal(1, history[3].TimerId);
        Assert.Empty(await engine.GetHistoryAsync("ticket-none", CancellationToken.None));
        Assert.Null(await engine.GetAsync("ticket-none", CancellationToken.None));
        Assert.Equal("Pending", (await engine.GetAsync("ticket-a", CancellationToken.None))!.RuntimeStatus); // started again after it failed
    }

    private async Task<(int Status, string? ContentType, string Body)> SendAsync(string function, string method, string path, JsonNode? body = null, string? key = null)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("aftersales.example");
        context.Request.Path = path;
        context.Request.Headers.Accept = "application/json";
        if (key is not null)
        {
            context.Request.Headers[ApiKeyAuthenticationHandler.Header] = AppFactory.Keys[key];
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        var response = new MemoryStream();
        context.Response.Body = response;
        var functions = ActivatorUtilities.CreateInstance<HttpFunctions>(scope.ServiceProvider);
        var result = function switch
        {
            FunctionCatalog.Http.Api => functions.ServeApi(context.Request, _durable),
            FunctionCatalog.Http.OpenApi => functions.ServeOpenApi(context.Request, _durable),
            FunctionCatalog.Http.CustomerPages => functions.ServeCustomerPages(context.Request, _durable),
            FunctionCatalog.Http.Console => functions.ServeConsole(context.Request, _durable),
            FunctionCatalog.Http.StaticAssets => functions.ServeStaticAssets(context.Request, _durable),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }

    /// <summary>The parts of a function invocation's context the app's functions use: its services.</summary>
    private sealed class InvocationContext(IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId => "test";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override Microsoft.Azure.Functions.Worker.RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override Microsoft.Azure.Functions.Worker.FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override Microsoft.Azure.Functions.Worker.IInvocationFeatures Features => throw new NotSupportedException();
    }
}
