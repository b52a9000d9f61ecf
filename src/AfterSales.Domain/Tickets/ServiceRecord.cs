namespace AfterSales.Domain.Tickets;

/// <summary>Where the service happens.</summary>
public enum ServiceMode
{
    /// <summary>上门: at the customer's place.</summary>
    OnSite,
    /// <summary>远程: video call or remote assistance.</summary>
    Remote,
}

/// <summary>The time window agreed with the customer for the visit or call.</summary>
public sealed record Appointment(DateTimeOffset From, DateTimeOffset To, ServiceMode Mode, string? Note);

/// <summary>A spare part used in a visit (Template 2 "parts/tools used"; genuine parts only, old part shown).</summary>
/// <param name="PartNumber">The manufacturer's part number, for traceability.</param>
/// <param name="Name">What the part is.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price per piece charged to the customer, in yuan (0 under warranty).</param>
/// <param name="Genuine">True for an original part, false for another; null when the engineer did not say.</param>
/// <param name="OldPartShown">True when the replaced part was shown to the customer.</param>
public sealed record PartUsed(string PartNumber, string Name, int Quantity, decimal UnitPrice, bool? Genuine, bool OldPartShown)
{
    /// <summary>Quantity × unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>Labour charged for a visit.</summary>
/// <param name="Hours">Hours worked.</param>
/// <param name="Amount">Labour charged to the customer, in yuan (0 under warranty).</param>
public sealed record Labour(decimal Hours, decimal Amount);

/// <summary>One visit or remote session as the service record form (服务过程记录表, Template 2) asks.</summary>
/// <param name="Number">1, 2, … within the ticket.</param>
/// <param name="Engineer">Who did the work.</param>
/// <param name="StartedAt">Visit start.</param>
/// <param name="EndedAt">Visit end.</param>
/// <param name="Mode">On site or remote.</param>
/// <param name="Findings">What was found (检查情况).</param>
/// <param name="Measures">What was done (处理措施).</param>
/// <param name="Parts">Parts used.</param>
/// <param name="Labour">Labour, when charged or counted.</param>
/// <param name="Remarks">Anything else (备注).</param>
/// <param name="Round">The handling round it belongs to.</param>
public sealed record ServiceVisit(
    int Number,
    string Engineer,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    ServiceMode Mode,
    string Findings,
    string Measures,
    IReadOnlyList<PartUsed> Parts,
    Labour? Labour,
    string? Remarks,
    int Round)
{
    /// <summary>What the visit costs the customer: parts plus labour.</summary>
    public decimal Charge => Parts.Sum(p => p.Amount) + (Labour?.Amount ?? 0);

    /// <summary>Why a product under warranty was charged, shown to the customer with the charge.</summary>
    public string? ChargeReason { get; init; }
}

/// <summary>A line of a quote.</summary>
public sealed record QuoteLine(string PartNumber, string Name, int Quantity, decimal UnitPrice)
{
    /// <summary>Quantity × unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>Where a quote stands.</summary>
public enum QuoteStatus
{
    /// <summary>Sent; waiting for the customer.</summary>
    Pending,
    /// <summary>The customer agreed to the cost.</summary>
    Approved,
    /// <summary>The customer declined the cost.</summary>
    Refused,
}

/// <summary>
/// The cost estimate the customer must approve before a chargeable repair (business rules step 3: cause,
/// plan, parts + labour, risks).
/// </summary>
/// <param name="Number">1, 2, … within the ticket.</param>
/// <param name="Parts">Parts to be charged.</param>
/// <param name="Labour">Labour to be charged, in yuan.</param>
/// <param name="Plan">The cause found and the repair proposed.</param>
/// <param name="Risks">Risks the customer should know.</param>
/// <param name="ProposedAt">When it was sent.</param>
/// <param name="Round">The handling round it belongs to.</param>
public sealed record Quote(int Number, IReadOnlyList<QuoteLine> Parts, decimal Labour, string Plan, string Risks, DateTimeOffset ProposedAt, int Round)
{
    /// <summary>Pending until the customer answers.</summary>
    public QuoteStatus Status { get; init; } = QuoteStatus.Pending;

    /// <summary>Why a product under warranty is charged, shown to the customer with the quote.</summary>
    public string? ChargeReason { get; init; }

