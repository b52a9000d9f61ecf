namespace AfterSales.Domain.Lifecycle;

/// <summary>Moments that start and stop SLA clocks.</summary>
public enum Milestone
{
    /// <summary>The customer's request arrived (may be before registration).</summary>
    Contacted,
    /// <summary>The request was registered as a ticket.</summary>
    Registered,
    /// <summary>An engineer was assigned.</summary>
    Assigned,
    /// <summary>First response to the customer: the engineer accepted and makes contact.</summary>
    Responded,
    /// <summary>The work was finished.</summary>
    Resolved,
    /// <summary>The result was reported to the customer.</summary>
    ResultReported,
    /// <summary>The customer confirmed.</summary>
    Confirmed,
    /// <summary>The ticket was opened again for a second handling.</summary>
    Reopened,
    /// <summary>A follow-up call became due (its trigger: some working days after the service, or a month after a purchase).</summary>
    FollowUpDue,
    /// <summary>The follow-up finished: the survey was answered, or the customer could not be reached.</summary>
    FollowedUp,
}
