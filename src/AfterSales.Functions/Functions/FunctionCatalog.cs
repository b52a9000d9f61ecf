using System.Text.Json.Nodes;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Housekeeping;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Workflow;

namespace AfterSales.Functions.Functions;

/// <summary>
/// The one list of the app's functions and timer schedules. The function.json files under
/// <c>functions/</c> are its rendering for the Functions host (a test fails when they differ), and the
/// standalone scheduler reads the same schedules.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new HttpFunctionDefinition("Api", "api/{*path}"),
        new HttpFunctionDefinition("OpenApi", "openapi/{*path}"),
        // Every 15 minutes: keys live for hours, so a finer sweep would only cost requests.
        new TimerFunctionDefinition(HousekeepingSweep.FunctionName, "0 */15 * * * *"),
        // Every minute: SMS retries start 30 s apart, so a retry waits at most a minute longer than asked.
        new TimerFunctionDefinition(SmsRetrySweep.FunctionName, "30 * * * * *"),
        // Every minute: the shortest warning comes 8 minutes into a 10-minute registration limit.
        new TimerFunctionDefinition(EscalationSweep.FunctionName, "15 * * * * *"),
        // Every 5 minutes: follow-ups are due days after their trigger and have 3 working days to be done.
        new TimerFunctionDefinition(FollowUpSweep.FunctionName, "45 */5 * * * *"),
        // Daily at 17:30 UTC = 01:30 in China (UTC+8, no daylight saving): on the 1st it makes last month's report,
        // early enough to be there when the working day starts, late enough for the month's last changes to settle.
        // The function decides by the business calendar's date, so it stays right for any zone.
        new TimerFunctionDefinition(MonthlyReportTimer.FunctionName, "0 30 17 * * *"),
        // Every 10 minutes: a ticket whose orchestration was lost (a crash between its write and the start) gets one
        // within minutes; a stuck one has not moved for two hours before it counts.
        new TimerFunctionDefinition(WorkflowReconciliation.FunctionName, "50 */10 * * * *"),
        // Customer pages (signed links from SMS): /c/{token}.
        new HttpFunctionDefinition("CustomerPages", "c/{*path}"),
    ];

    public static IEnumerable<TimerFunctionDefinition> Timers => All.OfType<TimerFunctionDefinition>();

    /// <summary>The function.json content the Functions host needs for <paramref name="function"/>.</summary>
    public static JsonObject ToFunctionJson(FunctionDefinition function) => function switch
    {
        HttpFunctionDefinition http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = "anonymous",
                    ["methods"] = new JsonArray("get", "post", "put", "patch", "delete", "head", "options"),
                    ["route"] = http.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        TimerFunctionDefinition timer => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = "timer",
                ["schedule"] = timer.Schedule,
                ["runOnStartup"] = false,
                ["useMonitor"] = true,
            }),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown kind of function."),
    };
}
