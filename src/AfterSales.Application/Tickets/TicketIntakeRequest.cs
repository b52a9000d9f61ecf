namespace AfterSales.Application.Tickets;

/// <summary>
/// The body of <c>POST /api/tickets</c> as sent. Every field is text so that a wrong value is reported
/// against its own field instead of failing the whole body.
/// </summary>
public sealed record TicketIntakeRequest
{
    public CustomerRequest? Customer { get; init; }
    public ProductRequest? Product { get; init; }
    /// <summary>phone, web, wechat, app, email, chat, walkIn.</summary>
    public string? Channel { get; init; }
    /// <summary>repair, consultation, complaint, followUp (optional).</summary>
    public string? Type { get; init; }
    /// <summary>Second-level tag such as 硬件故障 (optional, needs a type).</summary>
    public string? Tag { get; init; }
    public DescriptionRequest? Description { get; init; }
    /// <summary>urgent, normal, routine: the customer's own words (optional).</summary>
    public string? Urgency { get; init; }
    /// <summary>ISO 8601 instant with offset, e.g. 2026-11-25T18:00:00+08:00 (optional).</summary>
    public string? ExpectedResolutionBy { get; init; }
    /// <summary>
    /// When the request reached the company, if earlier than now (a voicemail, an e-mail): ISO 8601 with
    /// offset, at most 7 days ago (optional). The 10-minute registration limit counts from it.
    /// </summary>
    public string? ContactedAt { get; init; }
    /// <summary>Where the service happens, when known (otherwise read from the address): city and district, e.g. 上海市 / 浦东新区.</summary>
    public RegionRequest? Region { get; init; }
    /// <summary>The service address on the map (WGS-84 degrees), when known; dispatch prefers nearby engineers.</summary>
    public LocationRequest? Location { get; init; }
}

public sealed record CustomerRequest
{
    public string? Name { get; init; }
    /// <summary>mr (先生) or ms (女士), optional.</summary>
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    /// <summary>zh (default) or en: the language of the customer's SMS and pages.</summary>
    public string? Language { get; init; }
}

public sealed record ProductRequest
{
    public string? Model { get; init; }
    public string? SerialNumber { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? PurchaseDate { get; init; }
    /// <summary>inWarranty, outOfWarranty, unknown.</summary>
    public string? WarrantyStatus { get; init; }
    /// <summary>Product line (产品线), e.g. 空调; dispatch matches it to engineers' skills.</summary>
    public string? Line { get; init; }
}

public sealed record DescriptionRequest
{
    public string? Symptom { get; init; }
    public string? Frequency { get; init; }
    public string? AlreadyTried { get; init; }
}

/// <summary>A city, or a district of it.</summary>
public sealed record RegionRequest
{
    public string? City { get; init; }
    public string? District { get; init; }
}

/// <summary>A point on the map.</summary>
public sealed record LocationRequest
{
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}