    /// <summary>When the customer answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Who recorded the answer (the customer through the link, or staff after a call).</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>The customer's words with the answer.</summary>
    public string? Comment { get; init; }

    /// <summary>Set when the customer answered on a staff member's device.</summary>
    public StaffDevice? AnsweredOnDevice { get; init; }

    /// <summary>Parts plus labour.</summary>
    public decimal Total => Parts.Sum(p => p.Amount) + Labour;
}

/// <summary>How the work ended.</summary>
public enum ServiceOutcome
{
    /// <summary>Repaired or installed.</summary>
    Repaired,
    /// <summary>Question answered, instructions given.</summary>
    Answered,
    /// <summary>Complaint resolved.</summary>
    ComplaintResolved,
    /// <summary>Not repaired because the customer refused the quote; the device is left as it was.</summary>
    NotRepairedQuoteRefused,
    /// <summary>Not repaired for another reason, explained in the result.</summary>
    NotRepaired,
}

/// <summary>Compensation offered to a complaining customer.</summary>
public enum CompensationKind
{
    /// <summary>延保.</summary>
    ExtendedWarranty,
    /// <summary>免费服务.</summary>
    FreeService,
    /// <summary>退款/补偿金.</summary>
    Refund,
    /// <summary>Something else, described.</summary>
    Other,
}

/// <summary>One compensation item: kind, description, and months (extended warranty) or yuan (refund) when they apply.</summary>
public sealed record Compensation(CompensationKind Kind, string Description, int? Months, decimal? Amount);

/// <summary>The result as the confirmation form (服务结果确认表, Template 3) tells it.</summary>
/// <param name="Outcome">How the work ended.</param>
/// <param name="Cause">The cause found (故障原因).</param>
/// <param name="Solution">What was done or answered (解决方案).</param>
/// <param name="Advice">Maintenance advice (维护建议).</param>
/// <param name="ComplaintResolution">For complaints: how it was resolved.</param>
/// <param name="Compensation">For complaints: what the customer gets.</param>
/// <param name="WarrantyMonths">Warranty of the repaired part, in months.</param>
public sealed record ServiceResult(
    ServiceOutcome Outcome,
    string? Cause,
    string Solution,
    string? Advice,
    string? ComplaintResolution,
    IReadOnlyList<Compensation> Compensation,
    int? WarrantyMonths);

/// <summary>A stored signature image: where it is and the SHA-256 of its bytes (lowercase hex).</summary>
public sealed record SignatureRef(string BlobName, string Sha256, int Bytes);

/// <summary>The customer's confirmation of a round's result.</summary>
/// <param name="Rating">满意 / 基本满意 / 不满意.</param>
/// <param name="Comment">The customer's words.</param>
/// <param name="Signature">The signature, when signed online; null when staff recorded a paper form.</param>
/// <param name="At">When it was given.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Round">The round it confirms.</param>
public sealed record CustomerConfirmation(ConfirmationRating Rating, string? Comment, SignatureRef? Signature, DateTimeOffset At, Actor By, int Round)
{
    /// <summary>Set when the customer signed on a staff member's device: who opened the page for them, and when.</summary>
    public StaffDevice? Device { get; init; }
}

/// <summary>
/// A customer's act done on a staff member's device (the on-site "sign on my tablet"), not through the customer's
/// own SMS link: who opened the customer's page, and when. Shown wherever the act is.
/// </summary>
public sealed record StaffDevice(string IssuedBy, DateTimeOffset IssuedAt);

/// <summary>A customer page opened on a staff member's device: the event that recorded it, by whom, when, for which round or quote.</summary>
public sealed record DeviceLink(int Sequence, string IssuedBy, DateTimeOffset IssuedAt, int Round, int? QuoteNumber);

/// <summary>Where dispatch stands for the current round.</summary>
/// <param name="PassedOver">Engineers who declined or let the offer lapse in this round; they are not offered it again.</param>
/// <param name="AcceptBy">The deadline of the current offer.</param>
/// <param name="Queue">The department whose supervisor must assign by hand (no eligible engineer), or null.</param>
public sealed record DispatchState(IReadOnlyList<string> PassedOver, DateTimeOffset? AcceptBy, Dispatch.Department? Queue)
{
    /// <summary>Nothing tried yet.</summary>
    public static DispatchState None { get; } = new([], null, null);
}
