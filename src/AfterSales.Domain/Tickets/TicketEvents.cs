using AfterSales.Domain.Explanations;
using AfterSales.Domain.Classification;
using AfterSales.Domain.Dispatch;

namespace AfterSales.Domain.Tickets;

// The lifecycle events, one per command. Type names are part of the stored format: never rename them.

/// <summary>Type, tag and urgency were set, by the rules at intake or by staff.</summary>
public sealed record TicketClassified(
    TicketType? TicketType, string? Tag, Urgency Urgency, ClassificationSource Source, string? TypeRule, string? UrgencyRule) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketClassified);
}

/// <summary>The ticket was given to an engineer (or moved from one to another).</summary>
public sealed record TicketAssigned(string Engineer, string? PreviousEngineer) : TicketEventData
{
    /// <summary>True when the dispatcher chose; false when a person assigned by hand.</summary>
    public bool Automatic { get; init; }

    /// <summary>The engineer must accept by then, or the next candidate gets the offer.</summary>
    public DateTimeOffset? AcceptBy { get; init; }

    /// <summary>Automatic dispatch: the eligible engineers best first, with their scores (the chosen one first).</summary>
    public IReadOnlyList<DispatchCandidate>? Candidates { get; init; }

    /// <summary>Engineers ruled out, and why.</summary>
    public IReadOnlyList<IneligibleEngineer>? Ineligible { get; init; }

    /// <summary>Manual assignment: why the dispatcher would not have chosen this engineer (the person overrode it).</summary>
    public IReadOnlyList<Explanation>? Warnings { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(TicketAssigned);
}

/// <summary>The engineer took the job.</summary>
public sealed record AssignmentAccepted(string Engineer) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(AssignmentAccepted);
}

/// <summary>The engineer turned the job down; it is back with the supervisor.</summary>
public sealed record AssignmentDeclined(string Engineer) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(AssignmentDeclined);
}

/// <summary>The service began.</summary>
public sealed record ServiceStarted(string? Engineer) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(ServiceStarted);
}

/// <summary>The service paused, waiting for the customer or for parts.</summary>
public sealed record ServicePaused(PauseReason Reason) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(ServicePaused);
}

/// <summary>The service continued after a pause.</summary>
public sealed record ServiceResumed(PauseReason WasWaitingFor) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(ServiceResumed);
}

/// <summary>The work is done.</summary>
public sealed record TicketResolved(string Summary) : TicketEventData
{
    /// <summary>The structured result (Template 3 content), when given.</summary>
    public ServiceResult? Result { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(TicketResolved);
}

/// <summary>The result was reported to the customer.</summary>
public sealed record ResultReported(string Summary) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(ResultReported);
}

/// <summary>The customer confirmed the result with a rating.</summary>
public sealed record TicketConfirmed(ConfirmationRating Rating) : TicketEventData
{
    /// <summary>The customer's words.</summary>
    public string? Comment { get; init; }

    /// <summary>The signature blob and its SHA-256, when signed online.</summary>
    public SignatureRef? Signature { get; init; }

    /// <summary>Set when signed on a staff member's device.</summary>
    public StaffDevice? Device { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(TicketConfirmed);
}

/// <summary>The follow-up call became due: in the follow-up agents' queue, its clock running.</summary>
public sealed record FollowUpStarted : TicketEventData
{
    /// <summary>What it follows.</summary>
    public FollowUps.FollowUpReason? Reason { get; init; }

    /// <summary>The follow-up agent it was given to; null: any follow-up agent.</summary>
    public string? Agent { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(FollowUpStarted);
}

/// <summary>The ticket was finished.</summary>
public sealed record TicketClosed : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketClosed);
}

/// <summary>The ticket was cancelled as a duplicate or withdrawn.</summary>
public sealed record TicketCancelled(CancelReason Reason, string? DuplicateOf) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketCancelled);
}

/// <summary>The ticket was opened again for a second handling (二次处理).</summary>
public sealed record TicketReopened(int Round) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketReopened);
}

/// <summary>No engineer could take the ticket; it waits in the department supervisor's queue.</summary>
public sealed record TicketQueued(Department Department, IReadOnlyList<IneligibleEngineer> Ineligible) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(TicketQueued);
}

/// <summary>The engineer neither accepted nor declined in time; the offer lapsed.</summary>
public sealed record OfferLapsed(string Engineer, DateTimeOffset AcceptBy) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(OfferLapsed);
}

/// <summary>The engineer agreed a visit or call time with the customer.</summary>
public sealed record AppointmentAgreed(Appointment Appointment) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(AppointmentAgreed);
}

/// <summary>A visit or remote session was recorded (Template 2).</summary>
public sealed record ServiceVisitRecorded(ServiceVisit Visit) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(ServiceVisitRecorded);
}

/// <summary>A quote was sent to the customer for approval.</summary>
public sealed record QuoteProposed(Quote Quote) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(QuoteProposed);
}

/// <summary>The customer agreed to the quoted cost.</summary>
public sealed record QuoteApproved(int Number, decimal Total, string? Comment) : TicketEventData
{
    /// <summary>Set when approved on a staff member's device.</summary>
    public StaffDevice? Device { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(QuoteApproved);
}

/// <summary>The customer declined the quoted cost.</summary>
public sealed record QuoteRefused(int Number, decimal Total, string? Comment) : TicketEventData
{
    /// <summary>Set when refused on a staff member's device.</summary>
    public StaffDevice? Device { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(QuoteRefused);
}

/// <summary>The customer's link for what waits for them was sent again (a new SMS with a fresh link).</summary>
public sealed record CustomerLinkResent : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(CustomerLinkResent);
}

/// <summary>The customer, who had not confirmed by the reminder point, was reminded (an SMS with a fresh link).</summary>
public sealed record CustomerReminded(Sla.CustomerReminder Reminder) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(CustomerReminded);
}

/// <summary>The customer's page was opened on a staff member's device (the actor), for the round's confirmation or the pending quote.</summary>
public sealed record DeviceLinkIssued(int Round, int? QuoteNumber) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(DeviceLinkIssued);
}

/// <summary>A follow-up call was planned (after a confirmed repair or complaint, or a new customer's purchase).</summary>
public sealed record FollowUpScheduled(FollowUps.FollowUpReason Reason, DateTimeOffset DueFrom) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(FollowUpScheduled);
}

/// <summary>A follow-up call was made.</summary>
public sealed record FollowUpCallRecorded(FollowUps.CallAttempt Call) : TicketEventData
{
    /// <summary>After an unanswered call: when to call again.</summary>
    public DateTimeOffset? NextCallAt { get; init; }

    /// <summary>True when this was the last try: the customer is unreachable.</summary>
    public bool Unreachable { get; init; }

    /// <inheritdoc />
    public override string Type => nameof(FollowUpCallRecorded);
}

/// <summary>The satisfaction survey (Template 4) was answered.</summary>
public sealed record SurveyRecorded(FollowUps.SurveyAnswer Survey) : TicketEventData
{
    /// <summary>Dimensions scored below the pass score; any starts a second handling.</summary>
    public IReadOnlyList<string> Below { get; init; } = [];

    /// <inheritdoc />
    public override string Type => nameof(SurveyRecorded);
}

/// <summary>A promise is at risk or broken: the person who must act, the supervisor or the manager was told.</summary>
public sealed record SlaEscalated(Sla.Escalation Escalation) : TicketEventData
{
    /// <inheritdoc />
    public override string Type => nameof(SlaEscalated);
}
