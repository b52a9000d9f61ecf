using System.Text.Json.Serialization;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Notifications;

/// <summary>Where an SMS is in its life.</summary>
public enum SmsStatus
{
    /// <summary>Waiting to be sent (first attempt, a retry, or deferred by quiet hours).</summary>
    Pending,
    /// <summary>An attempt is under way; if it never reports back, the lease runs out and the message is pending again.</summary>
    Sending,
    /// <summary>The provider accepted it for delivery.</summary>
    Sent,
    /// <summary>The provider reported it delivered to the handset.</summary>
    Delivered,
    /// <summary>Given up: refused by the provider, undeliverable, or out of attempts. Staff must reach the customer another way.</summary>
    Failed,
    /// <summary>No longer needed before it went out (a reminder for an appointment that changed or a ticket that ended).</summary>
    Cancelled,
    /// <summary>No SMS provider is configured: kept in the local outbox for staff to read, never sent.</summary>
    Local,
}

/// <summary>One step in a message's life, for staff to see what happened.</summary>
/// <param name="At">When.</param>
/// <param name="What">What happened: <c>queued</c>, <c>deferred</c>, <c>attempt</c>, <c>accepted</c>, <c>retry</c>, <c>failed</c>, <c>delivered</c>, ….</param>
/// <param name="Detail">The provider's words or the reason, when there are any.</param>
public sealed record SmsStep(DateTimeOffset At, string What, string? Detail);

/// <summary>
/// An SMS to a customer: an outbox row written in the same atomic write as the ticket change that caused it,
/// then sent, retried and tracked until delivered or failed. Its <see cref="RepeatabilityRequestId"/> and
/// <see cref="FirstAttemptAt"/> stay the same on every retry, so the provider sends it at most once.
/// </summary>
public sealed record SmsMessage
{
    /// <summary>The ticket it is about; its outbox row lives in that ticket's partition.</summary>
    public required TicketId Ticket { get; init; }

    /// <summary>Unique within the ticket: the sequence number of the event that caused it and the kind (<c>sms-000004-quoteApproval</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The ticket number, shown to staff.</summary>
    public required string TicketNumber { get; init; }

    public required NotificationKind Kind { get; init; }

    public required CustomerLanguage Language { get; init; }

    /// <summary>The recipient's number in E.164 form: the customer's, or the engineer's for a job offer.</summary>
    public required string To { get; init; }

    /// <summary>The rendered text: what composed-text providers (ACS) send, and the staff's preview of a templated message.</summary>
    public required string Text { get; init; }

    /// <summary>The notification's variables in its template's order, for providers that send approved templates (Alibaba, Tencent).</summary>
    public IReadOnlyList<SmsParameter> Parameters { get; init; } = [];

    /// <summary>How many SMS segments the text takes (70 UCS-2 or 160 GSM-7 characters for one).</summary>
    public required int Segments { get; init; }

    /// <summary>True for messages quiet hours defer.</summary>
    public required bool Proactive { get; init; }

    /// <summary>True when the ticket is urgent: quiet hours do not apply.</summary>
    public required bool Urgent { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Stable across retries; the provider recognises a repeat and does not send again.</summary>
    public required Guid RepeatabilityRequestId { get; init; }

    public SmsStatus Status { get; init; } = SmsStatus.Pending;

    /// <summary>When the next attempt may start (creation, quiet hours' end, or the retry time).</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the first attempt started; sent as <c>repeatabilityFirstSent</c> on every attempt.</summary>
    public DateTimeOffset? FirstAttemptAt { get; init; }

    /// <summary>While <see cref="SmsStatus.Sending"/>: when the attempt is considered lost and may be made again.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Which sender handled it (<c>acs</c>, <c>local</c>, …).</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's id for the message, once accepted.</summary>
    public string? ProviderMessageId { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Why it failed, or the last error of a retry.</summary>
    public string? Error { get; init; }

    /// <summary>When an attempt ended without the provider's answer (a timeout, a dead attempt taken over): the provider may have it.</summary>
    public DateTimeOffset? AnswerLostAt { get; init; }

    /// <summary>The provider's or the operator's code for a failure (<c>isv.MOBILE_NUMBER_ILLEGAL</c>, <c>UNDELIV</c>), explained to staff by <see cref="SmsFailures"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For a visit reminder: the start of the appointment it reminds of; a changed appointment cancels it.</summary>
    public DateTimeOffset? AppointmentFrom { get; init; }

    /// <summary>A job offer's engineer: the message is cancelled when the job is no longer offered to them.</summary>
    public string? OfferedTo { get; init; }

    /// <summary>Until when the job offer stands: the message is cancelled once it has lapsed, or was answered.</summary>
    public DateTimeOffset? AcceptBy { get; init; }

    /// <summary>What happened to it, oldest first.</summary>
    public IReadOnlyList<SmsStep> Steps { get; init; } = [];

    /// <summary>True while something remains to be done: waiting, or an attempt that may have been lost.</summary>
    [JsonIgnore]
    public bool IsOpen => Status is SmsStatus.Pending or SmsStatus.Sending;

    /// <summary>When the sender should look at it next: the next attempt, or the end of a running attempt's lease.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextLookAt => Status switch
    {
        SmsStatus.Pending => NextAttemptAt,
        SmsStatus.Sending => LeaseUntil ?? NextAttemptAt,
        _ => null,
    };

    /// <summary>The sequence number of the event that caused it (from the key).</summary>
    [JsonIgnore]
    public int Cause => int.TryParse(Key.AsSpan(KeyPrefix.Length, Math.Min(6, Math.Max(0, Key.Length - KeyPrefix.Length))), out var sequence) ? sequence : 0;

    /// <summary>The tag sent with the message and returned in delivery reports: ticket id and key.</summary>
    [JsonIgnore]
    public string Tag => $"{Ticket.Value}/{Key}";

    /// <summary>The customer's number as logs and unauthorised readers see it.</summary>
    [JsonIgnore]
    public string MaskedTo => PhoneNumber.Mask(To);

    /// <summary>The message with one more step recorded.</summary>
    public SmsMessage With(DateTimeOffset at, string what, string? detail) => this with { Steps = [.. Steps, new SmsStep(at, what, detail)] };

    /// <summary>Reads a tag back into ticket and key.</summary>
    public static bool TryParseTag(string? tag, out TicketId ticket, out string key)
    {
        key = string.Empty;
        ticket = default;
        var slash = tag?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || !TicketId.TryParse(tag![..slash], out ticket))
        {
            return false;
        }

        key = tag[(slash + 1)..];
        return key.StartsWith(KeyPrefix, StringComparison.Ordinal);
    }

    /// <summary>Every outbox row key starts with this.</summary>
    public const string KeyPrefix = "sms-";
}
