namespace AfterSales.Domain.Tickets;

/// <summary>How urgent a request is (紧急程度), as the business rules define it.</summary>
public enum Urgency
{
    /// <summary>Equipment down, safety fault, core business affected (紧急).</summary>
    Urgent,
    /// <summary>Function abnormal, usage question, non-urgent complaint (一般).</summary>
    Normal,
    /// <summary>Maintenance advice, survey, non-urgent follow-up (常规).</summary>
    Routine,
}
