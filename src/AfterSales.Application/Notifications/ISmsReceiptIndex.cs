namespace AfterSales.Application.Notifications;

/// <summary>
/// Where a provider's own message id leads back to our message, for receipts that name only that id (Tencent's
/// <c>sid</c>, its <c>SerialNo</c>). A receipt that comes before its message was recorded is held here until it is.
/// </summary>
public interface ISmsReceiptIndex
{
    /// <summary>Records that <paramref name="providerMessageId"/> at <paramref name="provider"/> is our message <paramref name="tag"/>.</summary>
    Task RecordAsync(string provider, string providerMessageId, string tag, CancellationToken cancellationToken);

    /// <summary>Our message's tag for <paramref name="providerMessageId"/>, or null when it is not recorded (yet).</summary>
    Task<string?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Keeps a receipt whose message is not recorded yet (its <see cref="SmsDeliveryReport.ProviderMessageId"/> names it).</summary>
    Task HoldAsync(string provider, SmsDeliveryReport report, CancellationToken cancellationToken);

    /// <summary>The receipt held for <paramref name="providerMessageId"/>, removed from the index; null when none is.</summary>
    Task<SmsDeliveryReport?> TakeHeldAsync(string provider, string providerMessageId, CancellationToken cancellationToken);
}
