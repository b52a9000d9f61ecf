using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Notifications;
using AfterSales.Application.Storage;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;
using AfterSales.Infrastructure.Azurite;
using AfterSales.Infrastructure.Dispatch;
using AfterSales.Infrastructure.Locks;
using AfterSales.Infrastructure.Signatures;
using AfterSales.Infrastructure.Sms;
using AfterSales.Infrastructure.Storage;
using AfterSales.Infrastructure.Tickets;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Azure Storage adapters. The account is read from <c>AzureWebJobsStorage</c>: a connection string, or
    /// the identity-based section (<c>AzureWebJobsStorage__accountName</c> or service URIs, signed in with
    /// the app's identity) — falling back to <c>Storage:ConnectionString</c>, then to the local emulator.
    /// The durable engine is the app's own (<see cref="AddDurableEngine"/>), or — <paramref name="durableFromFunctionsHost"/> —
    /// the Functions host's Durable extension, reached through the clients its invocations are given.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder, bool startLocalEmulator, bool durableFromFunctionsHost = false)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The identity-based keys win over a connection string from a lower layer (appsettings.json
                // names the local emulator; the deployment sets AzureWebJobsStorage__accountName).
                options.Identity = StorageIdentity.From(configuration.GetSection(StorageOptions.ConnectionSetting));
                if (options.Identity is null && configuration[StorageOptions.ConnectionSetting] is { Length: > 0 } connection)
                {
                    options.ConnectionString = connection;
                }
            });
        builder.Services.AddOptions<AzuriteOptions>().Bind(builder.Configuration.GetSection(AzuriteOptions.Section));

        if (startLocalEmulator)
        {
            // Registered first: hosted services start in order, so storage is up before anything uses it.
            builder.Services.AddHostedService<LocalAzuriteService>();
        }

        // The app's one Microsoft Entra credential (storage without keys, ACS without its access key).
        builder.Services.AddSingleton<TokenCredential>(services =>
            services.GetRequiredService<IOptions<StorageOptions>>().Value.Identity?.CreateCredential() ?? new DefaultAzureCredential());
        builder.Services.AddSingleton<StorageClients>();
        builder.Services.AddSingleton<IStorageHealth, StorageHealth>();
        builder.Services.AddSingleton<TableTicketStore>();
        builder.Services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<TableTicketStore>());
        builder.Services.AddSingleton<ITicketIndexCatchUp>(sp => sp.GetRequiredService<TableTicketStore>());
        builder.Services.AddSingleton<ITicketNumberAllocator, TableTicketNumberAllocator>();
        builder.Services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        builder.Services.AddSingleton<ISingletonLock, BlobLeaseSingletonLock>();
        builder.Services.AddSingleton<TableTeamStore>();
        Application.Composition.DependencyInjection.AddTeamReadCache<TableTeamStore>(builder.Services);
        builder.Services.AddSingleton<IAssignmentIndex, TableAssignmentIndex>();
        builder.Services.AddSingleton<IDueIndex, TableDueIndex>();
        builder.Services.AddSingleton<ISignatureArchive, BlobSignatureArchive>();
        builder.Services.AddSingleton<ISmsOutbox, TableSmsOutbox>();
        builder.Services.AddSingleton<ISmsReceiptIndex, TableSmsReceiptIndex>();
        builder.Services.AddSingleton<ISmsNumberQuota, TableSmsNumberQuota>();
        builder.Services.AddSingleton<Application.Inbox.IInboxStore, Inbox.TableInboxStore>();
        builder.Services.AddSingleton<Application.Customers.ICustomerCodeStore, Customers.TableCustomerCodeStore>();
        builder.Services.AddSingleton<ITimerRunLog, Timers.TableTimerRunLog>();
        builder.Services.AddSingleton<Application.FollowUps.IPurchaseRegistry, FollowUps.TablePurchaseRegistry>();
        builder.Services.AddSingleton<Application.Reports.IReportFactStore, Reports.TableReportFactStore>();
        builder.Services.AddSingleton<Application.Reports.IReportArchive, Reports.BlobReportArchive>();
        builder.Services.AddSingleton<Application.Reports.IReportRenderer, Reports.Rendering.ReportRenderer>();
        builder.Services.AddSingleton<Application.Reports.IReportRunStore, Reports.TableReportRunStore>();
        builder.Services.AddSingleton<IValidateOptions<SmsOptions>, SmsProviderValidation>();
        builder.Services.AddHttpClient(AcsClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<ISmsSender>(CreateSmsSender);
        if (durableFromFunctionsHost)
        {
            builder.Services.AddSingleton<Durable.DurableClientSlot>();
            builder.Services.AddSingleton<Application.Workflow.IWorkflowEngine, Durable.ClientWorkflowEngine>();
        }
        else
        {
            builder.Services.AddDurableEngine();
        }

        return builder;
    }

    private const string AcsClientName = "acs-sms";

    /// <summary>
    /// The configured provider (<c>Sms:Provider</c>: Alibaba, Tencent or ACS), routing numbers outside +86 to
    /// <c>Sms:InternationalProvider</c> when that is another; otherwise the local outbox.
    /// </summary>
    private static ISmsSender CreateSmsSender(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<SmsOptions>>().Value;
        if (settings.MainProvider is not { } main)
        {
            return new LocalSmsSender();
        }

        var mainland = CreateProvider(services, main);
        return settings.OtherProvider is { } other && other != main ? new RoutingSmsSender(mainland, CreateProvider(services, other)) : mainland;
    }

    private static ISmsSender CreateProvider(IServiceProvider services, string provider)
    {
        var options = services.GetRequiredService<IOptions<SmsOptions>>();
        var settings = options.Value;
        var time = services.GetRequiredService<TimeProvider>();
        // Timeouts are the outbox's (Sms:RequestTimeout), so the client itself never gives up first.
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(AcsClientName);
        switch (provider)
        {
            case Sms.Aliyun.AliyunSmsClient.Name:
            {
                var aliyun = settings.Aliyun;
                var client = new Sms.Aliyun.AliyunSmsClient(http, new Sms.Aliyun.AliyunSmsSettings(new Uri(aliyun.Endpoint), aliyun.AccessKeyId!, aliyun.AccessKeySecret!, aliyun.SignName!), time);
                return new TemplatedSmsSender(provider, client.SendAsync, client.FindSentAsync, Templates(aliyun.Templates, t => t.Code));
            }

            case Sms.Tencent.TencentSmsClient.Name:
            {
                var tencent = settings.Tencent;
                var client = new Sms.Tencent.TencentSmsClient(
                    http, new Sms.Tencent.TencentSmsSettings(new Uri(tencent.Endpoint), tencent.SecretId!, tencent.SecretKey!, tencent.Region, tencent.SdkAppId!, tencent.SignName!), time);
                return new TemplatedSmsSender(provider, client.SendAsync, client.FindSentAsync, Templates(tencent.Templates, t => t.Id), receiptsNameOnlyTheProviderId: true, recordsLag: tencent.RecordsLag);
            }

            default:
            {
                var authorization = string.IsNullOrWhiteSpace(settings.AcsConnectionString)
                    ? new AcsAuthorization(new Uri(settings.AcsEndpoint!), null, services.GetRequiredService<TokenCredential>())
                    : AcsConnection.Parse(settings.AcsConnectionString) is ({ } connection, _)
                        ? new AcsAuthorization(connection.Endpoint, connection.AccessKey, null)
                        : throw new OptionsValidationException(SmsOptions.Section, typeof(SmsOptions), ["Sms:AcsConnectionString is not usable."]);
                return new AcsSmsSender(http, authorization, options, time);
            }
        }
    }

    /// <summary>Each notification's template from the provider's settings (validated at start: every notification has one).</summary>
    private static Dictionary<NotificationKind, ProviderTemplate> Templates(
        Dictionary<string, ProviderTemplateOptions> configured, Func<ProviderTemplateOptions, string?> template) =>
        Enum.GetValues<NotificationKind>()
            .Where(kind => configured.TryGetValue(Application.EnumNames.Name(kind), out var t) && !string.IsNullOrWhiteSpace(template(t)))
            .ToDictionary(kind => kind, kind => configured[Application.EnumNames.Name(kind)] is var t ? new ProviderTemplate(template(t)!.Trim(), t.MaxParamLength) : null!);

    /// <summary>
    /// The standalone durable engine (section <c>Durable</c>) on the app's storage account, started and stopped with
    /// the host, running the orchestrations and activities registered in the container.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services)
    {
        services.AddOptions<Durable.DurableOptions>().BindConfiguration(Durable.DurableOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Durable.DurableTaskEngine>();
        services.AddSingleton<Application.Workflow.IWorkflowEngine>(sp => sp.GetRequiredService<Durable.DurableTaskEngine>());
        services.AddHostedService(sp => sp.GetRequiredService<Durable.DurableTaskEngine>());
        return services;
    }
}
