using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Classification;

/// <summary>
/// A configurable classification rule: when the description contains any of <see cref="Keywords"/>
/// (case-insensitive; Chinese and English) and the ticket's fields match every condition given, it sets
/// <see cref="Type"/> and <see cref="Tag"/>, <see cref="Urgency"/>, or both.
/// </summary>
/// <param name="Name">Stable name, recorded on the ticket when it matches.</param>
/// <param name="Keywords">Words to look for in the symptom, frequency, what was tried and the caller's tag; empty = match on fields only.</param>
/// <param name="Type">Type it sets, if any.</param>
/// <param name="Tag">Second-level tag it sets with the type (e.g. 硬件故障).</param>
/// <param name="Urgency">Urgency it sets, if any.</param>
/// <param name="Channels">Only for these channels, if given.</param>
/// <param name="Warranty">Only for these warranty statuses, if given.</param>
public sealed record ClassificationRule(
    string Name,
    IReadOnlyList<string> Keywords,
    TicketType? Type = null,
    string? Tag = null,
    Urgency? Urgency = null,
    IReadOnlyList<Channel>? Channels = null,
    IReadOnlyList<WarrantyStatus>? Warranty = null)
{
    /// <summary>True when the rule matches the request.</summary>
    public bool Matches(TicketIntake intake)
    {
        if (Channels is { Count: > 0 } && !Channels.Contains(intake.Channel))
        {
            return false;
        }

        if (Warranty is { Count: > 0 } && !Warranty.Contains(intake.Product.Warranty))
        {
            return false;
        }

        if (Keywords.Count == 0)
        {
            return true;
        }

        var d = intake.Description;
        string?[] texts = [d.Symptom, d.Frequency, d.AlreadyTried, intake.RequestedTag];
        return Keywords.Any(k => texts.Any(t => t is not null && t.Contains(k, StringComparison.OrdinalIgnoreCase)));
    }
}
