namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// Storage settings. The connection string is <c>AzureWebJobsStorage</c>, the setting the Functions
/// host itself uses, so both ways of running read the same account.
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Letters prefixed to every table and container name; lets several test runs share one account.</summary>
    public string NamePrefix { get; set; } = string.Empty;

    public string TicketsTable => $"{NamePrefix}Tickets";
    public string IdempotencyTable => $"{NamePrefix}Idempotency";
    public string TicketNumbersTable => $"{NamePrefix}TicketNumbers";
    public string LocksContainer => $"{NamePrefix.ToLowerInvariant()}locks";
}
