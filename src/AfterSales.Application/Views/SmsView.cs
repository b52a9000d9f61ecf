using System.Security.Claims;
using System.Text.RegularExpressions;
using AfterSales.Application.Access;
using AfterSales.Application.Customers;
using AfterSales.Application.Notifications;
using AfterSales.Domain.Customers;

namespace AfterSales.Application.Views;

/// <summary>
/// One SMS as staff see it. The number is masked for roles without access to contact details. A customer link in the
/// text is the customer's alone: it is hidden (<c>/c/…</c>) from every role once the message is meant for a provider.
/// Only the local outbox of a run without a provider, which is the only phone there is, shows its links — its
/// <see cref="SmsStatus.Local"/> messages and those still waiting to be put there — to roles that may see contact details.
/// </summary>
public sealed partial record SmsView(
    string Ticket,
    string TicketNumber,
    string Key,
    NotificationKind Kind,
    CustomerLanguage Language,
    string To,
    string Text,
    int Segments,
    SmsStatus Status,
    bool Proactive,
    bool Urgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    string? Provider,
    string? ProviderMessageId,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    string? Error,
    Domain.Explanations.Explanation? Failure,
    IReadOnlyList<SmsStep> Steps)
{
    /// <summary>
    /// The message for <paramref name="user"/>; <paramref name="masked"/> hides number and links whatever the role (history
    /// stays free of contact details). <paramref name="localOutbox"/>: no provider is configured, so a message that has not
    /// gone anywhere yet is still on its way to the local outbox.
    /// </summary>
    public static SmsView From(SmsMessage m, ClaimsPrincipal user, bool localOutbox, bool masked = false)
    {
        var full = !masked && user.MaySeeContactDetails();
        var links = full && (m.Status == SmsStatus.Local || (localOutbox && m.Status is SmsStatus.Pending or SmsStatus.Sending or SmsStatus.Cancelled));
        var text = links ? m.Text : CustomerLink().Replace(m.Text, $"{CustomerLinks.PagePath}…");
        return new SmsView(
            m.Ticket.Value,
            m.TicketNumber,
            m.Key,
            m.Kind,
            m.Language,
            full ? m.To : m.MaskedTo,
            full ? text : PhoneNumber.MaskWithin(text),
            m.Segments,
            m.Status,
            m.Proactive,
            m.Urgent,
            m.CreatedAt,
            m.IsOpen ? m.NextLookAt : null,
            m.Attempts,
            m.FirstAttemptAt,
            m.Provider,
            m.ProviderMessageId,
            m.SentAt,
            m.DeliveredAt,
            m.Error,
            SmsFailures.Explain(m),
            m.Steps);
    }

    [GeneratedRegex(@"/c/(v1\.[A-Za-z0-9._\-]+|[2-9A-HJ-NP-Z]{10}\b)(\?lang=en)?")]
    private static partial Regex CustomerLink();
}

public sealed record SmsListView(IReadOnlyList<SmsView> Items, string? ContinuationToken, string? Next);
