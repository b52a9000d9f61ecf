namespace AfterSales.Domain.Lifecycle;

/// <summary>
/// How far staff may act for the customer. A quote above <see cref="StaffApprovalLimit"/> (yuan) is approved only
/// by the customer through the link sent to their own phone: not recorded by staff from a call, not on a staff device.
/// </summary>
public sealed record ConsentPolicy(decimal StaffApprovalLimit)
{
    /// <summary>The limit when none is configured.</summary>
    public static ConsentPolicy Default { get; } = new(2000m);
}
