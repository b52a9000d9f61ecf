using AfterSales.Application.Dispatch;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Workflow;

/// <summary>
/// Tells each ticket's lifecycle orchestration about the ticket's stored changes, right after the write, off the
/// request's path: a new ticket's orchestration is started (and an ended ticket's, reopened, again for its new round),
/// any other change is sent to it as the <see cref="TicketLifecycleContract.Changed"/> event. The orchestration
/// re-reads the ticket whenever it wakes, so the event carries nothing it must trust. A start is owed by the change
/// itself: its due entry (<see cref="StartDueKind"/>) is written ahead of the ticket's batch and removed here once the
/// start is made, so a start lost to a crash or a fault is made by <see cref="WorkflowStartSweep"/> within a minute
/// of its grace ending. A lost change event is noticed by the orchestration's own recheck
/// (<see cref="TicketLifecycleContract.RecheckAfter"/>).
/// </summary>
public sealed partial class WorkflowRelay(IWorkflowEngine engine, IDueIndex due, ILogger<WorkflowRelay> logger)
    : BackgroundQueue<(TicketId Ticket, int Round, int Version, DueEntry? Start)>(consumers: 4)
{
    /// <summary>The due-index kind of an orchestration start a stored change owes.</summary>
    public const string StartDueKind = "workflow";

    /// <summary>How long the relay has to make a start before the sweep makes it instead.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(30);

    /// <summary>The due entry of the start a change of <paramref name="ticket"/> at <paramref name="now"/> owes.</summary>
    public static DueEntry Owed(Ticket ticket, DateTimeOffset now) => new(StartDueKind, now + StartGrace, ticket.Id);

    /// <summary>The ticket <paramref name="after"/> was stored; <paramref name="start"/>: its orchestration is to be started (the entry owing it).</summary>
    public void Committed(Ticket after, DueEntry? start) => Post((after.Id, after.Round, after.Version, start));

    protected override async Task HandleAsync((TicketId Ticket, int Round, int Version, DueEntry? Start) work, CancellationToken cancellationToken)
    {
        var instance = TicketLifecycleContract.InstanceId(work.Ticket);
        if (work.Start is { } owed)
        {
            await engine.StartAsync(TicketLifecycleContract.Name, instance, new LifecycleInput(work.Ticket.Value, work.Round), cancellationToken);
            await due.RemoveAsync(owed, cancellationToken);
        }
        else
        {
            await engine.RaiseEventAsync(instance, TicketLifecycleContract.Changed, work.Version, cancellationToken);
        }
    }

    protected override void Failed((TicketId Ticket, int Round, int Version, DueEntry? Start) work, Exception exception) =>
        LogFailed(logger, exception, work.Ticket.Value, work.Start is null ? "change" : "start");

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning,
        Message = "Telling the orchestration of ticket {TicketId} about its {What} failed; its owed start or its recheck catches up")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketId, string what);
}
