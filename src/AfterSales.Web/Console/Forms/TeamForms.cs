using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;

namespace AfterSales.Web.Console;

/// <summary>
/// The engineer form as the framework binds it: the fields of the API's <see cref="EngineerRequest"/> under the same
/// names, except what one input holds as words on a line (a day's duty hours, certifications), and lists by their
/// row number on the form.
/// </summary>
public sealed class EngineerFormModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Department { get; set; }
    public int? MaxConcurrent { get; set; }
    public bool? Active { get; set; }
    public Dictionary<int, SkillRequest>? Skills { get; set; }
    public Dictionary<int, RegionRequest>? Regions { get; set; }
    public DutyFormModel? Duty { get; set; }
    public Dictionary<int, LeaveRequest>? Leave { get; set; }
    public string? Certifications { get; set; }
    public LocationRequest? Base { get; set; }

    /// <summary>The request the API would be sent for this form: rows left empty dropped, leave times read in the business's zone.</summary>
    public EngineerRequest ToRequest(BoundForm form) => new()
    {
        Id = Id,
        Name = Name,
        Phone = Phone,
        Department = Department,
        MaxConcurrent = MaxConcurrent,
        Active = Active,
        Skills = form.Rows("skills", Skills, s => BoundForm.Text(s.ProductLine) is not null || BoundForm.Text(s.Tag) is not null || s.Level is not null),
        Regions = form.Rows("regions", Regions, r => BoundForm.Text(r.City) is not null || BoundForm.Text(r.District) is not null),
        Duty = Duty?.Days(),
        Leave = form.Rows(
            "leave",
            Leave?.ToDictionary(l => l.Key, l => l.Value with { From = form.Moment(l.Value.From), To = form.Moment(l.Value.To) }),
            l => l.From is not null || l.To is not null || BoundForm.Text(l.Reason) is not null),
        Certifications = BoundForm.Words(Certifications),
        Base = Base is { Latitude: null, Longitude: null } ? null : Base,
    };
}

/// <summary>A week of duty hours, one input per weekday (<c>duty.mon</c>: "09:00-12:00 13:00-18:00").</summary>
public sealed class DutyFormModel
{
    public string? Mon { get; set; }
    public string? Tue { get; set; }
    public string? Wed { get; set; }
    public string? Thu { get; set; }
    public string? Fri { get; set; }
    public string? Sat { get; set; }
    public string? Sun { get; set; }

    /// <summary>The days with hours typed, as the API's roster; null when none was (the business calendar applies).</summary>
    public Dictionary<string, List<string>>? Days()
    {
        var days = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (day, text) in new[] { ("mon", Mon), ("tue", Tue), ("wed", Wed), ("thu", Thu), ("fri", Fri), ("sat", Sat), ("sun", Sun) })
        {
            if (BoundForm.Words(text) is { } hours)
            {
                days[day] = hours;
            }
        }

        return days.Count > 0 ? days : null;
    }
}

/// <summary>A department's settings form: the API's <see cref="DepartmentRequest"/>, its supervisors typed on one line.</summary>
public sealed class DepartmentFormModel
{
    public string? Supervisors { get; set; }
    public bool? AutoDispatch { get; set; }

    public DepartmentRequest ToRequest() => new() { Supervisors = BoundForm.Words(Supervisors), AutoDispatch = AutoDispatch };
}
