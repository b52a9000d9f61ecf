using AfterSales.Domain.Customers;

namespace AfterSales.Domain.Tickets;

/// <summary>A validated customer request, ready to become a ticket (Template 1 fields).</summary>
/// <param name="Customer">Who asks.</param>
/// <param name="Product">About which product.</param>
/// <param name="Channel">Where the request came in.</param>
/// <param name="RequestedType">The type the caller already chose, if any; classification may change it.</param>
/// <param name="RequestedTag">The second-level tag the caller chose (e.g. 硬件故障), if any.</param>
/// <param name="Description">The problem.</param>
/// <param name="StatedUrgency">Urgency as the customer states it, kept beside any computed urgency.</param>
/// <param name="ExpectedResolutionBy">When the customer expects a resolution, if they said.</param>
/// <param name="ContactedAt">When the request reached the company, if earlier than its registration (a voicemail, an e-mail).</param>
/// <param name="Region">Where the service happens (city, district), when known; dispatch matches it to engineers' regions.</param>
/// <param name="Location">The service address on the map, when known; dispatch prefers nearby engineers.</param>
public sealed record TicketIntake(
    Customer Customer,
    Product Product,
    Channel Channel,
    TicketType? RequestedType,
    string? RequestedTag,
    ProblemDescription Description,
    Urgency? StatedUrgency,
    DateTimeOffset? ExpectedResolutionBy,
    DateTimeOffset? ContactedAt = null,
    Dispatch.ServiceRegion? Region = null,
    Dispatch.GeoPoint? Location = null);
