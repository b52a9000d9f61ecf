namespace AfterSales.Domain.Customers;

/// <summary>How the customer is addressed: 先生 or 女士.</summary>
public enum CustomerTitle
{
    /// <summary>先生.</summary>
    Mr,
    /// <summary>女士.</summary>
    Ms,
}
