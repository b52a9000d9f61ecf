namespace AfterSales.Domain.Tickets;

/// <summary>
/// Where a ticket is in its lifecycle (the six steps of the service process). Which commands move a
/// ticket from one status to another is decided by <see cref="Lifecycle.TicketLifecycle"/>.
/// </summary>
public enum TicketStatus
{
    /// <summary>Registered, waiting for classification (已登记).</summary>
    Received,
    /// <summary>Type, tag and urgency known; waiting for an engineer (已分类).</summary>
    Classified,
    /// <summary>Given to an engineer who has not accepted yet (已派单).</summary>
    Assigned,
    /// <summary>The engineer accepted and contacts the customer (已接单).</summary>
    Accepted,
    /// <summary>Service under way, on site or remote (服务中).</summary>
    InService,
    /// <summary>Paused: waiting for the customer (等待客户).</summary>
    WaitingForCustomer,
    /// <summary>Paused: waiting for spare parts (等待备件).</summary>
    WaitingForParts,
    /// <summary>A quote was sent; waiting for the customer to approve or refuse the cost (待客户确认报价).</summary>
    WaitingForApproval,
    /// <summary>The work is done; the result is not yet reported to the customer (已解决).</summary>
    Resolved,
    /// <summary>The result was reported; waiting for the customer's confirmation (待确认).</summary>
    AwaitingConfirmation,
    /// <summary>The customer confirmed the result (已确认).</summary>
    Confirmed,
    /// <summary>In the follow-up visit and satisfaction survey (回访中).</summary>
    FollowUp,
    /// <summary>Finished (已关闭).</summary>
    Closed,
    /// <summary>Withdrawn or a duplicate; never worked on further (已取消).</summary>
    Cancelled,
    /// <summary>Opened again for a second handling (二次处理).</summary>
    Reopened,
}
