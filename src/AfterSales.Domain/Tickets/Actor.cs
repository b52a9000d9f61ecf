namespace AfterSales.Domain.Tickets;

/// <summary>Who did something: a staff member, an integration, the customer or the system itself.</summary>
/// <param name="Name">Stable name of the caller (user principal name, API key name, "system").</param>
/// <param name="Role">The role the action was taken in.</param>
public sealed record Actor(string Name, string Role)
{
    /// <summary>The product itself, acting on a schedule.</summary>
    public static Actor System { get; } = new("system", "system");
}
