using AfterSales.Application.Access;
using System.Globalization;
using System.Text.Json;
using AfterSales.Application;
using AfterSales.Application.Calendars;
using AfterSales.Domain.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Functions.Api;

/// <summary>
/// <c>POST /api/sla/preview</c>: answers "when is this due?" for any calendar, so that administrators can
/// check working hours, holidays and limits before they configure them.
/// </summary>
public static class SlaPreviewApi
{
    public static IEndpointRouteBuilder MapSlaPreviewApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sla/preview", PreviewAsync)
            .RequireAuthorization(Policies.SlaAdministration)
            .WithTags("SLA")
            .WithSummary("Compute a deadline on a business calendar")
            .WithDescription("""
                Body: {"calendar": {"timeZone": "Asia/Shanghai", "week": {"mon": [["09:00","12:00"],["13:00","18:00"]], ...}, "holidays": ["2026-10-01"], "workdays": ["2026-10-10"]}, "start": "2026-09-30T16:30:00+08:00", "add": {"minutes": 90}}.
                add is one of {"minutes": n}, {"hours": n}, {"workingDays": n} or {"workingDays": n, "endOfDay": true}; a negative n counts backwards from start (3 working days before a visit). Without calendar, the configured default calendar
                (with the shipped official holidays) is used. Weekdays missing from week are closed; "24:00" is the end of the day; holidays are closed; workdays (worked weekend days, 调休) use Monday's windows.
                """)
            .Accepts<JsonElement>("application/json")
            .Produces<SlaPreviewResponse>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> PreviewAsync(
        HttpContext http, BusinessCalendar defaultCalendar, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (root, problem) = await JsonBody.ReadAsync<JsonElement>(http, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("body", "The body must be a JSON object: {\"start\": ..., \"add\": {...}, \"calendar\": {...}}.");
        }

        var calendar = root.TryGetProperty("calendar", out var c) && c.ValueKind != JsonValueKind.Null
            ? ReadCalendar(c, defaultCalendar, errors)
            : defaultCalendar;
        var start = ReadStart(root, errors);
        var allowance = ReadAdd(root, errors);
        if (errors.Count > 0 || calendar is null || start is null || allowance is null
            || SlaPreview.Deadline(calendar, start.Value, allowance.Value, errors, "start", "add") is not { } deadline)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The preview request has invalid fields.");
        }

