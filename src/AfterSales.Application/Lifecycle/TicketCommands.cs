using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// Runs a lifecycle command: load the snapshot, let the workflow decide, store snapshot and events in
/// one conditional write. With the caller's If-Match, a changed ticket answers <see cref="TicketCommandResult.Stale"/>;
/// without it, a lost race is decided again against the fresh state, so two conflicting commands at
/// the same moment end with exactly one winner and no lost event.
/// </summary>
public sealed partial class TicketCommands(ITicketStore store, TicketWorkflow workflow, TimeProvider time, ILogger<TicketCommands> logger)
{
    public const int MaxAttempts = 10;

    public async Task<TicketCommandResult> ExecuteAsync(
        TicketId id, TicketCommand command, Actor actor, string? ifMatch, CancellationToken cancellationToken)
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

            var outcome = workflow.Decide(stored.Ticket, command, actor, time.GetUtcNow());
            if (outcome is not CommandOutcome.Accepted accepted)
            {
                return new TicketCommandResult.Rejected(outcome, stored);
            }

            var etag = await store.TryAppendAsync(accepted.Ticket, accepted.Events, stored.ETag, cancellationToken);
            if (etag is not null)
            {
                LogApplied(logger, stored.Ticket.Number.ToString(), command.Kind, stored.Ticket.Status, accepted.Ticket.Status, actor.Name, actor.Role);
                return new TicketCommandResult.Done(new StoredTicket(accepted.Ticket, etag), accepted.Events);
            }

            if (ifMatch is not null)
            {
                var current = await store.GetAsync(id, cancellationToken);
                return current is null ? new TicketCommandResult.NotFound() : new TicketCommandResult.Stale(current);
            }

            LogRaceLost(logger, stored.Ticket.Number.ToString(), command.Kind, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }

        return new TicketCommandResult.Busy(MaxAttempts);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: {Command} moved it from {From} to {To}, by {Actor} ({Role})")]
    private static partial void LogApplied(ILogger logger, string ticketNumber, TicketCommandKind command, TicketStatus from, TicketStatus to, string actor, string role);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Ticket {TicketNumber}: {Command} lost a write race (attempt {Attempt}); deciding again on the fresh state")]
    private static partial void LogRaceLost(ILogger logger, string ticketNumber, TicketCommandKind command, int attempt);
}
