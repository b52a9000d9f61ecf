using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>A request to move a ticket; checked against <see cref="TicketLifecycle"/> before anything happens.</summary>
public abstract record TicketCommand
{
    /// <summary>Which row of the table it asks for.</summary>
    public abstract TicketCommandKind Kind { get; }

    /// <summary>Why, in the actor's words; kept in the history.</summary>
    public string? Note { get; init; }
}

/// <summary>Sets type, tag and urgency; a reason (<see cref="TicketCommand.Note"/>) is required to override.</summary>
public sealed record ClassifyTicket(TicketType TicketType, string? Tag, Urgency Urgency) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Classify;
}

/// <summary>Gives the ticket to an engineer (by the name they sign in with).</summary>
public sealed record AssignTicket(string Engineer) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Assign;
}

/// <summary>Plain commands that carry nothing but a note.</summary>
public sealed record SimpleCommand(TicketCommandKind Command) : TicketCommand
{
    /// <summary>The commands this record may carry.</summary>
    public static IReadOnlyList<TicketCommandKind> Allowed { get; } =
    [
        TicketCommandKind.Accept, TicketCommandKind.Decline, TicketCommandKind.Start, TicketCommandKind.Resume,
        TicketCommandKind.StartFollowUp, TicketCommandKind.Close, TicketCommandKind.Reopen,
    ];

    /// <inheritdoc />
    public override TicketCommandKind Kind => Allowed.Contains(Command)
        ? Command
        : throw new InvalidOperationException($"{Command} carries data; use its own command record.");
}

/// <summary>Pauses the service.</summary>
public sealed record PauseService(PauseReason Reason) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => Reason == PauseReason.Parts ? TicketCommandKind.PauseForParts : TicketCommandKind.PauseForCustomer;
}

/// <summary>Records that the work is done (<see cref="TicketCommandKind.Resolve"/>) or that the result was reported (<see cref="TicketCommandKind.ReportResult"/>).</summary>
public sealed record RecordResult(TicketCommandKind Command, string Summary) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => Command is TicketCommandKind.Resolve or TicketCommandKind.ReportResult
        ? Command
        : throw new InvalidOperationException($"{Command} is not a result command.");
}

/// <summary>Records the customer's confirmation.</summary>
public sealed record ConfirmResult(ConfirmationRating Rating) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Confirm;
}

/// <summary>Cancels the ticket.</summary>
public sealed record CancelTicket(CancelReason Reason, string? DuplicateOf) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Cancel;
}
