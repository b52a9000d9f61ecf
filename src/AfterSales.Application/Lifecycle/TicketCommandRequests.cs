using AfterSales.Application.FollowUps;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// The lifecycle commands as requests: each command's name, what it does, and how a <see cref="TicketCommandRequest"/>
/// becomes the command, naming every wrong field by its path in the request (e.g. <c>parts[0].quantity</c>). The HTTP
/// API and any other front end read commands through this one place.
/// </summary>
public static class TicketCommandRequests
{
    private const int MaxText = 2000;
    private const int MaxLines = 30;
    private const decimal MaxAmount = 1_000_000m;

    /// <summary>Every command: its name (as in its URL), what it does, and how its request becomes the command.</summary>
    public static IReadOnlyList<(string Route, string Summary, Func<TicketCommandRequest, FieldErrors, TicketCommand?> Parse)> All { get; } =
    [
        ("classify", "Classify or reclassify: type, tag, urgency (a reason is required to override)", ParseClassify),
        ("assign", "Assign or reassign to an engineer", (r, _) => new AssignTicket(r.Engineer?.Trim() ?? string.Empty)),
        ("accept", "The assigned engineer accepts the job", (_, _) => new SimpleCommand(TicketCommandKind.Accept)),
        ("decline", "The assigned engineer declines the job (reason required); it goes back to the supervisor", (_, _) => new SimpleCommand(TicketCommandKind.Decline)),
        ("start", "The service begins (on site or remote)", (_, _) => new SimpleCommand(TicketCommandKind.Start)),
        ("pause", "Pause while waiting for the customer or for parts; SLA clocks stand still", ParsePause),
        ("resume", "Continue after a pause; SLA deadlines move by the pause", (_, _) => new SimpleCommand(TicketCommandKind.Resume)),
        ("appointment", "The engineer records the visit or call window agreed with the customer (from, to, mode)", ParseAppointment),
        ("visits", "Record a visit or remote session (service record, template 2): times, mode, findings, measures, parts, labour", ParseVisit),
        ("quote", "Send the customer a quote for chargeable work (parts, labourAmount, plan, risks); answers with the customer's approval link", ParseQuote),
        ("approve-quote", "Record the customer's approval given by phone or in person (reason required: how it was given)", (_, _) => new AnswerQuote(true, null, null)),
        ("refuse-quote", "Record the customer's refusal given by phone or in person (reason required)", (_, _) => new AnswerQuote(false, null, null)),
        ("resolve", "The work is done: summary or the structured result (outcome, cause, solution, advice; complaints: complaintResolution, compensation)", ParseResolve),
        ("report-result", "The result was reported to the customer (summary required); the confirmation clock starts; answers with the customer's confirmation link", (r, _) => new RecordResult(TicketCommandKind.ReportResult, r.Summary?.Trim() ?? string.Empty)),
        ("confirm", "Record the customer's confirmation and rating", ParseConfirm),
        ("start-follow-up", "Open the follow-up now (before it is due, or for a ticket no rule plans one for); agent: the follow-up agent, default the caller", (r, e) => new StartFollowUp(Text(e, "agent", r.Agent, 100))),
        ("calls", "Record a follow-up call: outcome reached, noAnswer (tried again on the retry schedule) or wrongNumber; after the last try the ticket closes as unreachable", ParseCall),
        ("survey", "Record the satisfaction survey (template 4): attitude, skill, efficiency, overall (1-10), recommend (0-10), productWorking, newProblems, buyAgain, suggestions, respondent; any score below 7 reopens the ticket for a second handling", ParseSurvey),
        ("close", "Finish the ticket", (_, _) => new SimpleCommand(TicketCommandKind.Close)),
        ("cancel", "Cancel as a duplicate or as withdrawn", ParseCancel),
        ("reopen", "Open again for a second handling (reason required)", (_, _) => new SimpleCommand(TicketCommandKind.Reopen)),
        ("resend-link", "Send the customer the link for what waits for them (quote, confirmation or survey) again by SMS, with a fresh link", (_, _) => new SimpleCommand(TicketCommandKind.ResendLink)),
        ("device-link", "Open the customer's page on your own device for the customer to approve the quote or sign there (on site): recorded with your name, valid 30 minutes; answers with customerLink", (_, _) => new SimpleCommand(TicketCommandKind.IssueDeviceLink)),
    ];

