using AfterSales.Application.Dispatch;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Lifecycle;

/// <summary>Decides a change of a ticket as it is now; the result is either refused or stored whole.</summary>
public delegate Task<CommandOutcome> TicketDecision(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken);

/// <summary>
/// Runs a lifecycle command: load the snapshot, let the workflow decide, let the system take the steps that follow
/// (dispatch a ticket that waits for an engineer, open a follow-up that is due), turn the result into one
/// <see cref="TicketChange"/> with all its effects and hand it to the <see cref="TicketWriter"/>. With the caller's
/// If-Match, a changed ticket answers <see cref="TicketCommandResult.Stale"/>; without it, a lost race is decided again
/// against the fresh state, so two conflicting commands at the same moment end with exactly one winner and no lost event.
/// </summary>
public sealed partial class TicketCommands(
    ITicketStore store,
    TicketWorkflow workflow,
    DueWork work,
    Dispatching dispatching,
    FollowUpAgents followUpAgents,
    TicketChanges changes,
    TicketWriter writer,
    TimeProvider time,
    ILogger<TicketCommands> logger)
{
    public const int MaxAttempts = 10;

    /// <summary>One command by one actor, followed by the system's own steps.</summary>
    public Task<TicketCommandResult> ExecuteAsync(
        TicketId id, TicketCommand command, Actor actor, string? ifMatch, CancellationToken cancellationToken, StoredTicket? known = null) =>
        ExecuteAsync(id, async (ticket, now, ct) =>
        {
            var (prepared, error) = await dispatching.PrepareAsync(ticket, command, now, ct);
            if (error is null)
            {
                return workflow.Decide(ticket, prepared!, actor, now);
            }

            // Status and role come first: a caller who may not give the command learns that, not what was wrong with it.
            var plain = workflow.Decide(ticket, command, actor, now);
            return plain is CommandOutcome.NotAllowed or CommandOutcome.Forbidden ? plain : error;
        }, ifMatch, cancellationToken, known);

    /// <summary>
    /// Any decision, followed by the system's own steps, stored in one write. <paramref name="known"/> is the snapshot the
    /// caller has just read (the first attempt decides on it instead of reading it again; a lost race reads afresh).
    /// </summary>
    public async Task<TicketCommandResult> ExecuteAsync(
        TicketId id, TicketDecision decide, string? ifMatch, CancellationToken cancellationToken, StoredTicket? known = null)
    {
        var full = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = attempt == 1 && known is not null && known.Ticket.Id == id ? known : await store.GetAsync(id, cancellationToken);
            if (stored is null)
            {
                return new TicketCommandResult.NotFound();
            }

            if (ifMatch is not null && ifMatch != "*" && ifMatch != stored.ETag)
            {
                return new TicketCommandResult.Stale(stored);
            }

            var now = time.GetUtcNow();
            var outcome = await decide(stored.Ticket, now, cancellationToken);
            if (outcome is CommandOutcome.Unchanged unchanged)
            {
                return new TicketCommandResult.Unchanged(unchanged.Reason, stored);
            }

            if (outcome is not CommandOutcome.Accepted accepted)
            {
                return new TicketCommandResult.Rejected(outcome, stored);
            }

            accepted = await FollowAsync(accepted, now, full, cancellationToken);
            if (accepted.Events.Count == 0)
            {
                return new TicketCommandResult.Unchanged("Nothing to do.", stored);
            }

            var change = await changes.PlanAsync(stored, accepted.Ticket, accepted.Events, now, cancellationToken);
            switch (await writer.ApplyAsync(change, now, cancellationToken))
            {
                case TicketWrite.Stored written:
                    LogApplied(logger, stored.Ticket.Number.ToString(), string.Join(", ", accepted.Events.Select(e => e.Type)), stored.Ticket.Status, accepted.Ticket.Status);
                    return new TicketCommandResult.Done(new StoredTicket(accepted.Ticket, written.ETag), accepted.Events);
                case TicketWrite.Full refused:
                    // The dispatcher's choice filled up meanwhile: decide again without them (nothing was stored).
                    full.Add(refused.Key);
                    continue;
            }

            if (ifMatch is not null)
            {
                var current = await store.GetAsync(id, cancellationToken);
                return current is null ? new TicketCommandResult.NotFound() : new TicketCommandResult.Stale(current);
            }

            LogRaceLost(logger, stored.Ticket.Number.ToString(), attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }

        return new TicketCommandResult.Busy(MaxAttempts);
    }

    /// <summary>
    /// Adds the system's own steps to an accepted change, until none is left: plan or finish a follow-up (a low
    /// survey score reopens the ticket), open a follow-up that is already due, dispatch a ticket waiting for an engineer
    /// (passing over the engineers in <paramref name="full"/>, found without a free place while this change was written).
    /// </summary>
    public async Task<CommandOutcome.Accepted> FollowAsync(
        CommandOutcome.Accepted accepted, DateTimeOffset now, IReadOnlySet<string> full, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 5; round++)
        {
            var steps = workflow.SystemSteps(accepted.Ticket, now);
            CommandOutcome? next = null;
            if (steps.Count == 0 && DueWork.FollowUpDue(accepted.Ticket, now))
            {
                next = work.OpenFollowUp(accepted.Ticket, await followUpAgents.ChooseAsync(accepted.Ticket.Id, cancellationToken), now);
            }
            else if (steps.Count == 0)
            {
                steps = await dispatching.NextStepsAsync(accepted.Ticket, now, force: false, full, cancellationToken);
            }

            next ??= steps.Count > 0 ? workflow.DecideAll(accepted.Ticket, steps, now) : null;
            if (next is not CommandOutcome.Accepted followed)
            {
                return accepted;
            }

            accepted = new CommandOutcome.Accepted(followed.Ticket, [.. accepted.Events, .. followed.Events]);
        }

        return accepted;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: {Events} moved it from {From} to {To}")]
    private static partial void LogApplied(ILogger logger, string ticketNumber, string events, TicketStatus from, TicketStatus to);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Ticket {TicketNumber}: a change lost a write race (attempt {Attempt}); deciding again on the fresh state")]
    private static partial void LogRaceLost(ILogger logger, string ticketNumber, int attempt);
}
