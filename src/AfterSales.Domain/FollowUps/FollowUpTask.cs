using AfterSales.Domain.Time;

namespace AfterSales.Domain.FollowUps;

/// <summary>What a follow-up call (回访) follows.</summary>
public enum FollowUpReason
{
    /// <summary>A repair the customer confirmed: 3 working days later.</summary>
    Repair,
    /// <summary>A complaint the customer confirmed as handled: 7 working days later.</summary>
    Complaint,
    /// <summary>A new customer's purchase: one month later.</summary>
    Purchase,
    /// <summary>A follow-up visit (回访类) requested as a ticket of its own: at once.</summary>
    Request,
    /// <summary>Started by staff on a ticket no rule schedules a follow-up for (a consultation).</summary>
    Staff,
}

/// <summary>Where a follow-up task is.</summary>
public enum FollowUpStatus
{
    /// <summary>Planned; not due yet.</summary>
    Scheduled,
    /// <summary>Due: in the follow-up agents' queue, calls being made.</summary>
    Open,
    /// <summary>The customer answered the survey (by phone or by the SMS link), or declined it.</summary>
    Done,
    /// <summary>Every call attempt failed, or the number is wrong.</summary>
    Unreachable,
    /// <summary>No longer needed: the ticket was reopened or cancelled first.</summary>
    Withdrawn,
}

/// <summary>How one follow-up call went.</summary>
public enum CallOutcome
{
    /// <summary>The customer answered.</summary>
    Reached,
    /// <summary>Nobody answered (or busy, or switched off): tried again later.</summary>
    NoAnswer,
    /// <summary>The number is not the customer's: no point calling again.</summary>
    WrongNumber,
}

/// <summary>One call attempt.</summary>
/// <param name="Number">1 for the first call.</param>
/// <param name="At">When it was made.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="By">The follow-up agent.</param>
/// <param name="Note">The agent's note.</param>
public sealed record CallAttempt(int Number, DateTimeOffset At, CallOutcome Outcome, string By, string? Note);

/// <summary>
/// One follow-up call and satisfaction survey (Template 4) for a ticket's handling round: planned at its trigger,
/// opened when due (the follow-up clock starts), worked by a follow-up agent, finished by a survey or as unreachable.
/// </summary>
public sealed record FollowUpTask
{
    /// <summary>What it follows.</summary>
    public required FollowUpReason Reason { get; init; }

    /// <summary>The ticket's handling round it belongs to.</summary>
    public required int Round { get; init; }

    /// <summary>The event that planned it (confirmation, purchase).</summary>
    public required DateTimeOffset TriggeredAt { get; init; }

    /// <summary>When the call becomes due: the task opens and its clock starts.</summary>
    public required DateTimeOffset DueFrom { get; init; }

    /// <summary>Where it is.</summary>
    public FollowUpStatus Status { get; init; } = FollowUpStatus.Scheduled;

    /// <summary>When it opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>The follow-up agent it was given to (the name they sign in with); null: any follow-up agent.</summary>
    public string? Agent { get; init; }

    /// <summary>Calls made, oldest first.</summary>
    public IReadOnlyList<CallAttempt> Attempts { get; init; } = [];

    /// <summary>After an unanswered call: when to call again.</summary>
    public DateTimeOffset? NextCallAt { get; init; }

    /// <summary>The customer's answers.</summary>
    public SurveyAnswer? Survey { get; init; }

    /// <summary>When it finished (done, unreachable or withdrawn).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True while the task is still to be worked on (scheduled or open).</summary>
    public bool IsPending => Status is FollowUpStatus.Scheduled or FollowUpStatus.Open;
}

/// <summary>
/// When follow-ups are due and how calls are retried. Defaults are the business rules: 3 working days after a
/// repair, 7 after a complaint, one month after a new customer's purchase; unanswered calls are tried again after
/// 2 working hours and after 1 working day, 3 calls in all; a score below 7 starts a second handling.
/// </summary>
public sealed record FollowUpPolicy
{
    /// <summary>Working days from a repair's confirmation to its follow-up.</summary>
    public int AfterRepairDays { get; init; } = 3;

    /// <summary>Working days from a complaint's confirmation to its follow-up.</summary>
    public int AfterComplaintDays { get; init; } = 7;

    /// <summary>Calendar months from a new customer's purchase to its follow-up.</summary>
    public int AfterPurchaseMonths { get; init; } = 1;

    /// <summary>Waits between calls, in business time: the first after call 1, the next after call 2, and so on (the last repeats).</summary>
    public IReadOnlyList<TimeAllowance> RetryAfter { get; init; } = [TimeAllowance.Hours(2), TimeAllowance.Days(1)];

    /// <summary>Calls made before the task closes as unreachable.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A survey score below this (of 10) starts a second handling (二次处理).</summary>
    public int PassScore { get; init; } = 7;

    /// <summary>The business rules' policy.</summary>
    public static FollowUpPolicy Default { get; } = new();

    /// <summary>When a follow-up triggered at <paramref name="at"/> for <paramref name="reason"/> becomes due.</summary>
    public DateTimeOffset DueFrom(FollowUpReason reason, DateTimeOffset at, BusinessCalendar calendar) => reason switch
    {
        FollowUpReason.Repair => AddWorkingDays(at, AfterRepairDays, calendar),
        FollowUpReason.Complaint => AddWorkingDays(at, AfterComplaintDays, calendar),
        FollowUpReason.Purchase => AddMonths(at, AfterPurchaseMonths, calendar.Zone),
        _ => at,
    };

    /// <summary>When to call again after call number <paramref name="attempt"/> went unanswered at <paramref name="at"/>.</summary>
    public DateTimeOffset NextCall(int attempt, DateTimeOffset at, BusinessCalendar calendar)
    {
        var wait = RetryAfter[Math.Clamp(attempt - 1, 0, RetryAfter.Count - 1)];
        return calendar.AddBusinessTime(at, calendar.BusinessTimeOf(at, wait));
    }

    private static DateTimeOffset AddWorkingDays(DateTimeOffset at, int days, BusinessCalendar calendar) =>
        calendar.AddBusinessTime(at, calendar.BusinessTimeOf(at, TimeAllowance.Days(days)));

    /// <summary>The same local time N months later (the last day of a shorter month).</summary>
    private static DateTimeOffset AddMonths(DateTimeOffset at, int months, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime.AddMonths(months);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
