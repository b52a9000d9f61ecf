using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Domain.Sla;

/// <summary>
/// One promise of the SLA policy: for tickets of some types and urgencies, a clock of
/// <see cref="Kind"/> must stop within <see cref="Allowance"/>, counted as <see cref="Measure"/>,
/// not counting time spent in <see cref="PausedBy"/>.
/// </summary>
public sealed record SlaTarget
{
    /// <summary>Creates a target; throws when it is inconsistent.</summary>
    public SlaTarget(
        string name,
        SlaKind kind,
        TimeAllowance allowance,
        ClockMeasure measure,
        IReadOnlyList<TicketType>? types = null,
        IReadOnlyList<Urgency>? urgencies = null,
        IReadOnlyList<TicketStatus>? pausedBy = null,
        double warningRatio = DefaultWarningRatio,
        double managerAfterRatio = DefaultManagerAfterRatio,
        bool? apology = null,
        double newPromiseRatio = DefaultNewPromiseRatio,
        double? reminderRatio = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (allowance.IsWorkingDays && measure == ClockMeasure.Elapsed)
        {
            throw new ArgumentException($"SLA target '{name}': working days are counted in business time, not elapsed time.");
        }

        if (warningRatio is <= 0 or >= 1)
        {
            throw new ArgumentException($"SLA target '{name}': the warning threshold is a share between 0 and 1 (0.8 = 80 %).");
        }

        if (managerAfterRatio <= 0 || newPromiseRatio <= 0)
        {
            throw new ArgumentException($"SLA target '{name}': the manager escalation and the new promise after a breach need a share above 0 (0.5 = 50 % of the budget).");
        }

        if (reminderRatio is < 0 or >= 1)
        {
            throw new ArgumentException($"SLA target '{name}': the customer's reminder comes at a share of the budget between 0 and 1 (0.5 = halfway; 0 = no reminder).");
        }

        if (reminderRatio > 0 && !SlaKinds.CustomerActs(kind))
        {
            throw new ArgumentException($"SLA target '{name}': only a target the customer must act on ({SlaKind.Confirmation}) reminds the customer.");
        }

        Name = name;
        Kind = kind;
        Allowance = allowance;
        Measure = measure;
        Types = types;
        Urgencies = urgencies;
        PausedBy = pausedBy ?? [];
        WarningRatio = warningRatio;
        ManagerAfterRatio = managerAfterRatio;
        Apology = apology ?? SlaKinds.CustomerFacing(kind);
        NewPromiseRatio = newPromiseRatio;
        ReminderRatio = (reminderRatio ?? (SlaKinds.CustomerActs(kind) ? DefaultReminderRatio : 0)) is var r && r > 0 ? r : null;
    }

    /// <summary>50 %: a customer who has not acted when half the budget is used is reminded by SMS.</summary>
    public const double DefaultReminderRatio = 0.5;

    /// <summary>
    /// For a target the customer must act on (their confirmation): the share of the budget after which the customer is
    /// reminded, once per round; null for none.
    /// </summary>
    public double? ReminderRatio { get; }

    /// <summary>50 %: the service manager hears of a breach when half the budget again has passed since the deadline.</summary>
    public const double DefaultManagerAfterRatio = 0.5;

    /// <summary>50 %: after a breach the customer is promised completion within half the budget again.</summary>
    public const double DefaultNewPromiseRatio = 0.5;

    /// <summary>Escalation level 2: share of the budget, counted from the deadline, after which the manager is told.</summary>
    public double ManagerAfterRatio { get; }

    /// <summary>True when a breach sends the customer an apology with a new expected time.</summary>
    public bool Apology { get; }

    /// <summary>Share of the budget, counted from the breach, that the apology promises as the new expected time.</summary>
    public double NewPromiseRatio { get; }

    /// <summary>80 %: a clock is at risk when this share of its budget is used.</summary>
    public const double DefaultWarningRatio = 0.8;

    /// <summary>Stable name, shown on tickets and reports.</summary>
    public string Name { get; }

    /// <summary>What the promise is about.</summary>
    public SlaKind Kind { get; }

    /// <summary>How much time the promise allows.</summary>
    public TimeAllowance Allowance { get; }

    /// <summary>Elapsed or business time.</summary>
    public ClockMeasure Measure { get; }

    /// <summary>Ticket types it applies to; null for all, including not yet classified tickets.</summary>
    public IReadOnlyList<TicketType>? Types { get; }

    /// <summary>Urgencies it applies to; null for all.</summary>
    public IReadOnlyList<Urgency>? Urgencies { get; }

    /// <summary>Statuses during which the clock stands still.</summary>
    public IReadOnlyList<TicketStatus> PausedBy { get; }

    /// <summary>Share of the budget after which the clock is at risk (0.8 by default).</summary>
    public double WarningRatio { get; }

    /// <summary>True when the target applies to a ticket of this type (null: not classified) and urgency.</summary>
    public bool AppliesTo(TicketType? type, Urgency urgency) =>
        (Types is null || (type is { } t && Types.Contains(t))) && (Urgencies is null || Urgencies.Contains(urgency));
}
