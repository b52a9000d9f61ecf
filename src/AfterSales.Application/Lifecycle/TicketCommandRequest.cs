namespace AfterSales.Application.Lifecycle;

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
    /// <summary>appointment: window start (ISO 8601 with offset).</summary>
    public string? From { get; init; }
    /// <summary>appointment: window end (ISO 8601 with offset).</summary>
    public string? To { get; init; }
    /// <summary>appointment, visits: onSite or remote.</summary>
    public string? Mode { get; init; }
    /// <summary>visits: start (ISO 8601 with offset).</summary>
    public string? StartedAt { get; init; }
    /// <summary>visits: end (ISO 8601 with offset).</summary>
    public string? EndedAt { get; init; }
    /// <summary>visits: what was found (检查情况).</summary>
    public string? Findings { get; init; }
    /// <summary>visits: what was done (处理措施).</summary>
    public string? Measures { get; init; }
    /// <summary>visits, quote: parts.</summary>
    public List<PartRequest>? Parts { get; init; }
    /// <summary>visits: labour hours and amount.</summary>
    public LabourRequest? Labour { get; init; }
    /// <summary>visits: remarks (备注).</summary>
    public string? Remarks { get; init; }
    /// <summary>quote: labour to be charged, in yuan.</summary>
    public decimal? LabourAmount { get; init; }
    /// <summary>quote: the cause found and the repair proposed.</summary>
    public string? Plan { get; init; }
    /// <summary>quote: risks the customer should know.</summary>
    public string? Risks { get; init; }
    /// <summary>quote, visits: why a product under warranty is charged (人为损坏, 耗材, 保修范围外…); required then.</summary>
    public string? ChargeReason { get; init; }
    /// <summary>resolve: repaired, answered, complaintResolved, notRepairedQuoteRefused, notRepaired.</summary>
    public string? Outcome { get; init; }
    /// <summary>resolve: the cause found (required for repairs).</summary>
    public string? Cause { get; init; }
    /// <summary>resolve: what was done or answered.</summary>
    public string? Solution { get; init; }
    /// <summary>resolve: maintenance advice.</summary>
    public string? Advice { get; init; }
    /// <summary>resolve: how a complaint was resolved (required for complaints).</summary>
    public string? ComplaintResolution { get; init; }
    /// <summary>resolve: compensation for a complaint.</summary>
    public List<CompensationRequest>? Compensation { get; init; }
    /// <summary>resolve: warranty of the repaired part, in months.</summary>
    public int? WarrantyMonths { get; init; }
    /// <summary>start-follow-up: the follow-up agent (default: the caller when a follow-up agent, else the shared queue).</summary>
    public string? Agent { get; init; }
    /// <summary>survey: the customer's answers.</summary>
    public SurveyRequest? Survey { get; init; }
}

/// <summary>A part used or quoted.</summary>
/// <summary>The satisfaction survey (template 4) as staff record it from the call.</summary>
public sealed record SurveyRequest
{
    /// <summary>Service attitude 1-10 (omit for a purchase follow-up).</summary>
    public int? Attitude { get; init; }
    /// <summary>Professional skill 1-10 (omit for a purchase follow-up).</summary>
    public int? Skill { get; init; }
    /// <summary>Efficiency 1-10 (omit for a purchase follow-up).</summary>
    public int? Efficiency { get; init; }
    /// <summary>Overall satisfaction 1-10 (required).</summary>
    public int? Overall { get; init; }
    /// <summary>Likelihood to recommend 0-10 (for NPS).</summary>
    public int? Recommend { get; init; }
    /// <summary>True when the product works well now.</summary>
    public bool? ProductWorking { get; init; }
    public string? NewProblems { get; init; }
    /// <summary>yes, maybe or no.</summary>
    public string? BuyAgain { get; init; }
    public string? Suggestions { get; init; }
    /// <summary>Who answered, e.g. the customer's spouse.</summary>
    public string? Respondent { get; init; }
}

public sealed record PartRequest
{
    public string? PartNumber { get; init; }
    public string? Name { get; init; }
    public int? Quantity { get; init; }
    /// <summary>Yuan per piece charged to the customer (0 under warranty).</summary>
    public decimal? UnitPrice { get; init; }
    /// <summary>visits: an original part (default true).</summary>
    public bool? Genuine { get; init; }
    /// <summary>visits: the replaced part was shown to the customer.</summary>
    public bool? OldPartShown { get; init; }
}

/// <summary>Labour of a visit.</summary>
public sealed record LabourRequest
{
    public decimal? Hours { get; init; }
    /// <summary>Yuan charged (0 under warranty).</summary>
    public decimal? Amount { get; init; }
}

/// <summary>A compensation item: extendedWarranty (months), freeService, refund (amount), other.</summary>
public sealed record CompensationRequest
{
    public string? Kind { get; init; }
    public string? Description { get; init; }
    public int? Months { get; init; }
    public decimal? Amount { get; init; }
}
