using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.DurableTask;

namespace AfterSales.Application.Workflow;

/// <summary>The lifecycle orchestration's input: the ticket and the handling round this execution follows.</summary>
public sealed record LifecycleInput(string TicketId, int Round);

/// <summary>What the lifecycle orchestration says about itself (its custom status): the step, until when it waits by itself, the round.</summary>
public sealed record LifecycleStatus(string Step, DateTimeOffset? Until, int Round);

/// <summary>A wait that ended by its own deadline: which ticket, in which step, due when.</summary>
public sealed record LifecycleDeadline(string TicketId, ProcessStep Step, DateTimeOffset DueAt);

/// <summary>
/// One ticket's service process as a durable orchestration (instance id: the ticket id). The ticket stays the
/// source of truth: at every turn the orchestration reads where the ticket is (<see cref="ReadPosition"/>), says so
/// in its status, and waits — for a change of the ticket (the <see cref="Changed"/> event) or, where the step ends by
/// itself, for its deadline, whichever comes first. At the deadline it asks the system to act
/// (<see cref="ActOnDeadline"/>: the offer lapses to the next engineer; the planned follow-up opens), through the
/// same write path as everything else; the domain refuses what is no longer due, so acting twice or early does
/// nothing. A reopened ticket's second round continues as a new execution, so the history stays short.
/// </summary>
public sealed class TicketLifecycleOrchestration : TaskOrchestrator<LifecycleInput, string>
{
    public const string Name = "TicketLifecycle";

    /// <summary>The event a stored change of the ticket sends its orchestration (payload: the ticket's version).</summary>
    public const string Changed = "TicketChanged";

    /// <summary>The instance id of a ticket's orchestration.</summary>
    public static string InstanceId(TicketId ticket) => $"ticket-{ticket.Value}";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        DateTimeOffset? acted = null;
        while (true)
        {
            var position = await context.CallActivityAsync<ProcessPosition?>(ReadPosition.Name, input.TicketId);
            if (position is null)
            {
                return "The ticket does not exist.";
            }

            context.SetCustomStatus(new LifecycleStatus(EnumNames.Name(position.Step), position.Until, position.Round));
            if (position.Step == ProcessStep.Ended)
            {
                return $"Ended in round {position.Round}.";
            }

            if (position.Round > input.Round)
            {
                context.ContinueAsNew(input with { Round = position.Round });
                return $"Round {input.Round} is over; round {position.Round} continues.";
            }

            // A deadline already acted on that the ticket still shows (the domain found nothing to do) is not awaited
            // again: only a change of the ticket moves it on.
            var until = position.Until is { } due && due != acted ? due : (DateTimeOffset?)null;
            if (await DeadlineCameFirstAsync(context, until))
            {
                await context.CallActivityAsync<bool>(ActOnDeadline.Name, new LifecycleDeadline(input.TicketId, position.Step, until!.Value));
                acted = until;
            }
        }
    }

    /// <summary>
    /// Waits for the ticket to change or for <paramref name="until"/> (none: only a change), whichever comes first; true
    /// when the deadline came first. A durable timer can fire a little early, so the context's clock is checked and
    /// the rest is waited for.
    /// </summary>
    private static async Task<bool> DeadlineCameFirstAsync(TaskOrchestrationContext context, DateTimeOffset? until)
    {
        using var cancel = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent<int>(Changed, cancel.Token);
        try
        {
            if (until is not { } deadline)
            {
                await changed;
                return false;
            }

            while (true)
            {
                var timer = context.CreateTimer(deadline.UtcDateTime, cancel.Token);
                if (await Task.WhenAny(changed, timer) == changed)
                {
                    return false;
                }

                if (context.CurrentUtcDateTime >= deadline.UtcDateTime)
                {
                    return true;
                }
            }
        }
        finally
        {
            // Synchronously: an orchestrator awaits nothing but the context's own tasks.
            cancel.Cancel();
        }
    }

    /// <summary>Reads where the ticket is in the process; null when there is no such ticket.</summary>
    public sealed class ReadPosition(ITicketStore tickets) : TaskActivity<string, ProcessPosition?>
    {
        public const string Name = "TicketLifecycle.ReadPosition";

        public override async Task<ProcessPosition?> RunAsync(TaskActivityContext context, string input) =>
            TicketId.TryParse(input, out var id) && await tickets.GetAsync(id, CancellationToken.None) is { } stored
                ? TicketProcess.Of(stored.Ticket)
                : null;
    }

    /// <summary>
    /// A step's deadline has come: the engineer's offer lapses (the ticket goes to the next candidate or the queue), or
    /// the planned follow-up opens for the least-loaded follow-up agent. True when the ticket changed.
    /// </summary>
    public sealed class ActOnDeadline(TicketCommands commands, DueWork work, FollowUpAgents agents) : TaskActivity<LifecycleDeadline, bool>
    {
        public const string Name = "TicketLifecycle.ActOnDeadline";

        public override async Task<bool> RunAsync(TaskActivityContext context, LifecycleDeadline input)
        {
            if (!TicketId.TryParse(input.TicketId, out var id))
            {
                return false;
            }

            var result = input.Step switch
            {
                ProcessStep.Acceptance => await commands.ExecuteAsync(
                    id, (ticket, at, _) => Task.FromResult(work.OfferDeadline(ticket, input.DueAt, at)), ifMatch: null, CancellationToken.None),
                ProcessStep.FollowUpPlanned => await commands.ExecuteAsync(id, async (ticket, at, ct) => DueWork.FollowUpDue(ticket, at)
                    ? work.OpenFollowUp(ticket, await agents.ChooseAsync(ticket.Id, ct), at)
                    : work.OpenFollowUp(ticket, agent: null, at), ifMatch: null, CancellationToken.None),
                _ => null,
            };
            return result is TicketCommandResult.Done;
        }
    }
}
