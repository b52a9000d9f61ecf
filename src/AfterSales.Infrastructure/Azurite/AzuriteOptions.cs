namespace AfterSales.Infrastructure.Azurite;

/// <summary>Settings of the local emulator the run command starts (section <c>Azurite</c>).</summary>
public sealed class AzuriteOptions
{
    public const string Section = "Azurite";

    /// <summary>
    /// Start Azurite with the app when AzureWebJobsStorage points at the local emulator and nothing
    /// listens on its ports yet. Off under the Functions host.
    /// </summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Where Azurite keeps its data; default <c>.azurite/</c> in the repository (git-ignored).</summary>
    public string? DataFolder { get; set; }
}
