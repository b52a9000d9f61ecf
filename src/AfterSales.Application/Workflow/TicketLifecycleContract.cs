using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Workflow;

/// <summary>
/// The lifecycle orchestration's input: the ticket, the handling round this execution follows, and the deadline last
/// acted on (carried into a new execution so a deadline the domain found nothing to do for is not acted on again).
/// </summary>
public sealed record LifecycleInput(string TicketId, int Round, DateTimeOffset? Acted = null);

/// <summary>What the lifecycle orchestration says about itself (its custom status): the step, until when it waits by itself, the round.</summary>
public sealed record LifecycleStatus(string Step, DateTimeOffset? Until, int Round);

/// <summary>
/// What the rest of the app knows of a ticket's lifecycle orchestration: its name, the event a stored change sends
/// it, its instance id, how often it reads its ticket at the least. The relay, the sweeps and the staff views depend on
/// this alone; the orchestration (<see cref="TicketLifecycleOrchestration"/>) and its activities, which issue commands,
/// depend on the write path — so the write path does not depend on them.
/// </summary>
public static class TicketLifecycleContract
{
    /// <summary>The orchestration's name, as registered with the engine and in the function catalog.</summary>
    public const string Name = "TicketLifecycle";

    /// <summary>The event a stored change of the ticket sends its orchestration (payload: the ticket's version).</summary>
    public const string Changed = "TicketChanged";

    /// <summary>What every ticket's instance id begins with.</summary>
    public const string InstancePrefix = "ticket-";

    /// <summary>The longest the orchestration waits without reading its ticket again.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromHours(1);

    /// <summary>The instance id of a ticket's orchestration.</summary>
    public static string InstanceId(TicketId ticket) => InstancePrefix + ticket.Value;

    /// <summary>The ticket id in a ticket orchestration's instance id, or null when it is not one.</summary>
    public static string? TicketOf(string instanceId) =>
        instanceId.StartsWith(InstancePrefix, StringComparison.Ordinal) ? instanceId[InstancePrefix.Length..] : null;
}
