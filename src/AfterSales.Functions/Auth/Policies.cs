namespace AfterSales.Functions.Auth;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Intake = nameof(Intake);
    public const string ReadTickets = nameof(ReadTickets);
}
