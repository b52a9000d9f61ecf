namespace AfterSales.Functions.Api;

/// <summary>
/// The body of a lifecycle command (all fields optional; each command reads the ones it needs).
/// <c>reason</c> is the free-text "why" kept in the history.
/// </summary>
public sealed record TicketCommandRequest
{
    /// <summary>Why (required to decline, reopen and to override a classification).</summary>
    public string? Reason { get; init; }
    /// <summary>classify: repair, consultation, complaint, followUp.</summary>
    public string? Type { get; init; }
    /// <summary>classify: second-level tag, e.g. 硬件故障.</summary>
    public string? Tag { get; init; }
    /// <summary>classify: urgent, normal, routine.</summary>
    public string? Urgency { get; init; }
    /// <summary>assign: the engineer's sign-in name.</summary>
    public string? Engineer { get; init; }
    /// <summary>pause: customer or parts.</summary>
    public string? WaitingFor { get; init; }
    /// <summary>resolve, report-result: what was done / what the customer was told.</summary>
    public string? Summary { get; init; }
    /// <summary>confirm: satisfied, basicallySatisfied, notSatisfied.</summary>
    public string? Rating { get; init; }
    /// <summary>cancel: duplicate or withdrawn.</summary>
    public string? Kind { get; init; }
    /// <summary>cancel as duplicate: the number or id of the ticket it duplicates.</summary>
    public string? DuplicateOf { get; init; }
}
