namespace AfterSales.Application.Lifecycle;

/// <summary>
/// The body of a lifecycle command: <c>reason</c>, the free-text "why" kept in the history, which every command
/// takes; the commands that need nothing else (accept, start, close…) take this record itself, the others a
/// record of their own with exactly their fields.
/// </summary>
public record CommandRequest
{
    /// <summary>Why (required to decline, reopen and to override a classification).</summary>
    public string? Reason { get; init; }
}

/// <summary>classify: the type, tag and urgency.</summary>
public sealed record ClassifyRequest : CommandRequest
{
    /// <summary>repair, consultation, complaint, followUp.</summary>
    public string? Type { get; init; }
    /// <summary>Second-level tag, e.g. 硬件故障.</summary>
    public string? Tag { get; init; }
    /// <summary>urgent, normal, routine.</summary>
    public string? Urgency { get; init; }
}

/// <summary>assign: the engineer.</summary>
public sealed record AssignRequest : CommandRequest
{
    /// <summary>The engineer's sign-in name.</summary>
    public string? Engineer { get; init; }
}

/// <summary>pause: what the service waits for.</summary>
public sealed record PauseRequest : CommandRequest
{
    /// <summary>customer or parts.</summary>
    public string? WaitingFor { get; init; }
}

/// <summary>appointment: the window agreed with the customer.</summary>
public sealed record AppointmentRequest : CommandRequest
{
    /// <summary>Window start (ISO 8601 with offset).</summary>
    public string? From { get; init; }
    /// <summary>Window end (ISO 8601 with offset).</summary>
    public string? To { get; init; }
    /// <summary>onSite or remote.</summary>
    public string? Mode { get; init; }
}

/// <summary>visits: the service record (template 2).</summary>
public sealed record VisitRequest : CommandRequest
{
    /// <summary>Start (ISO 8601 with offset).</summary>
    public string? StartedAt { get; init; }
    /// <summary>End (ISO 8601 with offset).</summary>
    public string? EndedAt { get; init; }
    /// <summary>onSite or remote.</summary>
    public string? Mode { get; init; }
    /// <summary>What was found (检查情况).</summary>
    public string? Findings { get; init; }
    /// <summary>What was done (处理措施).</summary>
    public string? Measures { get; init; }
    /// <summary>Parts used.</summary>
    public List<PartRequest>? Parts { get; init; }
    /// <summary>Labour hours and amount.</summary>
    public LabourRequest? Labour { get; init; }
    /// <summary>Remarks (备注).</summary>
    public string? Remarks { get; init; }
    /// <summary>Why a product under warranty is charged (人为损坏, 耗材, 保修范围外…); required then.</summary>
    public string? ChargeReason { get; init; }
}

/// <summary>quote: chargeable work for the customer to approve.</summary>
public sealed record QuoteRequest : CommandRequest
{
    /// <summary>Parts quoted.</summary>
    public List<PartRequest>? Parts { get; init; }
    /// <summary>Labour to be charged, in yuan.</summary>
    public decimal? LabourAmount { get; init; }
    /// <summary>The cause found and the repair proposed.</summary>
    public string? Plan { get; init; }
    /// <summary>Risks the customer should know.</summary>
    public string? Risks { get; init; }
    /// <summary>Why a product under warranty is charged; required then.</summary>
    public string? ChargeReason { get; init; }
}

/// <summary>resolve: a summary, or the structured result (template 3).</summary>
public sealed record ResolveRequest : CommandRequest
{
    /// <summary>What was done.</summary>
    public string? Summary { get; init; }
    /// <summary>repaired, answered, complaintResolved, notRepairedQuoteRefused, notRepaired.</summary>
    public string? Outcome { get; init; }
    /// <summary>The cause found (required for repairs).</summary>
    public string? Cause { get; init; }
    /// <summary>What was done or answered.</summary>
    public string? Solution { get; init; }
    /// <summary>Maintenance advice.</summary>
    public string? Advice { get; init; }
    /// <summary>How a complaint was resolved (required for complaints).</summary>
    public string? ComplaintResolution { get; init; }
    /// <summary>Compensation for a complaint.</summary>
    public List<CompensationRequest>? Compensation { get; init; }
    /// <summary>Warranty of the repaired part, in months.</summary>
    public int? WarrantyMonths { get; init; }
}

/// <summary>report-result: what the customer was told.</summary>
public sealed record ReportResultRequest : CommandRequest
{
    /// <summary>What the customer was told (required).</summary>
    public string? Summary { get; init; }
}

/// <summary>confirm: the customer's rating on a paper form.</summary>
public sealed record ConfirmRequest : CommandRequest
{
    /// <summary>satisfied, basicallySatisfied, notSatisfied.</summary>
    public string? Rating { get; init; }
}

/// <summary>start-follow-up: who calls.</summary>
public sealed record StartFollowUpRequest : CommandRequest
{
    /// <summary>The follow-up agent (default: the caller when a follow-up agent, else the shared queue).</summary>
    public string? Agent { get; init; }
}

/// <summary>calls: how a follow-up call went.</summary>
public sealed record CallRequest : CommandRequest
{
    /// <summary>reached, noAnswer, wrongNumber.</summary>
    public string? Outcome { get; init; }
}

/// <summary>survey: the customer's answers, recorded by staff from the call.</summary>
public sealed record SurveyCommandRequest : CommandRequest
{
    /// <summary>The answers (template 4).</summary>
    public SurveyRequest? Survey { get; init; }
}

/// <summary>cancel: why the ticket is cancelled.</summary>
public sealed record CancelRequest : CommandRequest
{
    /// <summary>duplicate or withdrawn.</summary>
    public string? Kind { get; init; }
    /// <summary>As a duplicate: the number or id of the ticket it duplicates.</summary>
    public string? DuplicateOf { get; init; }
}

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

/// <summary>A part used or quoted.</summary>
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
