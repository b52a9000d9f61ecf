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
    public string TeamTable => $"{NamePrefix}Team";
    public string AssignmentsTable => $"{NamePrefix}Assignments";
    public string DueTable => $"{NamePrefix}Due";
    public string SmsLogTable => $"{NamePrefix}SmsLog";
    public string InboxTable => $"{NamePrefix}Inbox";
    public string TimerRunsTable => $"{NamePrefix}TimerRuns";
    public string PurchasesTable => $"{NamePrefix}Purchases";
    public string ReportFactsTable => $"{NamePrefix}ReportFacts";
    public string ReportRunsTable => $"{NamePrefix}ReportRuns";
    public string ReportsContainer => $"{NamePrefix.ToLowerInvariant()}reports";
    public string SignaturesContainer => $"{NamePrefix.ToLowerInvariant()}signatures";

    /// <summary>
    /// Days a stored signature is locked against change and deletion (a version-level immutability policy
    /// on each blob; the container must have version-level immutability enabled, as the Bicep template does).
    /// 0 = off. The local emulator answers 501 to immutability, so it stays off locally.
    /// </summary>
    public int SignatureImmutabilityDays { get; set; }

    public string LocksContainer => $"{NamePrefix.ToLowerInvariant()}locks";
}
