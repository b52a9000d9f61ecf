using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Housekeeping;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Workflow;

namespace AfterSales.Functions.Catalog;

/// <summary>
/// The one list of the app's functions and timer schedules. The <c>[Function]</c> methods take their names, routes and
/// schedules from here (attributes need constants, hence <see cref="Routes"/> and <see cref="Schedules"/>); the
/// Worker SDK renders them into <c>functions.metadata</c>, which a test checks against this list; the standalone
/// scheduler reads the same schedules.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>The HTTP functions' names.</summary>
    public static class Http
    {
        public const string Api = "Api";
        public const string OpenApi = "OpenApi";
        public const string CustomerPages = "CustomerPages";
        public const string Console = "Console";
        public const string StaticAssets = "StaticAssets";
    }

    /// <summary>The HTTP functions' routes (the host's route prefix is empty, so these are the paths).</summary>
    public static class Routes
    {
        public const string Api = "api/{*path}";
        public const string OpenApi = "openapi/{*path}";

        /// <summary>Customer pages: signed links from SMS, /c/{token}.</summary>
        public const string CustomerPages = "c/{*path}";

        /// <summary>The staff console: /console and its pages.</summary>
        public const string Console = "console/{*path}";

        /// <summary>The pages' stylesheets and script (the web library's static web assets): /_content/AfterSales.Web/….</summary>
        public const string StaticAssets = "_content/{*path}";
    }

    /// <summary>The timers' schedules: 6-field NCRONTAB, UTC.</summary>
    public static class Schedules
    {
        /// <summary>Every 15 minutes: keys live for hours, so a finer sweep would only cost requests.</summary>
        public const string Housekeeping = "0 */15 * * * *";

        /// <summary>Every minute: SMS retries start 30 s apart, so a retry waits at most a minute longer than asked.</summary>
        public const string SmsRetry = "30 * * * * *";

        /// <summary>Every minute: the shortest warning comes 8 minutes into a 10-minute registration limit.</summary>
        public const string Escalation = "15 * * * * *";

        /// <summary>Every 5 minutes: follow-ups are due days after their trigger and have 3 working days to be done.</summary>
        public const string FollowUp = "45 */5 * * * *";

        /// <summary>
        /// Daily at 17:30 UTC = 01:30 in China (UTC+8, no daylight saving): on the 1st it makes last month's report, early
        /// enough to be there when the working day starts, late enough for the month's last changes to settle. The
        /// function decides by the business calendar's date, so it stays right for any zone.
        /// </summary>
        public const string MonthlyReport = "0 30 17 * * *";

        /// <summary>
        /// Every 10 minutes: a ticket whose orchestration was lost (a crash between its write and the start) gets one
        /// within minutes; a stuck one has not moved for two hours before it counts.
        /// </summary>
        public const string WorkflowReconciliation = "50 */10 * * * *";

        /// <summary>
        /// Every minute: an orchestration start a stored change owes and the relay did not make (a crash between the
        /// ticket's write and the start) is made within about a minute after its 30-second grace.
        /// </summary>
        public const string WorkflowStarts = "40 * * * * *";
    }

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new HttpFunctionDefinition(Http.Api, Routes.Api),
        new HttpFunctionDefinition(Http.OpenApi, Routes.OpenApi),
        new HttpFunctionDefinition(Http.CustomerPages, Routes.CustomerPages),
        new HttpFunctionDefinition(Http.Console, Routes.Console),
        new HttpFunctionDefinition(Http.StaticAssets, Routes.StaticAssets),
        new TimerFunctionDefinition(HousekeepingSweep.FunctionName, Schedules.Housekeeping),
        new TimerFunctionDefinition(SmsRetrySweep.FunctionName, Schedules.SmsRetry),
        new TimerFunctionDefinition(EscalationSweep.FunctionName, Schedules.Escalation),
        new TimerFunctionDefinition(FollowUpSweep.FunctionName, Schedules.FollowUp),
        new TimerFunctionDefinition(MonthlyReportTimer.FunctionName, Schedules.MonthlyReport),
        new TimerFunctionDefinition(WorkflowReconciliation.FunctionName, Schedules.WorkflowReconciliation),
        new TimerFunctionDefinition(WorkflowStartSweep.FunctionName, Schedules.WorkflowStarts),
        new OrchestratorFunctionDefinition(TicketLifecycleContract.Name),
        new ActivityFunctionDefinition(TicketLifecycleOrchestration.ReadPosition.Name),
        new ActivityFunctionDefinition(TicketLifecycleOrchestration.ActOnDeadline.Name),
    ];

    public static IEnumerable<TimerFunctionDefinition> Timers => All.OfType<TimerFunctionDefinition>();
}
