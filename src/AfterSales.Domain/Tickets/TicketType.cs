namespace AfterSales.Domain.Tickets;

/// <summary>First-level classification of a request (需求分类).</summary>
public enum TicketType
{
    /// <summary>Repair (维修类).</summary>
    Repair,
    /// <summary>Consultation (咨询类).</summary>
    Consultation,
    /// <summary>Complaint (投诉类).</summary>
    Complaint,
    /// <summary>Follow-up visit (回访类).</summary>
    FollowUp,
}
