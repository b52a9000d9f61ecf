using AfterSales.Application.FollowUps;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.DurableTask;

namespace AfterSales.Application.Workflow;

/// <summary>A wait that ended by its own deadline: which ticket, in which step, due when.</summary>
public sealed record LifecycleDeadline(string TicketId, ProcessStep Step, DateTimeOffset DueAt);

/// <summary>
/// What acting on a deadline did: whether the ticket changed, or — when the app's clock has not reached the deadline
/// yet (another machine's clock, a timer fired early) — how much too early it was, so the orchestration asks again then.
/// </summary>
public sealed record DeadlineResult(bool Changed, TimeSpan? TooEarlyBy = null);

/// <summary>
/// One ticket's service process as a durable orchestration (instance id: the ticket id). The ticket stays the
/// source of truth (its contract — name, event, instance id, input — is <see cref="TicketLifecycleContract"/>, which is
/// all the relay and the sweeps know of it): at every turn the orchestration reads where the ticket is (<see cref="ReadPosition"/>), says so
/// in its status, and waits — for a change of the ticket (the <see cref="TicketLifecycleContract.Changed"/> event) or, where the step ends by
/// itself, for its deadline, whichever comes first. At the deadline it asks the system to act
/// (<see cref="ActOnDeadline"/>: the offer lapses to the next engineer; the customer is reminded to confirm, then the
/// confirmation limit escalates; the planned follow-up opens), through the
/// same write path as everything else; the domain refuses what is no longer due, so acting twice or early does
/// nothing. A reopened ticket's second round continues as a new execution, so the history stays short. However it
/// waits, it re-reads the ticket at least every <see cref="TicketLifecycleContract.RecheckAfter"/> (then continuing as a new execution, so a
/// long wait keeps a short history too): a change whose event was lost is noticed within that time.
/// </summary>
public sealed class TicketLifecycleOrchestration : TaskOrchestrator<LifecycleInput, string>
{
    /// <summary>The steps whose wait ends by itself, and what the orchestration then asks the system to do.</summary>
    public static readonly IReadOnlyDictionary<ProcessStep, string> DeadlineActions = new Dictionary<ProcessStep, string>
    {
        [ProcessStep.Acceptance] = "the offer lapses to the next candidate or the supervisor's queue",
        [ProcessStep.Confirmation] = "the customer is reminded by SMS at the reminder point; at the limit the confirmation is escalated to the supervisor",
        [ProcessStep.FollowUpPlanned] = "the follow-up opens for the least-loaded follow-up agent",
    };

    /// <summary>The shortest wait before asking again about a deadline found too early.</summary>
    public static readonly TimeSpan MinimumRetry = TimeSpan.FromSeconds(1);

    private enum Wake
    {
        Changed,
        Deadline,
        Recheck,
    }

