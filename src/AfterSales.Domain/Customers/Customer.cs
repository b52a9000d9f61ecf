namespace AfterSales.Domain.Customers;

/// <summary>The customer as registered on a ticket (Template 1).</summary>
/// <param name="Name">Name as the customer gave it.</param>
/// <param name="Title">先生/女士, when known.</param>
/// <param name="Phone">Contact number, E.164.</param>
/// <param name="Address">Service address, when the request needs one.</param>
public sealed record Customer(string Name, CustomerTitle? Title, PhoneNumber Phone, string? Address)
{
    /// <summary>The language SMS and customer pages use for this customer; Chinese unless the customer asked otherwise.</summary>
    public CustomerLanguage Language { get; init; } = CustomerLanguage.Zh;

    /// <summary>How staff greet the customer: surname plus title (张先生) when a title is known.</summary>
    public string Salutation => Title switch
    {
        CustomerTitle.Mr => $"{Name}先生",
        CustomerTitle.Ms => $"{Name}女士",
        _ => Name,
    };
}
