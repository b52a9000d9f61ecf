using AfterSales.Domain.Explanations;
using System.Globalization;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Reports;
using AfterSales.Application.Tickets;
using AfterSales.Application.Timers;

namespace AfterSales.Application.Workflow;

/// <summary>
/// Finds tickets whose lifecycle orchestration is missing, has failed or was terminated, or is stuck, and repairs them:
/// an open ticket (one with a report entry, received more than <see cref="ReportProjection.Grace"/> ago, not ended)
/// without a pending or running orchestration gets one started for its round; a stuck one (alive, but not updated for
/// <see cref="TicketWorkflows.StuckAfter"/>) is sent the change event, which wakes it to read its ticket again. It reads
/// the open tickets and the alive orchestrations as two listings (pages of up to 1,000) and reads a ticket only when
/// its orchestration is missing.
/// </summary>
public sealed class WorkflowReconciliation(IDueIndex due, ITicketStore tickets, IWorkflowEngine engine, TicketWorkflows workflows) : ITimerFunction
{
    public const string FunctionName = "WorkflowReconciliation";

    public string Name => FunctionName;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alive = await workflows.AliveAsync(cancellationToken);

        var logs = new List<Explanation>();
        var (started, woken, open) = (0, 0, 0);
        foreach (var entry in await due.DueAsync(ReportProjection.Kind, now - ReportProjection.Grace, int.MaxValue, cancellationToken))
        {
            open++;
            var instance = TicketLifecycleContract.InstanceId(entry.Ticket);
            if (alive.Remove(instance, out var state))
            {
                if (workflows.IsStuck(state))
                {
                    await engine.RaiseEventAsync(instance, TicketLifecycleContract.Changed, 0, cancellationToken);
                    woken++;
                    logs.Add(Explanation.Of(MessageCodes.TimerWoken, entry.Ticket, state.LastUpdatedAt.ToString("O", CultureInfo.InvariantCulture)));
                }

                continue;
            }

            if (await tickets.GetAsync(entry.Ticket, cancellationToken) is not { Ticket: var ticket } || ReportProjection.HasEnded(ticket))
            {
                continue; // never stored, or ended: the report catch-up removes its entry
            }

            var before = await engine.GetAsync(instance, cancellationToken);
            if (await engine.StartAsync(TicketLifecycleContract.Name, instance, new LifecycleInput(ticket.Id.Value, ticket.Round), cancellationToken))
            {
                started++;
                logs.Add(before is null
                    ? Explanation.Of(MessageCodes.TimerRestartedNone, ticket.Number, ticket.Round)
                    : Explanation.Of(MessageCodes.TimerRestarted, ticket.Number, before.RuntimeStatus, ticket.Round));
            }
        }

        logs.Insert(0, Explanation.Of(MessageCodes.TimerReconciled, open, started, woken));
        return new TimerRunResult(logs);
    }
}
