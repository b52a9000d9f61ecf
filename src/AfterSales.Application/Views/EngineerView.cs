using System.Security.Claims;
using AfterSales.Application.Access;
using AfterSales.Application.Calendars;
using AfterSales.Domain.Dispatch;

namespace AfterSales.Application.Views;

/// <summary>An engineer as the API shows it; the phone is masked for roles that may not see contact details.</summary>
public sealed record EngineerView(
    string Id,
    string Name,
    string Phone,
    Department Department,
    IReadOnlyList<Skill> Skills,
    IReadOnlyList<string> Certifications,
    IReadOnlyList<ServiceRegion> Regions,
    GeoPoint? Base,
    int MaxConcurrent,
    Dictionary<string, List<string>>? Duty,
    IReadOnlyList<LeavePeriod> Leave,
    bool Active,
    int? OpenTickets)
{
    public static EngineerView From(Engineer e, ClaimsPrincipal user, int? load) => new(
        e.Id, e.Name, user.MaySeeContactDetails() ? e.Phone.E164 : e.Phone.Masked, e.Department, e.Skills, e.Certifications, e.Regions,
        e.Base, e.MaxConcurrent, e.Duty is null ? null : WeekText.Format(e.Duty), e.Leave, e.Active, load);
}
