namespace AfterSales.Web.Console;

/// <summary>
/// The ways into the console the host's authentication offers: development users to pick (Development only) and
/// whether Microsoft Entra ID sign-in is configured.
/// </summary>
public sealed record ConsoleSignIn(IReadOnlyList<ConsoleSignIn.User> DevelopmentUsers, bool Entra)
{
    /// <summary>A development user: the sign-in name and its role.</summary>
    public sealed record User(string Name, string Role);
}