    /// <summary>Reads <paramref name="request"/> with <paramref name="parse"/>: the command (null when a field is wrong) and the reason given.</summary>
    public static (TicketCommand? Command, string? Reason) Read(
        TicketCommandRequest request, Func<TicketCommandRequest, FieldErrors, TicketCommand?> parse, FieldErrors errors)
    {
        var reason = Text(errors, "reason", request.Reason);
        Text(errors, "summary", request.Summary);
        var command = parse(request, errors);
        return (errors.Count > 0 ? null : command, reason);
    }

    private static TicketCommand? ParseClassify(TicketCommandRequest r, FieldErrors errors)
    {
        var type = errors.Enum<TicketType>("type", r.Type, required: true);
        var urgency = errors.Enum<Urgency>("urgency", r.Urgency, required: true);
        var tag = Text(errors, "tag", r.Tag, 50);
        return type is { } t && urgency is { } u ? new ClassifyTicket(t, tag, u) : null;
    }

    private static TicketCommand? ParseAppointment(TicketCommandRequest r, FieldErrors errors)
    {
        var from = RequiredInstant(errors, "from", r.From);
        var to = RequiredInstant(errors, "to", r.To);
        var mode = errors.Enum<ServiceMode>("mode", r.Mode, required: true);
        return from is { } f && to is { } t && mode is { } m ? new AgreeAppointment(new Appointment(f, t, m, r.Reason?.Trim())) : null;
    }

    private static TicketCommand? ParseVisit(TicketCommandRequest r, FieldErrors errors)
    {
        var started = RequiredInstant(errors, "startedAt", r.StartedAt);
        var ended = RequiredInstant(errors, "endedAt", r.EndedAt);
        var mode = errors.Enum<ServiceMode>("mode", r.Mode, required: true);
        var findings = RequiredText(errors, "findings", r.Findings);
        var measures = RequiredText(errors, "measures", r.Measures);
        var remarks = Text(errors, "remarks", r.Remarks, 500);
        var parts = (r.Parts ?? []).Select((p, i) => Part(errors, $"parts[{i}]", p)).ToList();
        if (parts.Count > MaxLines)
        {
            errors.Add("parts", $"At most {MaxLines} parts per visit.");
        }

        Labour? labour = null;
        if (r.Labour is { } l)
        {
            if (l.Hours is not { } hours || hours < 0 || hours > 100 || l.Amount is not { } amount || amount < 0 || amount > MaxAmount)
            {
                errors.Add("labour", $"Give hours (0-100) and amount in yuan (0-{MaxAmount}; 0 under warranty).");
            }
            else
            {
                labour = new Labour(hours, amount);
            }
        }

        return started is { } s && ended is { } e && mode is { } m && findings is not null && measures is not null && errors.Count == 0
            ? new RecordVisit(s, e, m, findings, measures, parts.OfType<PartUsed>().ToList(), labour, remarks) { ChargeReason = Text(errors, "chargeReason", r.ChargeReason, 200) }
            : null;
    }

    private static TicketCommand? ParseQuote(TicketCommandRequest r, FieldErrors errors)
    {
        var plan = RequiredText(errors, "plan", r.Plan);
        var risks = RequiredText(errors, "risks", r.Risks);
        var lines = (r.Parts ?? []).Select((p, i) => Part(errors, $"parts[{i}]", p) is { } part
            ? new QuoteLine(part.PartNumber, part.Name, part.Quantity, part.UnitPrice)
            : null).ToList();
        if (lines.Count > MaxLines)
        {
            errors.Add("parts", $"At most {MaxLines} lines per quote.");
        }

        if (r.LabourAmount is < 0 or > MaxAmount)
        {
            errors.Add("labourAmount", $"Labour is 0-{MaxAmount} yuan.");
        }

        return plan is not null && risks is not null && errors.Count == 0
            ? new ProposeQuote(lines.OfType<QuoteLine>().ToList(), r.LabourAmount ?? 0, plan, risks) { ChargeReason = Text(errors, "chargeReason", r.ChargeReason, 200) }
            : null;
    }

