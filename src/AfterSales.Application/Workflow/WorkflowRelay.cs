using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Workflow;

/// <summary>
/// Tells each ticket's lifecycle orchestration about the ticket's stored changes, right after the write, off the
/// request's path: a new ticket's orchestration is started (and an ended ticket's, reopened, again for its new round),
/// any other change is sent to it as the
/// <see cref="TicketLifecycleOrchestration.Changed"/> event. The orchestration re-reads the ticket whenever it wakes, so
/// the event carries nothing it must trust. What a crash or a fault loses here is repaired: an orchestration re-reads
/// its ticket at least every <see cref="TicketLifecycleOrchestration.RecheckAfter"/>, and the reconciliation sweep
/// starts the orchestrations of tickets that have none.
/// </summary>
public sealed partial class WorkflowRelay(IWorkflowEngine engine, ILogger<WorkflowRelay> logger)
    : BackgroundQueue<(TicketId Ticket, int Round, int Version, bool Starts)>(consumers: 4)
{
    /// <summary>The ticket <paramref name="after"/> was stored; <paramref name="starts"/>: its orchestration is to be started.</summary>
    public void Committed(Ticket after, bool starts) => Post((after.Id, after.Round, after.Version, starts));

    protected override async Task HandleAsync((TicketId Ticket, int Round, int Version, bool Starts) work, CancellationToken cancellationToken)
    {
        var instance = TicketLifecycleOrchestration.InstanceId(work.Ticket);
        if (work.Starts)
        {
            await engine.StartAsync(TicketLifecycleOrchestration.Name, instance, new LifecycleInput(work.Ticket.Value, work.Round), cancellationToken);
        }
        else
        {
            await engine.RaiseEventAsync(instance, TicketLifecycleOrchestration.Changed, work.Version, cancellationToken);
        }
    }

    protected override void Failed((TicketId Ticket, int Round, int Version, bool Starts) work, Exception exception) =>
        LogFailed(logger, exception, work.Ticket.Value, work.Starts ? "start" : "change");

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning,
        Message = "Telling the orchestration of ticket {TicketId} about its {What} failed; its recheck or the reconciliation sweep catches up")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketId, string what);
}
