using AfterSales.Application.Dispatch;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.FollowUps;

/// <summary>
/// Shares follow-up calls among the configured follow-up agents by load: each open task is one entry of the
/// assignment index under <c>followup:{agent}</c>, the agent with the fewest is chosen (ties by name), and the
/// entry goes when the task is no longer open with them.
/// </summary>
public sealed class FollowUpAgents(IAssignmentIndex index, IOptions<FollowUpOptions> options)
{
    /// <summary>Prefix of follow-up agents' keys in the assignment index.</summary>
    public const string KeyPrefix = "followup:";

    /// <summary>The index key of an agent's open tasks.</summary>
    public static string Key(string agent) => KeyPrefix + agent;

    /// <summary>The agent with the fewest open tasks, with the task counted against them; null when none is configured.</summary>
    public async Task<string?> ChooseAsync(TicketId ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agents = options.Value.Agents.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToList();
        if (agents.Count == 0)
        {
            return null;
        }

        var held = await index.ListAllAsync(cancellationToken);
        var chosen = agents
            .OrderBy(a => held.TryGetValue(Key(a), out var list) ? list.Count(e => e.Ticket != ticket) : 0)
            .ThenBy(a => a, StringComparer.Ordinal)
            .First();
        await index.TryAddAsync(Key(chosen), ticket, now, max: null, cancellationToken);
        return chosen;
    }

    /// <summary>After a change is stored: a task no longer open with its agent stops counting against them.</summary>
    public async Task SettleAsync(Ticket? before, Ticket after, CancellationToken cancellationToken)
    {
        if (before?.CurrentFollowUp is { Status: FollowUpStatus.Open, Agent: { } agent }
            && !(after.CurrentFollowUp is { Status: FollowUpStatus.Open } now && now.Agent == agent && now.Round == before.CurrentFollowUp.Round))
        {
            await index.RemoveAsync(Key(agent), after.Id, cancellationToken);
        }
    }

    /// <summary>Whether the ticket backs an entry of the agent: its open follow-up is with them.</summary>
    public static bool Backs(Ticket ticket, string agent) => ticket.CurrentFollowUp is { Status: FollowUpStatus.Open } task && task.Agent == agent;
}
