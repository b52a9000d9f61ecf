using AfterSales.Domain.Explanations;
using AfterSales.Application.Calendars;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Time;

namespace AfterSales.Application.Dispatch;

/// <summary>The body of an engineer (create and replace).</summary>
public sealed record EngineerRequest
{
    /// <summary>The name the engineer signs in with; tickets are assigned to it. Only on create.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    /// <summary>repair, consultation, complaints.</summary>
    public string? Department { get; init; }
    public List<SkillRequest>? Skills { get; init; }
    public List<string>? Certifications { get; init; }
    public List<RegionRequest>? Regions { get; init; }
    public LocationRequest? Base { get; init; }
    public int? MaxConcurrent { get; init; }
    /// <summary>Weekly duty roster in business time, e.g. {"mon": ["09:00-18:00"], …}; omit to follow the business calendar.</summary>
    public Dictionary<string, List<string>>? Duty { get; init; }
    public List<LeaveRequest>? Leave { get; init; }
    public bool? Active { get; init; }
}

/// <summary>A skill: product line and fault tag ("*" = any), level 1-5.</summary>
public sealed record SkillRequest
{
    public string? ProductLine { get; init; }
    public string? Tag { get; init; }
    public int? Level { get; init; }
}

/// <summary>A leave period [from, to).</summary>
public sealed record LeaveRequest
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The body of a department's settings.</summary>
public sealed record DepartmentRequest
{
    /// <summary>Sign-in names of the department's supervisors.</summary>
    public List<string>? Supervisors { get; init; }
    /// <summary>True: new tickets go to the best engineer automatically; false: the supervisor assigns by hand.</summary>
    public bool? AutoDispatch { get; init; }
}

/// <summary>Engineers and department settings from what staff sent (the API's JSON and the console's forms), with every wrong field named.</summary>
public static class TeamValidation
{
    /// <summary>The most items in any of an engineer's or department's lists.</summary>
    public const int MaxItems = 50;

    /// <summary>An engineer from the request (the API's and the console's), every wrong field named in <paramref name="errors"/>; null then.</summary>
    public static Engineer? Parse(EngineerRequest? body, string id, FieldErrors errors)
    {
        if (body is null)
        {
            errors.Report("body", MessageCodes.EngineerBody);
            return null;
        }

        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            errors.Report("name", MessageCodes.EngineerName);
        }

        var phone = TicketIntakeValidator.Phone(errors, "phone", body.Phone, required: true);
        Department? department = EnumNames.TryParse<Department>(body.Department, out var d) ? d : null;
        if (department is null)
        {
            errors.Report("department", MessageCodes.EngineerDepartment);
        }

        var skills = new List<Skill>();
        foreach (var (s, i) in (body.Skills ?? []).Select((s, i) => (s, i)))
        {
            var line = s.ProductLine?.Trim();
            var tag = s.Tag?.Trim();
            if (string.IsNullOrEmpty(line) || string.IsNullOrEmpty(tag) || line.Length > 50 || tag.Length > 50 || s.Level is not (>= Skill.MinLevel and <= Skill.MaxLevel))
            {
                errors.Report($"skills[{i}]", MessageCodes.EngineerSkill);
                continue;
            }

            skills.Add(new Skill(line, tag, s.Level.Value));
        }

        if (skills.Count == 0 && !errors.Has("skills[0]"))
        {
            errors.Report("skills", MessageCodes.EngineerSkills);
        }

        var regions = new List<ServiceRegion>();
        foreach (var (r, i) in (body.Regions ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(r.City) || r.City.Length > 50 || r.District?.Length > 50)
            {
                errors.Report($"regions[{i}]", MessageCodes.EngineerRegion);
                continue;
            }

            regions.Add(new ServiceRegion(r.City.Trim(), string.IsNullOrWhiteSpace(r.District) ? null : r.District.Trim()));
        }

        GeoPoint? home = null;
        if (body.Base is { } b)
        {
            if (b.Latitude is not { } lat || b.Longitude is not { } lon || !new GeoPoint(lat, lon).IsValid)
            {
                errors.Report("base", MessageCodes.EngineerBase);
            }
            else
            {
                home = new GeoPoint(lat, lon);
            }
        }

        if (body.MaxConcurrent is not null and not (>= 1 and <= 100))
        {
            errors.Report("maxConcurrent", MessageCodes.EngineerLoad);
        }

        WorkingWeek? duty = null;
        if (body.Duty is { } roster)
        {
            try
            {
                duty = WeekText.Parse(roster);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                errors.Report("duty", MessageCodes.EngineerDuty, e.Message);
            }
        }

        var leave = new List<LeavePeriod>();
        foreach (var (l, i) in (body.Leave ?? []).Select((l, i) => (l, i)))
        {
            if (!IsoInstant.TryParse(l.From, out var from) || !IsoInstant.TryParse(l.To, out var to) || to <= from || l.Reason?.Length > 200)
            {
                errors.Report($"leave[{i}]", MessageCodes.EngineerLeave);
                continue;
            }

            leave.Add(new LeavePeriod(from, to, l.Reason?.Trim()));
        }

        var certifications = (body.Certifications ?? []).Select(c => c?.Trim() ?? string.Empty).ToList();
        if (certifications.Any(c => c.Length is 0 or > 100) || certifications.Count > MaxItems || skills.Count > MaxItems || regions.Count > MaxItems || leave.Count > MaxItems)
        {
            errors.Report("certifications", MessageCodes.EngineerLists, MaxItems);
        }

        return errors.Count > 0 ? null : new Engineer
        {
            Id = id,
            Name = name!,
            Phone = phone!,
            Department = department!.Value,
            Skills = skills,
            Certifications = certifications,
            Regions = regions,
            Base = home,
            MaxConcurrent = body.MaxConcurrent ?? 5,
            Duty = duty,
            Leave = leave,
            Active = body.Active ?? true,
        };
    }

    /// <summary>A department's settings from a request, as PUT /api/departments/{department} reads them; null with errors when invalid.</summary>
    public static DepartmentSettings? ParseDepartment(DepartmentRequest? body, Department department, FieldErrors errors)
    {
        var supervisors = (body?.Supervisors ?? []).Select(s => s?.Trim() ?? string.Empty).ToList();
        if (supervisors.Count > MaxItems || supervisors.Any(s => !SignInName.IsValid(s)))
        {
            errors.Report("supervisors", MessageCodes.Supervisors, MaxItems, SignInName.Rule);
        }

        if (body?.AutoDispatch is null)
        {
            errors.Report("autoDispatch", MessageCodes.AutoDispatch);
        }

        return errors.Count > 0 ? null : new DepartmentSettings(department, supervisors.Distinct(StringComparer.Ordinal).ToList(), body!.AutoDispatch!.Value);
    }
}
