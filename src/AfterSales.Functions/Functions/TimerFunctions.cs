using AfterSales.Functions.Catalog;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Housekeeping;
using AfterSales.Application.Notifications;
using AfterSales.Application.Reports;
using AfterSales.Application.Timers;
using AfterSales.Application.Workflow;
using AfterSales.Infrastructure.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AfterSales.Functions.Functions;

/// <summary>
/// The timer functions under the Functions host, on the catalog's schedules. Each runs its timer function through the
/// same runner as the standalone scheduler and an operator's "run now" (the run is recorded; with nothing due it takes
/// no lock), so the three ways of running a timer cannot drift apart.
/// </summary>
public sealed class TimerFunctions(TimerRunner runner, DurableClientSlot durable)
{
    [Function(HousekeepingSweep.FunctionName)]
    public Task Housekeeping([TimerTrigger(FunctionCatalog.Schedules.Housekeeping)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(HousekeepingSweep.FunctionName, client, cancellationToken);

    [Function(SmsRetrySweep.FunctionName)]
    public Task SmsRetry([TimerTrigger(FunctionCatalog.Schedules.SmsRetry)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(SmsRetrySweep.FunctionName, client, cancellationToken);

    [Function(EscalationSweep.FunctionName)]
    public Task Escalation([TimerTrigger(FunctionCatalog.Schedules.Escalation)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(EscalationSweep.FunctionName, client, cancellationToken);

    [Function(FollowUpSweep.FunctionName)]
    public Task FollowUp([TimerTrigger(FunctionCatalog.Schedules.FollowUp)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(FollowUpSweep.FunctionName, client, cancellationToken);

    [Function(MonthlyReportTimer.FunctionName)]
    public Task MonthlyReport([TimerTrigger(FunctionCatalog.Schedules.MonthlyReport)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(MonthlyReportTimer.FunctionName, client, cancellationToken);

    [Function(WorkflowReconciliation.FunctionName)]
    public Task Reconciliation([TimerTrigger(FunctionCatalog.Schedules.WorkflowReconciliation)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(WorkflowReconciliation.FunctionName, client, cancellationToken);

    [Function(WorkflowStartSweep.FunctionName)]
    public Task WorkflowStarts([TimerTrigger(FunctionCatalog.Schedules.WorkflowStarts)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunAsync(WorkflowStartSweep.FunctionName, client, cancellationToken);

    /// <summary>Runs the timer function; a failure propagates, so the host records a failed invocation.</summary>
    private async Task RunAsync(string name, DurableTaskClient client, CancellationToken cancellationToken)
    {
        durable.Use(client);
        await runner.RunAsSingletonAsync(name, TimerTrigger.Host, cancellationToken);
    }
}
