namespace AfterSales.Domain.Tickets;

/// <summary>Warranty status of the product as registered at intake (保修状态).</summary>
public enum WarrantyStatus
{
    /// <summary>Within warranty (保内).</summary>
    InWarranty,
    /// <summary>Out of warranty (保外).</summary>
    OutOfWarranty,
    /// <summary>Not known at intake; to be checked (待确认).</summary>
    Unknown,
}