    private static TicketCommand? ParseResolve(TicketCommandRequest r, FieldErrors errors)
    {
        var summary = r.Summary?.Trim();
        var structured = r.Outcome is not null || r.Solution is not null || r.Cause is not null || r.ComplaintResolution is not null;
        if (!structured)
        {
            return new RecordResult(TicketCommandKind.Resolve, summary ?? string.Empty);
        }

        var outcome = errors.Enum<ServiceOutcome>("outcome", r.Outcome, required: true);
        var solution = RequiredText(errors, "solution", r.Solution);
        var cause = Text(errors, "cause", r.Cause);
        var advice = Text(errors, "advice", r.Advice);
        var resolution = Text(errors, "complaintResolution", r.ComplaintResolution);
        if (r.WarrantyMonths is < 0 or > 120)
        {
            errors.Add("warrantyMonths", "Warranty is 0-120 months.");
        }

        var compensation = new List<Compensation>();
        foreach (var (c, i) in (r.Compensation ?? []).Select((c, i) => (c, i)))
        {
            var kind = errors.Enum<CompensationKind>($"compensation[{i}].kind", c.Kind, required: true);
            var description = RequiredText(errors, $"compensation[{i}].description", c.Description, 200);
            if (c.Months is < 1 or > 120 || c.Amount is < 0 or > MaxAmount)
            {
                errors.Add($"compensation[{i}]", $"Months are 1-120, amounts 0-{MaxAmount} yuan.");
            }

            if (kind is { } k && description is not null)
            {
                compensation.Add(new Compensation(k, description, c.Months, c.Amount));
            }
        }

        if (outcome is not { } o || solution is null || errors.Count > 0)
        {
            return null;
        }

        var result = new ServiceResult(o, cause, solution, advice, resolution, compensation, r.WarrantyMonths);
        return new RecordResult(TicketCommandKind.Resolve, summary ?? solution) { Result = result };
    }

    private static PartUsed? Part(FieldErrors errors, string field, PartRequest? p)
    {
        var number = RequiredText(errors, $"{field}.partNumber", p?.PartNumber, 50);
        var name = RequiredText(errors, $"{field}.name", p?.Name, 100);
        if (p?.Quantity is not (>= 1 and <= 1000))
        {
            errors.Add($"{field}.quantity", "A quantity from 1 to 1000.");
        }

        if (p?.UnitPrice is not { } price || price < 0 || price > MaxAmount)
        {
            errors.Add($"{field}.unitPrice", $"A unit price in yuan from 0 to {MaxAmount} (0 under warranty).");
        }

        return number is not null && name is not null && p!.Quantity is { } q and >= 1 and <= 1000 && p.UnitPrice is { } u and >= 0 and <= MaxAmount
            ? new PartUsed(number, name, q, u, p.Genuine, p.OldPartShown ?? false)
            : null;
    }

    private static DateTimeOffset? RequiredInstant(FieldErrors errors, string field, string? value)
    {
        if (IsoInstant.TryParse(value, out var instant))
        {
            return instant;
        }

        errors.Add(field, string.IsNullOrWhiteSpace(value)
            ? $"Required: {IsoInstant.Rule}, e.g. 2026-11-24T14:00:00+08:00."
            : $"'{value}' is not {IsoInstant.Rule}, e.g. 2026-11-24T14:00:00+08:00.");
        return null;
    }

    private static string? RequiredText(FieldErrors errors, string field, string? value, int maxLength = MaxText)
    {
        var text = Text(errors, field, value, maxLength);
        if (text is null)
        {
            errors.Add(field, "Required.");
        }

        return text;
    }

    private static TicketCommand? ParsePause(TicketCommandRequest r, FieldErrors errors) =>
        errors.Enum<PauseReason>("waitingFor", r.WaitingFor, required: true) is { } reason ? new PauseService(reason) : null;

    private static TicketCommand? ParseConfirm(TicketCommandRequest r, FieldErrors errors) =>
        errors.Enum<ConfirmationRating>("rating", r.Rating, required: true) is { } rating ? new ConfirmResult(rating) : null;

    private static TicketCommand? ParseCall(TicketCommandRequest r, FieldErrors errors) =>
        errors.Enum<CallOutcome>("outcome", r.Outcome, required: true) is { } outcome ? new RecordCall(outcome) : null;

    private static TicketCommand? ParseSurvey(TicketCommandRequest r, FieldErrors errors) =>
        SurveyRequests.Parse(r.Survey, errors, SurveyChannel.Phone) is { } survey ? new RecordSurvey(survey) : null;

    private static TicketCommand? ParseCancel(TicketCommandRequest r, FieldErrors errors)
    {
        var kind = errors.Enum<CancelReason>("kind", r.Kind, required: true);
        var duplicateOf = Text(errors, "duplicateOf", r.DuplicateOf, 40);
        if (duplicateOf is not null && !TicketNumber.TryParse(duplicateOf, out _) && !TicketId.TryParse(duplicateOf, out _))
        {
            errors.Add("duplicateOf", "Give the number (AS-20261123-00042) or id of the ticket this one duplicates.");
        }

        return kind is { } k ? new CancelTicket(k, duplicateOf) : null;
    }

    private static string? Text(FieldErrors errors, string field, string? value, int maxLength = MaxText)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
