namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// Storage settings. The account is <c>AzureWebJobsStorage</c>, the setting the Functions host itself
/// uses, so both ways of running read the same account: either a connection string, or — the Functions
/// convention for identity-based connections — a section with <c>accountName</c> (or service URIs) and
/// the identity to sign in with (<c>AzureWebJobsStorage__accountName</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for Azurite. Ignored when <see cref="Identity"/> is set.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The account reached with a Microsoft Entra token instead of a key (no connection string); null when a connection string is used.</summary>
    public StorageIdentity? Identity { get; set; }

    /// <summary>Letters prefixed to every table and container name; lets several test runs share one account.</summary>
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>True when the app reaches storage through the local emulator's connection string.</summary>
    public bool IsLocalEmulator => Identity is null && StorageConnection.IsLocalEmulator(ConnectionString);

    public string TicketsTable => $"{NamePrefix}Tickets";

    /// <summary>Where tickets are found by status, queue, engineer and customer phone (see <c>TableTicketIndex</c>).</summary>
    public string TicketIndexTable => $"{NamePrefix}TicketIndex";
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
    public string ConsoleSessionsTable => $"{NamePrefix}ConsoleSessions";

    /// <summary>The customers' short codes, by the code's HMAC (see <c>TableCustomerCodeStore</c>).</summary>
    public string CustomerCodesTable => $"{NamePrefix}CustomerCodes";

    /// <summary>Providers' message ids that lead back to our messages, for receipts naming only those (see <c>TableSmsReceiptIndex</c>).</summary>
    public string SmsReceiptsTable => $"{NamePrefix}SmsReceipts";

    /// <summary>How many messages each number was sent per business day (<c>Sms:PerNumberDailyLimit</c>).</summary>
    public string SmsQuotaTable => $"{NamePrefix}SmsQuota";
    public string ReportsContainer => $"{NamePrefix.ToLowerInvariant()}reports";
    public string SignaturesContainer => $"{NamePrefix.ToLowerInvariant()}signatures";

    /// <summary>
    /// Days a stored signature is locked against change and deletion (a version-level immutability policy
    /// on each blob; the container must have version-level immutability enabled, as the Bicep template does).
    /// 0 = off. The local emulator answers 501 to immutability, so it stays off locally.
    /// </summary>
    public int SignatureImmutabilityDays { get; set; }

    public string LocksContainer => $"{NamePrefix.ToLowerInvariant()}locks";

    /// <summary>The keys that protect the console's sign-in cookies and form tokens, shared by every instance.</summary>
    public string KeysContainer => $"{NamePrefix.ToLowerInvariant()}keys";

    /// <summary>Every table the app uses (the deployment creates the same list).</summary>
    public IReadOnlyList<string> Tables =>
    [
        TicketsTable, IdempotencyTable, TicketNumbersTable, TeamTable, AssignmentsTable, DueTable, SmsLogTable,
        InboxTable, TimerRunsTable, PurchasesTable, ReportFactsTable, ReportRunsTable, TicketIndexTable, ConsoleSessionsTable,
        CustomerCodesTable, SmsReceiptsTable, SmsQuotaTable,
    ];

    /// <summary>Every blob container the app uses.</summary>
    public IReadOnlyList<string> Containers => [SignaturesContainer, ReportsContainer, LocksContainer, KeysContainer];
}
