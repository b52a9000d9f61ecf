using AfterSales.Application.Dispatch;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Lifecycle;

/// <summary>Decides a change of a ticket as it is now; the result is either refused or stored whole.</summary>
public delegate Task<CommandOutcome> TicketDecision(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken);

/// <summary>
/// Runs a lifecycle command: load the snapshot, let the workflow decide, let the system take the steps
/// that follow (dispatch a ticket that waits for an engineer), store snapshot and events in one
/// conditional write. With the caller's If-Match, a changed ticket answers <see cref="TicketCommandResult.Stale"/>;
/// without it, a lost race is decided again against the fresh state, so two conflicting commands at
/// the same moment end with exactly one winner and no lost event.
/// </summary>
public sealed partial class TicketCommands(
    ITicketStore store,
    TicketWorkflow workflow,
    Dispatching dispatching,
    SmsNotifier notifier,
    TimeProvider time,
    ILogger<TicketCommands> logger)
{
    public const int MaxAttempts = 10;

    /// <summary>One command by one actor, followed by the system's own steps.</summary>
    public Task<TicketCommandResult> ExecuteAsync(
        TicketId id, TicketCommand command, Actor actor, string? ifMatch, CancellationToken cancellationToken) =>
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
        }, ifMatch, cancellationToken);

    /// <summary>Any decision, followed by the system's own steps, stored in one write.</summary>
    public async Task<TicketCommandResult> ExecuteAsync(TicketId id, TicketDecision decide, string? ifMatch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(id, cancellationToken);
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
            if (outcome is not CommandOutcome.Accepted accepted)
            {
                return new TicketCommandResult.Rejected(outcome, stored);
            }

            accepted = await FollowAsync(accepted, now, cancellationToken);
            await dispatching.AnnounceAsync(stored.Ticket, accepted.Ticket, now, cancellationToken);
            var messages = await notifier.PrepareAsync(stored.Ticket, accepted.Ticket, accepted.Events, now, cancellationToken);
            var etag = await store.TryAppendAsync(accepted.Ticket, accepted.Events, messages, stored.ETag, cancellationToken);
            if (etag is not null)
            {
                notifier.Committed(id, messages, now);
                await dispatching.SettleAsync(stored.Ticket, accepted.Ticket, cancellationToken);
                LogApplied(logger, stored.Ticket.Number.ToString(), string.Join(", ", accepted.Events.Select(e => e.Type)), stored.Ticket.Status, accepted.Ticket.Status);
                return new TicketCommandResult.Done(new StoredTicket(accepted.Ticket, etag), accepted.Events);
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

    /// <summary>Adds the system's own steps (dispatch of a ticket waiting for an engineer) to an accepted change.</summary>
    public async Task<CommandOutcome.Accepted> FollowAsync(CommandOutcome.Accepted accepted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var steps = await dispatching.NextStepsAsync(accepted.Ticket, now, force: false, cancellationToken);
        if (steps.Count == 0 || workflow.DecideAll(accepted.Ticket, steps, now) is not CommandOutcome.Accepted followed)
        {
            return accepted;
        }

        return new CommandOutcome.Accepted(followed.Ticket, [.. accepted.Events, .. followed.Events]);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: {Events} moved it from {From} to {To}")]
    private static partial void LogApplied(ILogger logger, string ticketNumber, string events, TicketStatus from, TicketStatus to);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Ticket {TicketNumber}: a change lost a write race (attempt {Attempt}); deciding again on the fresh state")]
    private static partial void LogRaceLost(ILogger logger, string ticketNumber, int attempt);
}
