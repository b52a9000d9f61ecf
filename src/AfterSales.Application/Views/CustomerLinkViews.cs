using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Views;

/// <summary>
/// The only customer link staff ever see: the customer's page opened on their own device for signing on site
/// (<c>device-link</c>), short-lived and recorded with who opened it. Links that act as the customer's own go
/// to the customer's phone by SMS only.
/// </summary>
public static class CustomerLinkViews
{
    /// <summary>Path of the customer pages, under which every link lives.</summary>
    public const string PagePath = CustomerLinks.PagePath;

    /// <summary>
    /// The device link for what the ticket waits for, made from the ticket's latest device-link record; <paramref name="requestOrigin"/>
    /// (scheme and host the caller used) serves when no <c>CustomerLinks:BaseUrl</c> is set.
    /// </summary>
    public static CustomerLinkView ForDevice(string requestOrigin, CustomerLinks links, Ticket ticket)
    {
        var issued = ticket.DeviceLinks[^1];
        var (purpose, subject) = issued.QuoteNumber is { } quote ? (LinkPurpose.Quote, quote) : (LinkPurpose.Confirm, issued.Round);
        var (token, expires) = links.CreateForDevice(ticket.Id, purpose, subject, issued.Sequence, issued.IssuedAt);
        var origin = string.IsNullOrWhiteSpace(links.Options.BaseUrl) ? requestOrigin : links.Options.BaseUrl.TrimEnd('/');
        return new CustomerLinkView(EnumNames.Name(purpose), subject, $"{origin}{PagePath}{token}", expires, issued.IssuedBy);
    }
}
