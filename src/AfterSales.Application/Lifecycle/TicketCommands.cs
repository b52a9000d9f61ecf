using AfterSales.Application.Dispatch;
using AfterSales.Application.Escalations;
using AfterSales.Application.FollowUps;
using AfterSales.Application.Inbox;
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
    TicketDeadlines deadlines,
    StaffInbox inbox,
    FollowUpAgents followUpAgents,
    Reports.ReportProjection projection,
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
            if (accepted.Events.Count == 0)
            {
                return new TicketCommandResult.Rejected(new CommandOutcome.NotAllowed(stored.Ticket.Status, []), stored);
            }

            var messages = await PrepareAsync(stored.Ticket, accepted, now, cancellationToken);
            var etag = await store.TryAppendAsync(accepted.Ticket, accepted.Events, messages, stored.ETag, cancellationToken);
            if (etag is not null)
            {
                await CommittedAsync(stored.Ticket, accepted.Ticket, messages, now, cancellationToken);
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

    /// <summary>
    /// Adds the system's own steps to an accepted change, until none is left: plan or finish a follow-up (a low
    /// survey score reopens the ticket), open a follow-up that is already due, dispatch a ticket waiting for an engineer.
    /// </summary>
    public async Task<CommandOutcome.Accepted> FollowAsync(CommandOutcome.Accepted accepted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 5; round++)
        {
            var steps = workflow.SystemSteps(accepted.Ticket, now);
            if (steps.Count == 0 && FollowUpSweep.IsDue(accepted.Ticket, now))
            {
                steps = [(new StartFollowUp(await followUpAgents.ChooseAsync(accepted.Ticket.Id, now, cancellationToken)) { Note = "Follow-up due." }, Actor.System)];
            }

            if (steps.Count == 0)
            {
                steps = await dispatching.NextStepsAsync(accepted.Ticket, now, force: false, cancellationToken);
            }

            if (steps.Count == 0 || workflow.DecideAll(accepted.Ticket, steps, now) is not CommandOutcome.Accepted followed)
            {
                return accepted;
            }

            accepted = new CommandOutcome.Accepted(followed.Ticket, [.. accepted.Events, .. followed.Events]);
        }

        return accepted;
    }

    /// <summary>The follow-up sweep's decision: open the ticket's planned follow-up if it is due (the agent is chosen in <see cref="FollowAsync"/>).</summary>
    public Task<CommandOutcome> OpenFollowUpAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<CommandOutcome>(FollowUpSweep.IsDue(ticket, now)
            ? new CommandOutcome.Accepted(ticket, [])
            : new CommandOutcome.NotAllowed(ticket.Status, []));

    /// <summary>
    /// Before a change is stored: the index entries it needs (assignment, offer and escalation deadlines, follow-up
    /// due, the promise of its report facts), its inbox items, and the SMS it owes (returned, to be written with it).
    /// </summary>
    public async Task<IReadOnlyList<SmsMessage>> PrepareAsync(Ticket? before, CommandOutcome.Accepted change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await dispatching.AnnounceAsync(before, change.Ticket, now, cancellationToken);
        await deadlines.AnnounceAsync(before, change.Ticket, cancellationToken);
        await inbox.AnnounceAsync(change.Ticket, change.Events, cancellationToken);
        await projection.AnnounceAsync(change.Ticket.Id, now, cancellationToken);
        return await notifier.PrepareAsync(before, change.Ticket, change.Events, now, cancellationToken);
    }

    /// <summary>After a change is stored: send its SMS, free the places it gave up, bring the report facts up to date.</summary>
    public async Task CommittedAsync(Ticket? before, Ticket after, IReadOnlyList<SmsMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        notifier.Committed(before, after, messages, now);
        if (before is not null)
        {
            await dispatching.SettleAsync(before, after, cancellationToken);
        }

        await followUpAgents.SettleAsync(before, after, cancellationToken);
        await projection.CommittedAsync(after, now, cancellationToken);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: {Events} moved it from {From} to {To}")]
    private static partial void LogApplied(ILogger logger, string ticketNumber, string events, TicketStatus from, TicketStatus to);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Ticket {TicketNumber}: a change lost a write race (attempt {Attempt}); deciding again on the fresh state")]
    private static partial void LogRaceLost(ILogger logger, string ticketNumber, int attempt);
}
