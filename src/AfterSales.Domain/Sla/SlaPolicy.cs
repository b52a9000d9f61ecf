using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using static AfterSales.Domain.Sla.ClockMeasure;
using static AfterSales.Domain.Sla.SlaKind;

namespace AfterSales.Domain.Sla;

/// <summary>
/// The promises made to customers. For each kind, the first target (in order) that applies to the
/// ticket's type and urgency is the one its clock runs against; a kind without one has no clock.
/// </summary>
public sealed class SlaPolicy
{
    /// <summary>Creates a policy from targets in priority order; names must be unique.</summary>
    public SlaPolicy(IReadOnlyList<SlaTarget> targets)
    {
        var duplicate = targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"SLA target name '{duplicate.Key}' is used twice.");
        }

        Targets = targets;
    }

    /// <summary>The targets in priority order.</summary>
    public IReadOnlyList<SlaTarget> Targets { get; }

    /// <summary>The target a clock of <paramref name="kind"/> runs against, or null.</summary>
    public SlaTarget? TargetFor(SlaKind kind, TicketType? type, Urgency urgency) =>
        SlaKinds.AppliesTo(kind, type) ? Targets.FirstOrDefault(t => t.Kind == kind && t.AppliesTo(type, urgency)) : null;

    /// <summary>
    /// The business rules' limits: registration 10 min, classification and assignment 30 min, urgent
    /// 2 h / 24 h, normal 24 h / 3 working days, routine 3 working days, complaint 24 h / 5 working days,
    /// result fed back 2 h, confirmation 24 h, follow-up call within 3 working days of its trigger. Response and resolution pause while waiting for the
    /// customer or for parts. Working-day limits end at the same local time (not end of day).
    /// </summary>
    public static SlaPolicy Default { get; } = new(
    [
        new("registration", Registration, TimeAllowance.Minutes(10), Business),
        new("assignment", Assignment, TimeAllowance.Minutes(30), Business),
        new("complaint-first-feedback", Response, TimeAllowance.Hours(24), Elapsed, [TicketType.Complaint], pausedBy: Waiting),
        new("complaint-resolution", Resolution, TimeAllowance.Days(5), Business, [TicketType.Complaint], pausedBy: Waiting),
        new("urgent-response", Response, TimeAllowance.Hours(2), Elapsed, urgencies: [Urgency.Urgent], pausedBy: Waiting),
        new("urgent-resolution", Resolution, TimeAllowance.Hours(24), Elapsed, urgencies: [Urgency.Urgent], pausedBy: Waiting),
        new("normal-response", Response, TimeAllowance.Hours(24), Elapsed, urgencies: [Urgency.Normal], pausedBy: Waiting),
        new("normal-resolution", Resolution, TimeAllowance.Days(3), Business, urgencies: [Urgency.Normal], pausedBy: Waiting),
        new("routine-response", Response, TimeAllowance.Days(3), Business, urgencies: [Urgency.Routine], pausedBy: Waiting),
        new("result-feedback", Feedback, TimeAllowance.Hours(2), Business),
        new("customer-confirmation", Confirmation, TimeAllowance.Hours(24), Elapsed),
        new("follow-up", FollowUp, TimeAllowance.Days(3), Business),
    ]);

    private static IReadOnlyList<TicketStatus> Waiting => [TicketStatus.WaitingForCustomer, TicketStatus.WaitingForParts, TicketStatus.WaitingForApproval];
}
