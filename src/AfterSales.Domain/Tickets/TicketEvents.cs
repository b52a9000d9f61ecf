using AfterSales.Domain.Classification;

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
    /// <inheritdoc />
    public override string Type => nameof(TicketConfirmed);
}

/// <summary>The follow-up visit began.</summary>
public sealed record FollowUpStarted : TicketEventData
{
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
