using AfterSales.Application.Housekeeping;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AfterSales.Application;

public static class DependencyInjection
{
    /// <summary>Use cases, their options and the timer functions.</summary>
    public static IHostApplicationBuilder AddApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusinessOptions>()
            .Bind(builder.Configuration.GetSection(BusinessOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new TicketIntakeValidator(sp.GetRequiredService<IOptions<BusinessOptions>>().Value));
        builder.Services.AddSingleton<SubmitTicket>();
        builder.Services.AddSingleton<ITimerFunction, HousekeepingSweep>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
