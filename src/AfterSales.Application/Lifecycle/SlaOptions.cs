using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// The SLA policy (section <c>Sla</c>). Without <c>Sla:Targets</c> the business rules' defaults apply
/// (<see cref="SlaPolicy.Default"/>); with it, the configured list replaces them entirely, in priority order.
/// </summary>
public sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Sla";

    public List<SlaTargetOptions> Targets { get; set; } = [];

    /// <summary>The policy these options describe; throws when they are invalid.</summary>
    public SlaPolicy ToPolicy() => Targets.Count == 0 ? SlaPolicy.Default : new SlaPolicy(Targets.Select((t, i) => t.ToTarget(i)).ToList());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? error = null;
        try
        {
            ToPolicy();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }

        return error is null ? [] : [new ValidationResult($"Sla:Targets: {error}")];
    }
}

/// <summary>One configured SLA target. Give exactly one of Minutes, Hours or WorkingDays.</summary>
public sealed class SlaTargetOptions
{
    public string Name { get; set; } = string.Empty;
    public SlaKind Kind { get; set; }
    public ClockMeasure Measure { get; set; } = ClockMeasure.Business;
    public double? Minutes { get; set; }
    public double? Hours { get; set; }
    public int? WorkingDays { get; set; }
    /// <summary>With WorkingDays: due at close of business of the last day.</summary>
    public bool EndOfDay { get; set; }
    /// <summary>Types it applies to; empty for all.</summary>
    public List<TicketType> Types { get; set; } = [];
    /// <summary>Urgencies it applies to; empty for all.</summary>
    public List<Urgency> Urgencies { get; set; } = [];
    /// <summary>Statuses that pause it.</summary>
    public List<TicketStatus> PausedBy { get; set; } = [];
    /// <summary>At-risk threshold in percent of the budget (default 80).</summary>
    public double WarningPercent { get; set; } = SlaTarget.DefaultWarningRatio * 100;
    /// <summary>Escalation level 2 (service manager): this percent of the budget after the deadline (default 50).</summary>
    public double ManagerAfterPercent { get; set; } = SlaTarget.DefaultManagerAfterRatio * 100;
    /// <summary>Apologise to the customer by SMS at breach; default: response and resolution targets only.</summary>
    public bool? Apology { get; set; }
    /// <summary>The apology's new expected time: this percent of the budget after the breach (default 50).</summary>
    public double NewPromisePercent { get; set; } = SlaTarget.DefaultNewPromiseRatio * 100;
    /// <summary>Confirmation targets: the customer who has not confirmed is reminded by SMS at this percent of the budget (default 50; 0 for no reminder).</summary>
    public double? ReminderPercent { get; set; }

    public SlaTarget ToTarget(int index)
    {
        var given = new object?[] { Minutes, Hours, WorkingDays }.Count(v => v is not null);
        if (given != 1)
        {
            throw new ArgumentException($"target {index} ('{Name}') needs exactly one of Minutes, Hours or WorkingDays.");
        }

        if (Minutes < 0 || Hours < 0 || WorkingDays < 0)
        {
            throw new ArgumentException($"target {index} ('{Name}') has a negative allowance.");
        }

        var allowance = WorkingDays is { } days ? TimeAllowance.Days(days, EndOfDay)
            : Hours is { } hours ? TimeAllowance.Hours(hours)
            : TimeAllowance.Minutes(Minutes!.Value);
        return new SlaTarget(
            string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException($"target {index} needs a Name.") : Name,
            Kind,
            allowance,
            Measure,
            Types.Count == 0 ? null : Types,
            Urgencies.Count == 0 ? null : Urgencies,
            PausedBy,
            WarningPercent / 100,
            ManagerAfterPercent / 100,
            Apology,
            NewPromisePercent / 100,
            ReminderPercent / 100);
    }
}