    public override async Task<string> RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        var acted = input.Acted;
        (DateTimeOffset Deadline, DateTime At)? retry = null;
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
                context.ContinueAsNew(new LifecycleInput(input.TicketId, position.Round));
                return $"Round {input.Round} is over; round {position.Round} continues.";
            }

            // A deadline already acted on that the ticket still shows (the domain found nothing to do) is not awaited
            // again: only a change of the ticket moves it on. One found too early is asked about again when it is due
            // by the app's clock.
            var until = position.Until is { } due && due != acted ? due : (DateTimeOffset?)null;
            var wakeAt = retry is { } again && again.Deadline == until ? again.At : until?.UtcDateTime;
            switch (await WaitAsync(context, wakeAt))
            {
                case Wake.Deadline:
                    var result = await context.CallActivityAsync<DeadlineResult>(ActOnDeadline.Name, new LifecycleDeadline(input.TicketId, position.Step, until!.Value));
                    if (result.TooEarlyBy is { } early)
                    {
                        retry = (until.Value, context.CurrentUtcDateTime + (early < MinimumRetry ? MinimumRetry : early));
                    }
                    else
                    {
                        acted = until;
                    }

                    break;
                case Wake.Recheck:
                    context.ContinueAsNew(input with { Acted = acted });
                    return $"Rechecked in round {input.Round}; continues.";
                case Wake.Changed:
                    retry = null; // whatever changed, a deadline that is due is asked about at once
                    break;
            }
        }
    }

    /// <summary>
    /// Waits for the ticket to change, for <paramref name="wakeAt"/> (none: no deadline) or for the recheck, whichever
    /// comes first. A durable timer can fire a little early, so the context's clock is checked and the rest is waited for.
    /// </summary>
    private static async Task<Wake> WaitAsync(TaskOrchestrationContext context, DateTime? wakeAt)
    {
        using var cancel = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent<int>(TicketLifecycleContract.Changed, cancel.Token);
        var recheck = context.CurrentUtcDateTime + TicketLifecycleContract.RecheckAfter;
        try
        {
            while (true)
            {
                // A timer due in less than the minimum would fire at once (queue visibility is whole seconds): the woken
                // orchestration would find it early again and spin; it waits the minimum instead.
                var at = wakeAt is { } d && d < recheck ? d : recheck;
                var soonest = context.CurrentUtcDateTime + MinimumRetry;
                var timer = context.CreateTimer(at > context.CurrentUtcDateTime && at < soonest ? soonest : at, cancel.Token);
                if (await Task.WhenAny(changed, timer) == changed)
                {
                    return Wake.Changed;
                }

                if (context.CurrentUtcDateTime >= wakeAt)
                {
                    return Wake.Deadline;
                }

                if (context.CurrentUtcDateTime >= recheck)
                {
                    return Wake.Recheck;
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
        public const string Name = "TicketLifecycle_ReadPosition";

        public override async Task<ProcessPosition?> RunAsync(TaskActivityContext context, string input) =>
            TicketId.TryParse(input, out var id) && await tickets.GetAsync(id, CancellationToken.None) is { } stored
                ? TicketProcess.Of(stored.Ticket)
                : null;
    }

    /// <summary>
    /// A step's deadline has come: the engineer's offer lapses (the ticket goes to the next candidate or the queue), the
    /// customer who has not confirmed is reminded and at the limit the confirmation escalates, or the planned follow-up
    /// opens for the least-loaded follow-up agent. Says whether the ticket changed, or how much
    /// too early it was asked by the app's clock (nothing is read then).
    /// </summary>
    public sealed class ActOnDeadline(TicketCommands commands, DueWork work, FollowUpAgents agents, TimeProvider time) : TaskActivity<LifecycleDeadline, DeadlineResult>
    {
        public const string Name = "TicketLifecycle_ActOnDeadline";

        public override async Task<DeadlineResult> RunAsync(TaskActivityContext context, LifecycleDeadline input)
        {
            if (!TicketId.TryParse(input.TicketId, out var id))
            {
                return new DeadlineResult(false);
            }

            var now = time.GetUtcNow();
            if (now < input.DueAt)
            {
                return new DeadlineResult(false, input.DueAt - now);
            }

            // The steps of DeadlineActions, and only those.
            var result = input.Step switch
            {
                ProcessStep.Acceptance => await commands.ExecuteAsync(
                    id, (ticket, at, _) => Task.FromResult(work.OfferDeadline(ticket, input.DueAt, at)), ifMatch: null, CancellationToken.None),
                ProcessStep.Confirmation => await commands.ExecuteAsync(
                    id, (ticket, at, _) => Task.FromResult(work.ConfirmationWait(ticket, at)), ifMatch: null, CancellationToken.None),
                ProcessStep.FollowUpPlanned => await commands.ExecuteAsync(id, async (ticket, at, ct) => DueWork.FollowUpDue(ticket, at)
                    ? work.OpenFollowUp(ticket, await agents.ChooseAsync(ticket.Id, ct), at)
                    : work.OpenFollowUp(ticket, agent: null, at), ifMatch: null, CancellationToken.None),
                _ => null,
            };
            return new DeadlineResult(result is TicketCommandResult.Done);
        }
    }
}
