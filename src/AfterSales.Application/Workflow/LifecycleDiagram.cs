using System.Text;
using AfterSales.Domain.Lifecycle;

namespace AfterSales.Application.Workflow;

/// <summary>
/// The lifecycle orchestration as a Mermaid state diagram, drawn from what drives it: the process steps
/// (<see cref="TicketProcess.StepOf"/>), the ticket's transitions between them (<see cref="TicketLifecycle.Table"/>),
/// and the deadlines the orchestration acts on itself (<see cref="TicketLifecycleOrchestration.DeadlineActions"/>).
/// docs/workflow.md carries it, and a test keeps it current.
/// </summary>
public static class LifecycleDiagram
{
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> dispatch: intake starts the orchestration\n");
        text.Append("    [*] --> followUpPlanned: a purchase's follow-up visit\n");
        var edges = TicketLifecycle.Table
            .Where(t => t.Command != TicketCommandKind.Escalate)
            .Select(t => (From: TicketProcess.StepOf(t.From), To: TicketProcess.StepOf(t.To), t.Command))
            .Where(e => e.From != e.To)
            .GroupBy(e => (e.From, e.To))
            .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To);
        foreach (var edge in edges)
        {
            var commands = string.Join(", ", edge.Select(e => TicketLifecycle.Name(e.Command)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            var round = !edge.Any(e => e.Command == TicketCommandKind.Reopen) ? string.Empty
                : edge.Key.From == ProcessStep.Ended ? " (next round: started again)" : " (next round: continue as new)";
            text.Append($"    {Node(edge.Key.From)} --> {Node(edge.Key.To)}: {commands}{round}\n");
        }

        foreach (var (step, action) in TicketLifecycleOrchestration.DeadlineActions.OrderBy(a => a.Key))
        {
            text.Append($"    {Node(step)} --> {Node(step)}: deadline (durable timer): {action}\n");
        }

        text.Append("    ended --> [*]\n");
        return text.ToString();
    }

    private static string Node(ProcessStep step) => EnumNames.Name(step);
}
