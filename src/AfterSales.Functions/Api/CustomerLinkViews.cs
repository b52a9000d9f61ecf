using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Functions.Api;

/// <summary>Customer links as staff see them: the full address of the page and when it expires.</summary>
public static class CustomerLinkViews
{
    /// <summary>Path of the customer pages, under which every link lives.</summary>
    public const string PagePath = CustomerLinks.PagePath;

    public static CustomerLinkView Create(HttpRequest request, CustomerLinks links, TicketId ticket, LinkPurpose purpose, int subject, DateTimeOffset now)
    {
        var (token, expires) = links.Create(ticket, purpose, subject, now);
        var origin = string.IsNullOrWhiteSpace(links.Options.BaseUrl) ? $"{request.Scheme}://{request.Host}" : links.Options.BaseUrl.TrimEnd('/');
        return new CustomerLinkView(EnumNames.Name(purpose), subject, $"{origin}{PagePath}{token}", expires);
    }
}
