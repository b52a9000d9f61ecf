using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Classification;

/// <summary>Who decided a classification.</summary>
public enum ClassificationSource
{
    /// <summary>The classification rules, at intake.</summary>
    Rules,
    /// <summary>A supervisor or manager, by hand.</summary>
    Staff,
}

/// <summary>
/// Type, second-level tag and urgency of a ticket, and how they were decided. A null type means the
/// rules could not tell and a supervisor must classify.
/// </summary>
/// <param name="Type">Repair, consultation, complaint or follow-up; null when unknown.</param>
/// <param name="Tag">Second-level tag (e.g. 硬件故障, 软件bug).</param>
/// <param name="Urgency">Urgent, normal or routine.</param>
/// <param name="Source">Rules or staff.</param>
/// <param name="TypeRule">The rule that set the type ("requested" when the caller's choice was kept).</param>
/// <param name="UrgencyRule">The rule that set the urgency ("stated" for the customer's own, "default" for normal).</param>
/// <param name="Reason">Why staff set it (required when overriding).</param>
public sealed record TicketClassification(
    TicketType? Type,
    string? Tag,
    Urgency Urgency,
    ClassificationSource Source,
    string? TypeRule,
    string? UrgencyRule,
    string? Reason);
