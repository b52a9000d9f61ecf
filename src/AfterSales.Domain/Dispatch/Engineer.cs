using AfterSales.Domain.Customers;
using AfterSales.Domain.Time;

namespace AfterSales.Domain.Dispatch;

/// <summary>The service departments work is routed to.</summary>
public enum Department
{
    /// <summary>维修: technical engineers.</summary>
    Repair,
    /// <summary>咨询/产品: product specialists.</summary>
    Consultation,
    /// <summary>投诉: complaint handling.</summary>
    Complaints,
}

/// <summary>What an engineer can work on: a product line and fault tag (<c>*</c> = any) at a level from 1 (junior) to 5 (senior).</summary>
public sealed record Skill(string ProductLine, string Tag, int Level)
{
    /// <summary>Matches every product line or tag.</summary>
    public const string Any = "*";

    /// <summary>Lowest level (junior).</summary>
    public const int MinLevel = 1;
    /// <summary>Highest level (senior).</summary>
    public const int MaxLevel = 5;

    /// <summary>True when this skill covers the product line and tag (an unknown line or tag is covered by any skill).</summary>
    public bool Covers(string? productLine, string? tag) =>
        Matches(ProductLine, productLine) && Matches(Tag, tag);

    /// <summary>How precisely it matches: 2 per exact field, 1 per wildcard; used to prefer the specific skill.</summary>
    public int Precision(string? productLine, string? tag) =>
        (ProductLine == Any || productLine is null ? 1 : 2) + (Tag == Any || tag is null ? 1 : 2);

    private static bool Matches(string skill, string? wanted) =>
        skill == Any || wanted is null || string.Equals(skill, wanted, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A place an engineer serves: a city, or one district of it.</summary>
public sealed record ServiceRegion(string City, string? District)
{
    /// <summary>True when this region contains <paramref name="place"/> (a whole-city region contains every district).</summary>
    public bool Contains(ServiceRegion place) =>
        Same(City, place.City) && (District is null || (place.District is not null && Same(District, place.District)));

    /// <summary>
    /// Reads city and district from a Chinese address such as 上海市浦东新区张江路1号 or 广东省深圳市南山区….
    /// Municipalities (北京, 上海, 天津, 重庆) are cities themselves.
    /// </summary>
    public static ServiceRegion? FromAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var text = address.Trim();
        var province = text.IndexOf('省', StringComparison.Ordinal);
        var autonomous = text.IndexOf("自治区", StringComparison.Ordinal);
        var start = province >= 0 ? province + 1 : autonomous >= 0 ? autonomous + 3 : 0;
        var cityEnd = text.IndexOf('市', start);
        if (cityEnd <= start)
        {
            return null;
        }

        var city = text[start..(cityEnd + 1)];
        var rest = text[(cityEnd + 1)..];
        var districtEnd = rest.IndexOfAny(['区', '县']);
        var district = districtEnd > 0 ? rest[..(districtEnd + 1)] : null;
        return new ServiceRegion(city, district);
    }

    /// <summary>City and district as written in an address (上海市浦东新区).</summary>
    public override string ToString() => District is null ? City : $"{City}{District}";

    private static bool Same(string a, string b) =>
        string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    // "上海" and "上海市" name the same city.
    private static string Normalise(string name) => name.Trim().TrimEnd('市');
}

/// <summary>A point on the map, in degrees (WGS-84).</summary>
public sealed record GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>True when both coordinates are in range.</summary>
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double DistanceKm(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
            + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>A period of leave, half-open [From, To).</summary>
public sealed record LeavePeriod(DateTimeOffset From, DateTimeOffset To, string? Reason)
{
    /// <summary>True when the leave covers <paramref name="instant"/>.</summary>
    public bool Covers(DateTimeOffset instant) => instant >= From && instant < To;
}

/// <summary>An engineer or product specialist who can be given tickets.</summary>
public sealed record Engineer
{
    /// <summary>The name the engineer signs in with; tickets are assigned to it.</summary>
    public required string Id { get; init; }

    /// <summary>Display name shown to colleagues and, later, to the customer.</summary>
    public required string Name { get; init; }

    /// <summary>Work phone, E.164; shown only to roles that need it.</summary>
    public required PhoneNumber Phone { get; init; }

    /// <summary>The department the engineer works in.</summary>
    public required Department Department { get; init; }

    /// <summary>Skills per product line and fault tag.</summary>
    public IReadOnlyList<Skill> Skills { get; init; } = [];

    /// <summary>Certifications held (free text, e.g. 电工证).</summary>
    public IReadOnlyList<string> Certifications { get; init; } = [];

    /// <summary>Cities or districts the engineer serves.</summary>
    public IReadOnlyList<ServiceRegion> Regions { get; init; } = [];

    /// <summary>Where the engineer usually starts from, for distance scoring.</summary>
    public GeoPoint? Base { get; init; }

    /// <summary>Most tickets the engineer holds at once (assigned, accepted, in service, paused).</summary>
    public int MaxConcurrent { get; init; } = 5;

    /// <summary>The weekly duty roster in business time; null = the business calendar's working time (holidays off).</summary>
    public WorkingWeek? Duty { get; init; }

    /// <summary>Leave periods; dispatch skips the engineer during them.</summary>
    public IReadOnlyList<LeavePeriod> Leave { get; init; } = [];

    /// <summary>False for engineers who left or are suspended; they are never dispatched.</summary>
    public bool Active { get; init; } = true;

    /// <summary>True when the engineer is on duty at <paramref name="now"/> by roster or calendar.</summary>
    public bool IsOnDuty(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (Duty is null)
        {
            return calendar.NextWorkingInstant(now) == now;
        }

        var local = TimeZoneInfo.ConvertTime(now, calendar.Zone);
        var time = local.TimeOfDay;
        return Duty[local.DayOfWeek].Any(w => time >= w.Start && time < w.End);
    }

    /// <summary>True when a leave period covers <paramref name="now"/>.</summary>
    public bool IsOnLeave(DateTimeOffset now) => Leave.Any(l => l.Covers(now));

    /// <summary>The department a ticket type is handled by (follow-up visits belong to follow-up agents, not engineers).</summary>
    public static Department? DepartmentFor(Tickets.TicketType? type) => type switch
    {
        Tickets.TicketType.Repair => Department.Repair,
        Tickets.TicketType.Consultation => Department.Consultation,
        Tickets.TicketType.Complaint => Department.Complaints,
        _ => null,
    };
}
