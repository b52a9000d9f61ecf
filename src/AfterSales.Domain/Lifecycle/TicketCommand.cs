using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>A request to move a ticket; checked against <see cref="TicketLifecycle"/> before anything happens.</summary>
public abstract record TicketCommand
{
    /// <summary>Which row of the table it asks for.</summary>
    public abstract TicketCommandKind Kind { get; }

    /// <summary>Why, in the actor's words; kept in the history.</summary>
    public string? Note { get; init; }

    /// <summary>The system's reason as a code and its arguments (see <see cref="Explanations.Explanation"/>); the event keeps it.</summary>
    public Explanations.Explanation? Why { get; init; }
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
    /// <summary>True when the dispatcher chose the engineer.</summary>
    public bool Automatic { get; init; }

    /// <summary>When the offer lapses if the engineer does not answer.</summary>
    public DateTimeOffset? AcceptBy { get; init; }

    /// <summary>The ranked candidates behind an automatic choice.</summary>
    public IReadOnlyList<Dispatch.DispatchCandidate>? Candidates { get; init; }

    /// <summary>Engineers ruled out, and why.</summary>
    public IReadOnlyList<Dispatch.IneligibleEngineer>? Ineligible { get; init; }

    /// <summary>For a manual assignment: why the dispatcher would not have chosen this engineer.</summary>
    public IReadOnlyList<Explanations.Explanation>? Warnings { get; init; }

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
        TicketCommandKind.Close, TicketCommandKind.Reopen, TicketCommandKind.ResendLink, TicketCommandKind.IssueDeviceLink,
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
    /// <summary>Resolve: the structured result (Template 3 content).</summary>
    public ServiceResult? Result { get; init; }

    /// <inheritdoc />
    public override TicketCommandKind Kind => Command is TicketCommandKind.Resolve or TicketCommandKind.ReportResult
        ? Command
        : throw new InvalidOperationException($"{Command} is not a result command.");
}

/// <summary>Records the customer's confirmation.</summary>
public sealed record ConfirmResult(ConfirmationRating Rating) : TicketCommand
{
    /// <summary>The customer's words.</summary>
    public string? Comment { get; init; }

    /// <summary>The stored signature, when signed online.</summary>
    public SignatureRef? Signature { get; init; }

    /// <summary>The round the customer was shown; a confirmation for another round is refused.</summary>
    public int? Round { get; init; }

    /// <summary>Set when the customer signed on a staff member's device rather than through their own SMS link.</summary>
    public StaffDevice? Device { get; init; }

    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Confirm;
}

/// <summary>Cancels the ticket.</summary>
public sealed record CancelTicket(CancelReason Reason, string? DuplicateOf) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Cancel;
}

/// <summary>No eligible engineer: the ticket waits in the department supervisor's queue.</summary>
public sealed record QueueTicket(Dispatch.Department Department, IReadOnlyList<Dispatch.IneligibleEngineer> Ineligible) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Queue;
}

/// <summary>The offer to the assigned engineer lapsed without an answer.</summary>
public sealed record LapseOffer : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.LapseOffer;
}

/// <summary>Records the visit or call time agreed with the customer.</summary>
public sealed record AgreeAppointment(Appointment Appointment) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Appoint;
}

/// <summary>Records a visit; the number and round are assigned by the workflow.</summary>
public sealed record RecordVisit(
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    ServiceMode Mode,
    string Findings,
    string Measures,
    IReadOnlyList<PartUsed> Parts,
    Labour? Labour,
    string? Remarks) : TicketCommand
{
    /// <summary>Why a product under warranty is charged (人为损坏, 耗材, 保修范围外…); required then.</summary>
    public string? ChargeReason { get; init; }

    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.RecordVisit;
}

/// <summary>Sends a quote; the number, round and time are assigned by the workflow.</summary>
public sealed record ProposeQuote(IReadOnlyList<QuoteLine> Parts, decimal Labour, string Plan, string Risks) : TicketCommand
{
    /// <summary>Why a product under warranty is charged (人为损坏, 耗材, 保修范围外…); required then.</summary>
    public string? ChargeReason { get; init; }

    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.ProposeQuote;
}

/// <summary>The customer's answer to the pending quote.</summary>
/// <param name="Approve">True to agree to the cost.</param>
/// <param name="QuoteNumber">The quote the customer was shown; an answer to another quote is refused.</param>
/// <param name="Comment">The customer's words.</param>
public sealed record AnswerQuote(bool Approve, int? QuoteNumber, string? Comment) : TicketCommand
{
    /// <summary>Set when the customer answered on a staff member's device rather than through their own SMS link.</summary>
    public StaffDevice? Device { get; init; }

    /// <inheritdoc />
    public override TicketCommandKind Kind => Approve ? TicketCommandKind.ApproveQuote : TicketCommandKind.RefuseQuote;
}

/// <summary>Records an escalation the rules say is due (the system's own command).</summary>
public sealed record Escalate(Sla.Escalation Escalation) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.Escalate;
}

/// <summary>Records a reminder the rules say is due, sent to the customer by SMS (the system's own command).</summary>
public sealed record RemindCustomer(Sla.CustomerReminder Reminder) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.RemindCustomer;
}

/// <summary>Plans the follow-up call of the current round.</summary>
public sealed record ScheduleFollowUp(FollowUps.FollowUpReason Reason, DateTimeOffset DueFrom) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.ScheduleFollowUp;
}

/// <summary>Opens the follow-up: the call is due, its clock starts, and it goes to <paramref name="Agent"/> (null: any follow-up agent).</summary>
public sealed record StartFollowUp(string? Agent) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.StartFollowUp;
}

/// <summary>Records one follow-up call.</summary>
public sealed record RecordCall(FollowUps.CallOutcome Outcome) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.RecordCall;
}

/// <summary>Records the survey answers (by the agent on the phone, or by the customer through the link).</summary>
public sealed record RecordSurvey(FollowUps.SurveyAnswer Survey) : TicketCommand
{
    /// <inheritdoc />
    public override TicketCommandKind Kind => TicketCommandKind.RecordSurvey;
}
