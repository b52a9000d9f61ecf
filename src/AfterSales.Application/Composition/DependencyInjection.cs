using AfterSales.Application.Calendars;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Housekeeping;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;
using AfterSales.Domain.Classification;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Composition;

public static class DependencyInjection
{
    /// <summary>
    /// The team store <typeparamref name="TStore"/> (registered by the caller) behind the dispatch read cache: every
    /// <see cref="ITeamStore"/> user reads and writes through it, so its writes reach dispatch at once.
    /// </summary>
    public static IServiceCollection AddTeamReadCache<TStore>(this IServiceCollection services)
        where TStore : ITeamStore
    {
        services.AddSingleton(sp => new CachedTeamStore(
            sp.GetRequiredService<TStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DispatchOptions>>().Value.TeamCacheFor));
        services.AddSingleton<ITeamStore>(sp => sp.GetRequiredService<CachedTeamStore>());
        return services;
    }

    /// <summary>Use cases, their options and the timer functions.</summary>
    public static IHostApplicationBuilder AddApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusinessOptions>()
            .Bind(builder.Configuration.GetSection(BusinessOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CalendarOptions>()
            .Bind(builder.Configuration.GetSection($"{BusinessOptions.Section}:Calendar"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SlaOptions>()
            .Bind(builder.Configuration.GetSection(SlaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ClassificationOptions>()
            .Bind(builder.Configuration.GetSection(ClassificationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DispatchOptions>()
            .Bind(builder.Configuration.GetSection(DispatchOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CustomerLinkOptions>()
            .Bind(builder.Configuration.GetSection(CustomerLinkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SmsOptions>()
            .Bind(builder.Configuration.GetSection(SmsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<FollowUps.FollowUpOptions>()
            .Bind(builder.Configuration.GetSection(FollowUps.FollowUpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<FollowUps.FollowUpOptions>>().Value.ToPolicy());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value
            .Build(sp.GetRequiredService<IOptions<BusinessOptions>>().Value.Zone));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SlaOptions>>().Value.ToPolicy());
        builder.Services.AddSingleton(sp => new Classifier(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.ToRules()));
        builder.Services.AddSingleton<SlaClocks>();
        builder.Services.AddSingleton(sp => new Domain.Lifecycle.ConsentPolicy(sp.GetRequiredService<IOptions<CustomerLinkOptions>>().Value.StaffApprovalLimit));
        builder.Services.AddSingleton<TicketWorkflow>();
        builder.Services.AddSingleton<DueWork>();
        builder.Services.AddSingleton<TicketChanges>();
        builder.Services.AddSingleton<TicketWriter>();
        builder.Services.AddSingleton<TicketCommands>();
        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddSingleton<Dispatching>();
        builder.Services.AddSingleton<CustomerLinks>();
        builder.Services.AddSingleton<CustomerActions>();
        builder.Services.AddSingleton(sp => new TicketIntakeValidator(sp.GetRequiredService<IOptions<BusinessOptions>>().Value));
        builder.Services.AddSingleton<SubmitTicket>();
        builder.Services.AddSingleton<ITimerFunction, HousekeepingSweep>();
        builder.Services.AddSingleton<SmsPlanner>();
        builder.Services.AddSingleton<SmsDelivery>();
        builder.Services.AddSingleton<SmsDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SmsDispatcher>());
        builder.Services.AddSingleton<ITimerFunction, SmsRetrySweep>();
        builder.Services.AddSingleton<Escalations.TicketDeadlines>();
        builder.Services.AddSingleton<Inbox.StaffInbox>();
        builder.Services.AddSingleton<FollowUps.FollowUpAgents>();
        builder.Services.AddSingleton<FollowUps.Purchases>();
        builder.Services.AddSingleton<ITimerFunction, Escalations.EscalationSweep>();
        builder.Services.AddSingleton<ITimerFunction, FollowUps.FollowUpSweep>();
        builder.Services.AddOptions<Reports.ReportOptions>()
            .Bind(builder.Configuration.GetSection(Reports.ReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new Domain.Reports.MonthlyReportCalculator(
            sp.GetRequiredService<Domain.Time.BusinessCalendar>(),
            sp.GetRequiredService<IOptions<Reports.ReportOptions>>().Value.ToSettings(sp.GetRequiredService<Domain.FollowUps.FollowUpPolicy>().PassScore)));
        builder.Services.AddSingleton<Reports.ReportProjection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Reports.ReportProjection>());
        builder.Services.AddTicketWorkflows();
        builder.Services.AddSingleton<Workflow.WorkflowRelay>();
        builder.Services.AddSingleton<Workflow.TicketWorkflows>();
        builder.Services.AddSingleton<ITimerFunction, Workflow.WorkflowReconciliation>();
        builder.Services.AddSingleton<Workflow.WorkflowStartSweep>();
        builder.Services.AddSingleton<ITimerFunction>(sp => sp.GetRequiredService<Workflow.WorkflowStartSweep>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Workflow.WorkflowRelay>());
        builder.Services.AddSingleton<Reports.MonthlyReports>();
        builder.Services.AddSingleton<Reports.ReportRunQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Reports.ReportRunQueue>());
        builder.Services.AddSingleton<ITimerFunction, Reports.MonthlyReportTimer>();
        // The composition root's one choice of the real clock; everything else takes the TimeProvider it is given.
#pragma warning disable RS0030
        builder.Services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        return builder;
    }

    /// <summary>
    /// The ticket lifecycle orchestration and its activities, for whichever durable engine the host runs; each is made
    /// for each execution from the app's services.
    /// </summary>
    public static IServiceCollection AddTicketWorkflows(this IServiceCollection services)
    {
        services.AddSingleton(new Workflow.OrchestratorRegistration(Workflow.TicketLifecycleContract.Name, _ => new Workflow.TicketLifecycleOrchestration()));
        services.AddSingleton(new Workflow.ActivityRegistration(Workflow.TicketLifecycleOrchestration.ReadPosition.Name,
            sp => ActivatorUtilities.CreateInstance<Workflow.TicketLifecycleOrchestration.ReadPosition>(sp)));
        services.AddSingleton(new Workflow.ActivityRegistration(Workflow.TicketLifecycleOrchestration.ActOnDeadline.Name,
            sp => ActivatorUtilities.CreateInstance<Workflow.TicketLifecycleOrchestration.ActOnDeadline>(sp)));
        return services;
    }
}
