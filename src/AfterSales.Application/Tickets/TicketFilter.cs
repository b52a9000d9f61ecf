using AfterSales.Domain.Explanations;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Application.Tickets;

/// <summary>A ticket list's filters as the caller gave them (query-string or form values; empty for none).</summary>
public sealed record TicketFilter(string? Status, string? Channel, string? ReceivedFrom, string? ReceivedTo, string? Queue, string? AssignedTo)
{
    /// <summary>
    /// The store's query for these filters (the API's and the console's lists): null, with every wrong field in
    /// <paramref name="errors"/>, when one is wrong. Dates are business-local days in <paramref name="zone"/>.
    /// </summary>
    public TicketQuery? ToQuery(FieldErrors errors, TimeZoneInfo zone, int size, string? continuationToken)
    {
        var statusFilter = errors.Enum<TicketStatus>("status", Status);
        var channelFilter = errors.Enum<Channel>("channel", Channel);
        var queueFilter = errors.Enum<Department>("queue", Queue);
        if (AssignedTo is { Length: > 100 })
        {
            errors.Report("assignedTo", MessageCodes.AssignedToLength);
        }

        var from = ListPaging.ParseDate(errors, "receivedFrom", ReceivedFrom);
        var to = ListPaging.ParseDate(errors, "receivedTo", ReceivedTo);
        if (from is not null && to is not null && to < from)
        {
            errors.Report("receivedTo", MessageCodes.ReceivedRange);
        }

        if (size is < 1 or > ListPaging.MaxPageSize && !errors.Has("pageSize"))
        {
            errors.Report("pageSize", MessageCodes.PageSizeBetween, ListPaging.MaxPageSize);
        }

        var token = ListPaging.DecodeToken(errors, continuationToken);
        if (errors.Count > 0)
        {
            return null;
        }

        return new TicketQuery(
            statusFilter,
            channelFilter,
            from is { } f ? BusinessTime.StartOfDay(f, zone) : null,
            to is { } t ? BusinessTime.StartOfDay(t.AddDays(1), zone) : null,
            size,
            token,
            queueFilter,
            string.IsNullOrWhiteSpace(AssignedTo) ? null : AssignedTo.Trim());
    }
}
