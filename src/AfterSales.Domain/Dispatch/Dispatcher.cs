using AfterSales.Domain.Explanations;
using AfterSales.Domain.Time;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Dispatch;

/// <summary>What the dispatcher needs to know about a ticket.</summary>
/// <param name="Department">The department that handles the ticket's type.</param>
/// <param name="ProductLine">The product line, when known.</param>
/// <param name="Tag">The fault tag, when known.</param>
/// <param name="Urgency">Urgent work prefers senior engineers.</param>
/// <param name="Region">Where the service happens, when known.</param>
/// <param name="Location">The service address on the map, when known.</param>
/// <param name="Excluded">Engineers who already declined or let the offer lapse in this round.</param>
public sealed record DispatchRequest(
    Department Department,
    string? ProductLine,
    string? Tag,
    Urgency Urgency,
    ServiceRegion? Region,
    GeoPoint? Location,
    IReadOnlyCollection<string> Excluded);

/// <summary>An engineer and the number of open tickets they hold now.</summary>
public sealed record EngineerLoad(Engineer Engineer, int OpenTickets);

/// <summary>An eligible engineer and how the score was made (each part 0..1, weighted into 0..100).</summary>
public sealed record DispatchCandidate(
    string Engineer, double Score, int SkillLevel, double Proximity, string ProximityBasis, int OpenTickets, int MaxConcurrent);

/// <summary>An engineer who could not take the ticket, and every reason why.</summary>
public sealed record IneligibleEngineer(string Engineer, IReadOnlyList<Explanation> Reasons);

/// <summary>The dispatcher's answer: candidates best first (empty = nobody can take it) and who was ruled out.</summary>
public sealed record DispatchDecision(IReadOnlyList<DispatchCandidate> Candidates, IReadOnlyList<IneligibleEngineer> Ineligible)
{
    /// <summary>The chosen engineer, or null.</summary>
    public DispatchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>Weights of the score parts, in points out of 100, for normal and for urgent work.</summary>
public sealed record DispatchWeights(double Skill, double Proximity, double Load)
{
    /// <summary>Normal and routine work: skill first, then place and load about equally.</summary>
    public static DispatchWeights Normal { get; } = new(40, 30, 30);

    /// <summary>Urgent work: seniority counts most, a free engineer less.</summary>
    public static DispatchWeights Urgent { get; } = new(60, 25, 15);
}

/// <summary>
/// Chooses the engineer for a ticket ("the right person for the right job"). Eligible: active, in the
/// ticket's department, has a skill covering the product line and tag, covers the region, on duty now,
/// not on leave, below maximum load, and not already passed over in this round. Score out of 100 =
/// skill level / 5 × skill weight + proximity × proximity weight + free capacity × load weight, with
/// urgent work weighting seniority more. Ties go to the lighter load, then the name. Pure.
/// </summary>
public sealed class Dispatcher(BusinessCalendar calendar)
{
    /// <summary>Beyond this distance from the engineer's base, proximity scores 0.</summary>
    public const double ReachKm = 50;

    /// <summary>Proximity when the region matches at district level but no map points are known.</summary>
    public const double DistrictMatch = 1.0;

    /// <summary>Proximity when only a whole-city region covers the place.</summary>
    public const double CityMatch = 0.6;

    /// <summary>Proximity when the place is unknown (or the work is remote).</summary>
    public const double Unknown = 0.5;

    /// <summary>Ranks the eligible engineers for <paramref name="request"/> at <paramref name="now"/>.</summary>
    public DispatchDecision Decide(DispatchRequest request, IEnumerable<EngineerLoad> engineers, DateTimeOffset now)
    {
        var weights = request.Urgency == Urgency.Urgent ? DispatchWeights.Urgent : DispatchWeights.Normal;
        var candidates = new List<DispatchCandidate>();
        var ineligible = new List<IneligibleEngineer>();
        foreach (var (engineer, load) in engineers)
        {
            var reasons = new List<Explanation>();
            var skill = engineer.Skills
                .Where(s => s.Covers(request.ProductLine, request.Tag))
                .OrderByDescending(s => s.Precision(request.ProductLine, request.Tag))
                .ThenByDescending(s => s.Level)
                .FirstOrDefault();
            if (!engineer.Active)
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutInactive));
            }

            if (engineer.Department != request.Department)
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutDepartment, Names.Of(engineer.Department), Names.Of(request.Department)));
            }

            if (skill is null)
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutSkill, request.ProductLine, request.Tag));
            }

            if (request.Region is { } region && !engineer.Regions.Any(r => r.Contains(region)))
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutRegion, region));
            }

            if (engineer.IsOnLeave(now))
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutLeave));
            }
            else if (!engineer.IsOnDuty(now, calendar))
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutOffDuty));
            }

            if (load >= engineer.MaxConcurrent)
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutLoad, load, engineer.MaxConcurrent));
            }

            if (request.Excluded.Contains(engineer.Id))
            {
                reasons.Add(Explanation.Of(MessageCodes.RuledOutDeclined));
            }

            if (reasons.Count > 0)
            {
                ineligible.Add(new IneligibleEngineer(engineer.Id, reasons));
                continue;
            }

            var (proximity, basis) = Proximity(engineer, request);
            var free = 1 - ((double)load / engineer.MaxConcurrent);
            var score = (weights.Skill * skill!.Level / Skill.MaxLevel) + (weights.Proximity * proximity) + (weights.Load * free);
            candidates.Add(new DispatchCandidate(
                engineer.Id, Math.Round(score, 1), skill.Level, Math.Round(proximity, 2), basis, load, engineer.MaxConcurrent));
        }

        var ranked = candidates
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.OpenTickets)
            .ThenBy(c => c.Engineer, StringComparer.Ordinal)
            .ToList();
        return new DispatchDecision(ranked, ineligible.OrderBy(i => i.Engineer, StringComparer.Ordinal).ToList());
    }

    private static (double Proximity, string Basis) Proximity(Engineer engineer, DispatchRequest request)
    {
        if (request.Location is { } place && engineer.Base is { } home)
        {
            var km = home.DistanceKm(place);
            return (Math.Max(0, 1 - (km / ReachKm)), $"{km:0.0} km from base");
        }

        if (request.Region is not { } region)
        {
            return (Unknown, "place unknown");
        }

        return engineer.Regions.Any(r => r.District is not null && r.Contains(region))
            ? (DistrictMatch, $"serves {region}")
            : (CityMatch, $"serves all of {region.City}");
    }
}

/// <summary>Enum names as the API spells them.</summary>
internal static class Names
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
