using AfterSales.Application.Dispatch;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.FollowUps;

/// <summary>
/// Shares follow-up calls among the configured follow-up agents by load: each open task is one entry of the
/// assignment index under <c>followup:{agent}</c>, the agent with the fewest is chosen (ties by name); the change that
/// opens the task claims the entry and the change that ends it releases it (see <see cref="Lifecycle.TicketChanges"/>).
/// </summary>
public sealed class FollowUpAgents(IAssignmentIndex index, IOptions<FollowUpOptions> options)
{
    /// <summary>Prefix of follow-up agents' keys in the assignment index.</summary>
    public const string KeyPrefix = "followup:";

    /// <summary>The index key of an agent's open tasks.</summary>
    public static string Key(string agent) => KeyPrefix + agent;

    /// <summary>The agent with the fewest open tasks (the change that gives them the task claims their place); null when none is configured.</summary>
    public async Task<string?> ChooseAsync(TicketId ticket, CancellationToken cancellationToken)
    {
        var agents = options.Value.Agents.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToList();
        if (agents.Count == 0)
        {
            return null;
        }

        var held = await index.ListAllAsync(cancellationToken);
        return agents
            .OrderBy(a => held.TryGetValue(Key(a), out var list) ? list.Count(e => e.Ticket != ticket) : 0)
            .ThenBy(a => a, StringComparer.Ordinal)
            .First();
    }

    /// <summary>Whether the ticket backs an entry of the agent: its open follow-up is with them.</summary>
    public static bool Backs(Ticket ticket, string agent) => ticket.CurrentFollowUp is { Status: FollowUpStatus.Open } task && task.Agent == agent;
}
