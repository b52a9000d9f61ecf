namespace AfterSales.Domain.Customers;

/// <summary>The language the customer is written to in (SMS and customer pages).</summary>
public enum CustomerLanguage
{
    /// <summary>Chinese, the default.</summary>
    Zh,
    /// <summary>English.</summary>
    En,
}
