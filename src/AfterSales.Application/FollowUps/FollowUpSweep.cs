using AfterSales.Domain.Explanations;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Escalations;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Timers;
using AfterSales.Domain.Lifecycle;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.FollowUps;

/// <summary>
/// Opens follow-ups that have come due: reads only the follow-up entries of the due-index, and for each ticket
/// whose planned follow-up is due gives it to the follow-up agent with the fewest open tasks (the follow-up
/// clock starts and the survey SMS goes out in the same write). A ticket re-read with nothing due is left alone.
/// </summary>
public sealed partial class FollowUpSweep(
    IDueIndex due, TicketCommands commands, DueWork work, FollowUpAgents agents, ILogger<FollowUpSweep> logger) : ITimerFunction
{
    public const string FunctionName = "FollowUpSweep";

    /// <summary>Most entries handled per run.</summary>
    public const int BatchSize = 500;

    public string Name => FunctionName;

    /// <summary>Nothing due when the due-index has no entry of this sweep's kind due by <paramref name="now"/> (one query).</summary>
    public async Task<Explanation?> NothingDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await due.DueAsync(TicketDeadlines.FollowUpDue, now, 1, cancellationToken)).Count == 0 ? Explanation.Of(MessageCodes.NothingDue) : null;

    public async Task<TimerRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (opened, stale, failed) = (0, 0, 0);
        var logs = new List<Explanation>();
        foreach (var entry in await due.DueAsync(TicketDeadlines.FollowUpDue, now, BatchSize, cancellationToken))
        {
            try
            {
                var result = await commands.ExecuteAsync(entry.Ticket, async (ticket, at, ct) => DueWork.FollowUpDue(ticket, at)
                    ? work.OpenFollowUp(ticket, await agents.ChooseAsync(ticket.Id, ct), at)
                    : work.OpenFollowUp(ticket, agent: null, at), ifMatch: null, cancellationToken);
                if (result is TicketCommandResult.Busy)
                {
                    continue;
                }

                if (result is TicketCommandResult.Done done)
                {
                    opened++;
                    var task = done.Ticket.Ticket.CurrentFollowUp;
                    logs.Add(task?.Agent is { } agent
                        ? Explanation.Of(MessageCodes.TimerFollowUpOpenedFor, done.Ticket.Ticket.Number, task.Reason, agent)
                        : Explanation.Of(MessageCodes.TimerFollowUpOpenedQueue, done.Ticket.Ticket.Number, task?.Reason));
                }
                else
                {
                    stale++;
                }

                await due.RemoveAsync(entry, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                LogFailed(logger, entry.Ticket.Value, e);
            }
        }

        logs.Insert(0, Explanation.Of(MessageCodes.TimerFollowUps, opened, stale, failed));
        return new TimerRunResult(logs);
    }

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Follow-up sweep: ticket {TicketId} failed; its entry stays for the next run")]
    private static partial void LogFailed(ILogger logger, string ticketId, Exception exception);
}
