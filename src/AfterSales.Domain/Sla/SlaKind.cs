using AfterSales.Domain.Lifecycle;

namespace AfterSales.Domain.Sla;

/// <summary>What a promise is about; each kind has fixed start and stop milestones.</summary>
public enum SlaKind
{
    /// <summary>Registered within a limit of the customer's contact (step 1).</summary>
    Registration,
    /// <summary>Classified and assigned within a limit of registration (step 2).</summary>
    Assignment,
    /// <summary>First response: an engineer accepted and contacts the customer.</summary>
    Response,
    /// <summary>The work finished.</summary>
    Resolution,
    /// <summary>Result reported to the customer within a limit of resolution (step 4).</summary>
    Feedback,
    /// <summary>Customer confirmation within a limit of the report (step 4).</summary>
    Confirmation,
    /// <summary>The follow-up call done within a limit of its trigger (step 5).</summary>
    FollowUp,
}

/// <summary>Where each kind of clock starts and stops.</summary>
public static class SlaKinds
{
    /// <summary>The milestones that start a clock of this kind.</summary>
    public static IReadOnlyList<Milestone> StartsAt(SlaKind kind) => kind switch
    {
        SlaKind.Registration => [Milestone.Contacted],
        SlaKind.Assignment or SlaKind.Response or SlaKind.Resolution => [Milestone.Registered, Milestone.Reopened],
        SlaKind.Feedback => [Milestone.Resolved],
        SlaKind.Confirmation => [Milestone.ResultReported],
        SlaKind.FollowUp => [Milestone.FollowUpDue],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Whether a ticket of <paramref name="type"/> has promises of this kind at all: a follow-up visit (回访类) is
    /// not dispatched to an engineer, so only its registration and the follow-up itself are promised.
    /// </summary>
    public static bool AppliesTo(SlaKind kind, Tickets.TicketType? type) =>
        type != Tickets.TicketType.FollowUp || kind is SlaKind.Registration or SlaKind.FollowUp;

    /// <summary>Kinds whose breach the customer feels and is apologised for by default (response and resolution).</summary>
    public static bool CustomerFacing(SlaKind kind) => kind is SlaKind.Response or SlaKind.Resolution;

    /// <summary>Kinds only the customer can stop (their confirmation): the customer is reminded before the deadline.</summary>
    public static bool CustomerActs(SlaKind kind) => kind is SlaKind.Confirmation;

    /// <summary>The milestone that stops a clock of this kind.</summary>
    public static Milestone StopsAt(SlaKind kind) => kind switch
    {
        SlaKind.Registration => Milestone.Registered,
        SlaKind.Assignment => Milestone.Assigned,
        SlaKind.Response => Milestone.Responded,
        SlaKind.Resolution => Milestone.Resolved,
        SlaKind.Feedback => Milestone.ResultReported,
        SlaKind.Confirmation => Milestone.Confirmed,
        SlaKind.FollowUp => Milestone.FollowedUp,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