        var local = TimeZoneInfo.ConvertTime(deadline, calendar.Zone);
        return TypedResults.Ok(new SlaPreviewResponse(local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)));
    }

    private static BusinessCalendar? ReadCalendar(JsonElement c, BusinessCalendar defaults, FieldErrors errors)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            errors.AddApiText("calendar", "Give an object with timeZone, week, holidays and workdays, or leave calendar out for the default.");
            return null;
        }

        var zone = defaults.Zone;
        if (c.TryGetProperty("timeZone", out var tz))
        {
            if (tz.ValueKind != JsonValueKind.String || !TimeZoneInfo.TryFindSystemTimeZoneById(tz.GetString()!, out zone))
            {
                errors.AddApiText("calendar.timeZone", "Use an IANA time zone name such as Asia/Shanghai or Europe/Berlin.");
                zone = null;
            }
        }

        var week = c.TryGetProperty("week", out var w) ? ReadWeek(w, errors) : defaults.Week;
        var holidays = ReadDates(c, "holidays", errors);
        var workdays = ReadDates(c, "workdays", errors);
        foreach (var day in workdays.Intersect(holidays))
        {
            errors.AddApiText("calendar.workdays", $"{day:yyyy-MM-dd} is listed as both a holiday and a worked day.");
        }

        foreach (var day in workdays.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            errors.AddApiText("calendar.workdays", $"{day:yyyy-MM-dd} is a {day.DayOfWeek}; workdays lists weekend days that are worked (调休).");
        }

        if (week is { IsAlwaysClosed: true })
        {
            errors.AddApiText("calendar.week", "The week has no working window; give at least one day, e.g. \"mon\": [[\"09:00\",\"18:00\"]].");
        }

        return zone is null || week is null || week.IsAlwaysClosed || errors.Count > 0 ? null : new BusinessCalendar(zone, week, holidays, workdays);
    }

    private static WorkingWeek? ReadWeek(JsonElement w, FieldErrors errors)
    {
        if (w.ValueKind != JsonValueKind.Object)
        {
            errors.AddApiText("calendar.week", "Give an object of weekdays (mon … sun), each a list of [\"HH:mm\", \"HH:mm\"] windows.");
            return null;
        }

        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>>();
        var ok = true;
        foreach (var property in w.EnumerateObject())
        {
            var field = $"calendar.week.{property.Name}";
            if (!CalendarOptions.DayKeys.TryGetValue(property.Name, out var day))
            {
                errors.AddApiText(field, "Not a weekday; use mon, tue, wed, thu, fri, sat or sun.");
                ok = false;
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                errors.AddApiText(field, "Give a list of windows, e.g. [[\"09:00\",\"12:00\"],[\"13:00\",\"18:00\"]].");
                ok = false;
                continue;
            }

            var windows = new List<WorkingWindow>();
            var i = 0;
            foreach (var item in property.Value.EnumerateArray())
            {
                var window = item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
                    && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String
                        ? WorkingWindow.TryParse(item[0].GetString(), item[1].GetString())
                        : null;
                if (window is null)
                {
                    errors.AddApiText($"{field}[{i}]", "A window is [\"HH:mm\", \"HH:mm\"] with the opening before the closing; \"24:00\" is the end of the day.");
                    ok = false;
                }
                else
                {
                    windows.Add(window.Value);
                }

                i++;
            }

            var sorted = windows.OrderBy(x => x.Start).ToList();
            for (var k = 1; k < sorted.Count; k++)
            {
                if (sorted[k].Start < sorted[k - 1].End)
                {
                    errors.AddApiText(field, $"The windows {sorted[k - 1]} and {sorted[k]} overlap.");
                    ok = false;
                }
            }

            days[day] = windows;
        }

        return ok ? new WorkingWeek(days) : null;
    }

    private static List<DateOnly> ReadDates(JsonElement c, string name, FieldErrors errors)
    {
        var dates = new List<DateOnly>();
        if (!c.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return dates;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.AddApiText($"calendar.{name}", "Give a list of dates, e.g. [\"2026-10-01\"].");
            return dates;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(item.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.AddApiText($"calendar.{name}[{i}]", "Use a date in the form yyyy-MM-dd.");
            }

            i++;
        }

        return dates;
    }

    private static DateTimeOffset? ReadStart(JsonElement root, FieldErrors errors)
    {
        if (root.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.String
            && s.GetString()!.Contains('T', StringComparison.Ordinal) && IsoInstant.TryParse(s.GetString(), out var start))
        {
            return start;
        }

        errors.AddApiText("start", $"Required: {IsoInstant.Rule}, e.g. 2026-09-30T16:30:00+08:00.");
        return null;
    }

    private static (TimeAllowance Allowance, bool Backwards)? ReadAdd(JsonElement root, FieldErrors errors)
    {
        const string usage = "Give one of {\"minutes\": n}, {\"hours\": n}, {\"workingDays\": n} or {\"workingDays\": n, \"endOfDay\": true}; a negative n counts backwards.";
        if (!root.TryGetProperty("add", out var add) || add.ValueKind != JsonValueKind.Object)
        {
            errors.AddApiText("add", "Required. " + usage);
            return null;
        }

        var names = add.EnumerateObject().Select(p => p.Name).ToList();
        var unknown = names.Except(["minutes", "hours", "workingDays", "endOfDay"]).ToList();
        var amounts = names.Intersect(SlaPreview.Units).ToList();
        if (unknown.Count > 0 || amounts.Count != 1)
        {
            errors.AddApiText("add", (unknown.Count > 0 ? $"Unknown field(s): {string.Join(", ", unknown)}. " : "Give exactly one amount. ") + usage);
            return null;
        }

        var endOfDay = false;
        if (add.TryGetProperty("endOfDay", out var eod))
        {
            if (eod.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.AddApiText("add.endOfDay", "endOfDay is true or false, and only goes with workingDays.");
                return null;
            }

            endOfDay = eod.GetBoolean();
        }

        var unit = amounts[0];
        var value = add.GetProperty(unit);
        var amount = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : double.NaN;
        return SlaPreview.Allowance(unit, amount, endOfDay, errors, $"add.{unit}", "add.endOfDay");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The preview request has invalid fields.");
}

/// <summary>The answer of the preview: the deadline, in the calendar's zone, with its offset.</summary>
public sealed record SlaPreviewResponse(string Deadline);
