namespace AfterSales.Application.Notifications;

/// <summary>
/// A way to send an SMS (Azure Communication Services, another carrier gateway, or the local outbox).
/// The outbox only needs this: adding a provider never touches it.
/// </summary>
public interface ISmsSender
{
    /// <summary>Short name recorded on each message (<c>acs</c>, <c>aliyun</c>, <c>tencent</c>, <c>local</c>).</summary>
    string Name { get; }

    /// <summary>The name of the provider a message to <paramref name="to"/> goes through (a sender may route by country).</summary>
    string NameFor(string to) => Name;

    /// <summary>
    /// One attempt. Must not throw for provider or network faults: they are results. The request carries the
    /// same repeatability id and first-sent time on every attempt, so a provider that honours them sends once.
    /// </summary>
    Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the provider already took this message in an earlier attempt whose answer was lost (a timeout, a crash
    /// between the send and its record): <see cref="SmsSendResult.Accepted"/> when its records show it, else null. A
    /// provider that recognises a repeated request itself (ACS) need not look.
    /// </summary>
    Task<SmsSendResult?> FindSentAsync(SmsSendRequest request, CancellationToken cancellationToken) => Task.FromResult<SmsSendResult?>(null);

    /// <summary>True when the provider's receipts for <paramref name="to"/> name only its own message id (Tencent), which must be indexed.</summary>
    bool ReceiptsNameOnlyTheProviderId(string to) => false;

    /// <summary>
    /// How long the provider's records may lag behind a send it took (Tencent's come from the operators' receipts); null
    /// when they show a send at once. A send whose answer was lost is not made again before that much time has passed,
    /// while <see cref="FindSentAsync"/> does not show it yet.
    /// </summary>
    TimeSpan? RecordsLagBehind(string to) => null;
}

/// <summary>One message to one recipient.</summary>
/// <param name="To">E.164 number.</param>
/// <param name="Text">The message.</param>
/// <param name="RepeatabilityRequestId">Stable id of the message across attempts.</param>
/// <param name="RepeatabilityFirstSent">When the first attempt started; the same on every attempt.</param>
/// <param name="Tag">Returned in delivery reports: identifies the outbox row.</param>
public sealed record SmsSendRequest(string To, string Text, Guid RepeatabilityRequestId, DateTimeOffset RepeatabilityFirstSent, string Tag)
{
    /// <summary>Which notification it is: mainland providers send it with that notification's approved template.</summary>
    public NotificationKind? Kind { get; init; }

    /// <summary>The template's variables, in its order (see <see cref="SmsVariables"/>).</summary>
    public IReadOnlyList<SmsParameter> Parameters { get; init; } = [];
}

/// <summary>What became of one attempt.</summary>
public abstract record SmsSendResult
{
    private SmsSendResult()
    {
    }

    /// <summary>The provider took the message; a delivery report may follow.</summary>
    public sealed record Accepted(string? ProviderMessageId, string? Detail) : SmsSendResult;

    /// <summary>A fault that may pass (5xx, throttling, timeout, no connection): try again, not before <paramref name="RetryAfter"/> when given.</summary>
    /// <param name="AnswerLost">True when the provider may have taken the message (the request went out, no answer came back).</param>
    public sealed record Retry(string Error, TimeSpan? RetryAfter, bool AnswerLost = false) : SmsSendResult;

    /// <summary>Refused for good (invalid number, message refused): trying again cannot help.</summary>
    public sealed record Rejected(string Error, string? Code = null) : SmsSendResult;

    /// <summary>Kept in the local outbox: no provider is configured.</summary>
    public sealed record Kept : SmsSendResult;
}
