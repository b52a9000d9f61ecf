namespace AfterSales.Domain.Tickets;

/// <summary>What a paused service waits for.</summary>
public enum PauseReason
{
    /// <summary>The customer (availability, information, access).</summary>
    Customer,
    /// <summary>Spare parts.</summary>
    Parts,
}

/// <summary>Why a ticket was cancelled.</summary>
public enum CancelReason
{
    /// <summary>The same request is already a ticket.</summary>
    Duplicate,
    /// <summary>The customer withdrew the request.</summary>
    Withdrawn,
}

/// <summary>The customer's rating on the confirmation form (Template 3).</summary>
public enum ConfirmationRating
{
    /// <summary>满意.</summary>
    Satisfied,
    /// <summary>基本满意.</summary>
    BasicallySatisfied,
    /// <summary>不满意.</summary>
    NotSatisfied,
}
