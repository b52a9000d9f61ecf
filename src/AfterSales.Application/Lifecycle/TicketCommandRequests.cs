using AfterSales.Domain.Explanations;
using AfterSales.Application.FollowUps;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// One command as a request: its name (as in its URL), what it does, the type of its body, and how that body becomes
/// the command.
/// </summary>
public sealed record TicketCommandRoute(string Route, string Summary, Type RequestType, Func<CommandRequest, FieldErrors, TicketCommand?> Parse)
{
    /// <summary>The body an empty request stands for: no fields given.</summary>
    public CommandRequest Empty() => (CommandRequest)Activator.CreateInstance(RequestType)!;
}

/// <summary>
/// The lifecycle commands as requests: each command's name, what it does, its request record, and how the record
/// becomes the command, naming every wrong field by its path in the request (e.g. <c>parts[0].quantity</c>). The
/// HTTP API and any other front end read commands through this one place.
/// </summary>
public static class TicketCommandRequests
{
    private const int MaxText = 2000;
    private const int MaxLines = 30;
    private const decimal MaxAmount = 1_000_000m;

    /// <summary>Every command: its name (as in its URL), what it does, its request record and how it becomes the command.</summary>
    public static IReadOnlyList<TicketCommandRoute> All { get; } =
    [
        Command<ClassifyRequest>("classify", "Classify or reclassify: type, tag, urgency (a reason is required to override)", ParseClassify),
        Command<AssignRequest>("assign", "Assign or reassign to an engineer", (r, _) => new AssignTicket(r.Engineer?.Trim() ?? string.Empty)),
        Simple("accept", "The assigned engineer accepts the job", TicketCommandKind.Accept),
        Simple("decline", "The assigned engineer declines the job (reason required); it goes back to the supervisor", TicketCommandKind.Decline),
        Simple("start", "The service begins (on site or remote)", TicketCommandKind.Start),
        Command<PauseRequest>("pause", "Pause while waiting for the customer or for parts; SLA clocks stand still", ParsePause),
        Simple("resume", "Continue after a pause; SLA deadlines move by the pause", TicketCommandKind.Resume),
        Command<AppointmentRequest>("appointment", "The engineer records the visit or call window agreed with the customer (from, to, mode)", ParseAppointment),
        Command<VisitRequest>("visits", "Record a visit or remote session (service record, template 2): times, mode, findings, measures, parts, labour", ParseVisit),
        Command<QuoteRequest>("quote", "Send the customer a quote for chargeable work (parts, labourAmount, plan, risks); answers with the customer's approval link", ParseQuote),
        Command<CommandRequest>("approve-quote", "Record the customer's approval given by phone or in person (reason required: how it was given)", (_, _) => new AnswerQuote(true, null, null)),
        Command<CommandRequest>("refuse-quote", "Record the customer's refusal given by phone or in person (reason required)", (_, _) => new AnswerQuote(false, null, null)),
        Command<ResolveRequest>("resolve", "The work is done: summary or the structured result (outcome, cause, solution, advice; complaints: complaintResolution, compensation)", ParseResolve),
        Command<ReportResultRequest>("report-result", "The result was reported to the customer (summary required); the confirmation clock starts; answers with the customer's confirmation link",
            (r, e) => new RecordResult(TicketCommandKind.ReportResult, Text(e, "summary", r.Summary) ?? string.Empty)),
        Command<ConfirmRequest>("confirm", "Record the customer's confirmation and rating", ParseConfirm),
        Command<StartFollowUpRequest>("start-follow-up", "Open the follow-up now (before it is due, or for a ticket no rule plans one for); agent: the follow-up agent, default the caller", (r, e) => new StartFollowUp(Text(e, "agent", r.Agent, 100))),
        Command<CallRequest>("calls", "Record a follow-up call: outcome reached, noAnswer (tried again on the retry schedule) or wrongNumber; after the last try the ticket closes as unreachable", ParseCall),
        Command<SurveyCommandRequest>("survey", "Record the satisfaction survey (template 4): attitude, skill, efficiency, overall (1-10), recommend (0-10), productWorking, newProblems, buyAgain, suggestions, respondent; any score below 7 reopens the ticket for a second handling", ParseSurvey),
        Simple("close", "Finish the ticket", TicketCommandKind.Close),
        Command<CancelRequest>("cancel", "Cancel as a duplicate or as withdrawn", ParseCancel),
        Simple("reopen", "Open again for a second handling (reason required)", TicketCommandKind.Reopen),
        Simple("resend-link", "Send the customer the link for what waits for them (quote, confirmation or survey) again by SMS, with a fresh link", TicketCommandKind.ResendLink),
        Simple("device-link", "Open the customer's page on your own device for the customer to approve the quote or sign there (on site): recorded with your name, valid 30 minutes; answers with customerLink", TicketCommandKind.IssueDeviceLink),
    ];

    /// <summary>The command named <paramref name="route"/>, or null.</summary>
    public static TicketCommandRoute? Find(string route) => All.FirstOrDefault(c => string.Equals(c.Route, route, StringComparison.Ordinal));

    /// <summary>Reads <paramref name="request"/> as <paramref name="command"/>'s body: the command (null when a field is wrong) and the reason given.</summary>
    public static (TicketCommand? Command, string? Reason) Read(CommandRequest request, TicketCommandRoute command, FieldErrors errors)
    {
        if (!command.RequestType.IsInstanceOfType(request))
        {
            throw new ArgumentException($"The '{command.Route}' command reads a {command.RequestType.Name}, not a {request.GetType().Name}.", nameof(request));
        }

        var reason = Text(errors, "reason", request.Reason);
        var parsed = command.Parse(request, errors);
        return (errors.Count > 0 ? null : parsed, reason);
    }

    private static TicketCommandRoute Command<T>(string route, string summary, Func<T, FieldErrors, TicketCommand?> parse)
        where T : CommandRequest, new() =>
        new(route, summary, typeof(T), (request, errors) => parse((T)request, errors));

    private static TicketCommandRoute Simple(string route, string summary, TicketCommandKind kind) =>
        Command<CommandRequest>(route, summary, (_, _) => new SimpleCommand(kind));

    private static TicketCommand? ParseClassify(ClassifyRequest r, FieldErrors errors)
    {
        var type = errors.Enum<TicketType>("type", r.Type, required: true);
        var urgency = errors.Enum<Urgency>("urgency", r.Urgency, required: true);
        var tag = Text(errors, "tag", r.Tag, 50);
        return type is { } t && urgency is { } u ? new ClassifyTicket(t, tag, u) : null;
    }

    private static TicketCommand? ParseAppointment(AppointmentRequest r, FieldErrors errors)
    {
        var from = RequiredInstant(errors, "from", r.From);
        var to = RequiredInstant(errors, "to", r.To);
        var mode = errors.Enum<ServiceMode>("mode", r.Mode, required: true);
        return from is { } f && to is { } t && mode is { } m ? new AgreeAppointment(new Appointment(f, t, m, r.Reason?.Trim())) : null;
    }

    private static TicketCommand? ParseVisit(VisitRequest r, FieldErrors errors)
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
            errors.Report("parts", MessageCodes.PartsPerVisit, MaxLines);
        }

        Labour? labour = null;
        if (r.Labour is { } l)
        {
            if (l.Hours is not { } hours || hours < 0 || hours > 100 || l.Amount is not { } amount || amount < 0 || amount > MaxAmount)
            {
                errors.Report("labour", MessageCodes.VisitLabour, MaxAmount);
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

    private static TicketCommand? ParseQuote(QuoteRequest r, FieldErrors errors)
    {
        var plan = RequiredText(errors, "plan", r.Plan);
        var risks = RequiredText(errors, "risks", r.Risks);
        var lines = (r.Parts ?? []).Select((p, i) => Part(errors, $"parts[{i}]", p) is { } part
            ? new QuoteLine(part.PartNumber, part.Name, part.Quantity, part.UnitPrice)
            : null).ToList();
        if (lines.Count > MaxLines)
        {
            errors.Report("parts", MessageCodes.LinesPerQuote, MaxLines);
        }

        if (r.LabourAmount is < 0 or > MaxAmount)
        {
            errors.Report("labourAmount", MessageCodes.QuoteLabour, MaxAmount);
        }

        return plan is not null && risks is not null && errors.Count == 0
            ? new ProposeQuote(lines.OfType<QuoteLine>().ToList(), r.LabourAmount ?? 0, plan, risks) { ChargeReason = Text(errors, "chargeReason", r.ChargeReason, 200) }
            : null;
    }

    private static TicketCommand? ParseResolve(ResolveRequest r, FieldErrors errors)
    {
        var summary = Text(errors, "summary", r.Summary);
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
            errors.Report("warrantyMonths", MessageCodes.WarrantyMonths);
        }

        var compensation = new List<Compensation>();
        foreach (var (c, i) in (r.Compensation ?? []).Select((c, i) => (c, i)))
        {
            var kind = errors.Enum<CompensationKind>($"compensation[{i}].kind", c.Kind, required: true);
            var description = RequiredText(errors, $"compensation[{i}].description", c.Description, 200);
            if (c.Months is < 1 or > 120 || c.Amount is < 0 or > MaxAmount)
            {
                errors.Report($"compensation[{i}]", MessageCodes.CompensationRange, MaxAmount);
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
            errors.Report($"{field}.quantity", MessageCodes.PartQuantity);
        }

        if (p?.UnitPrice is not { } price || price < 0 || price > MaxAmount)
        {
            errors.Report($"{field}.unitPrice", MessageCodes.PartUnitPrice, MaxAmount);
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
            ? Explanation.Of(MessageCodes.InstantRequired, "2026-11-24T14:00:00+08:00")
            : Explanation.Of(MessageCodes.InstantWrong, value, "2026-11-24T14:00:00+08:00"));
        return null;
    }

    private static string? RequiredText(FieldErrors errors, string field, string? value, int maxLength = MaxText)
    {
        var text = Text(errors, field, value, maxLength);
        if (text is null)
        {
            errors.Report(field, MessageCodes.RequiredShort);
        }

        return text;
    }

    private static TicketCommand? ParsePause(PauseRequest r, FieldErrors errors) =>
        errors.Enum<PauseReason>("waitingFor", r.WaitingFor, required: true) is { } reason ? new PauseService(reason) : null;

    private static TicketCommand? ParseConfirm(ConfirmRequest r, FieldErrors errors) =>
        errors.Enum<ConfirmationRating>("rating", r.Rating, required: true) is { } rating ? new ConfirmResult(rating) : null;

    private static TicketCommand? ParseCall(CallRequest r, FieldErrors errors) =>
        errors.Enum<CallOutcome>("outcome", r.Outcome, required: true) is { } outcome ? new RecordCall(outcome) : null;

    private static TicketCommand? ParseSurvey(SurveyCommandRequest r, FieldErrors errors) =>
        SurveyRequests.Parse(r.Survey, errors, SurveyChannel.Phone) is { } survey ? new RecordSurvey(survey) : null;

    private static TicketCommand? ParseCancel(CancelRequest r, FieldErrors errors)
    {
        var kind = errors.Enum<CancelReason>("kind", r.Kind, required: true);
        var duplicateOf = Text(errors, "duplicateOf", r.DuplicateOf, 40);
        if (duplicateOf is not null && !TicketNumber.TryParse(duplicateOf, out _) && !TicketId.TryParse(duplicateOf, out _))
        {
            errors.Report("duplicateOf", MessageCodes.DuplicateOf);
        }

        return kind is { } k ? new CancelTicket(k, duplicateOf) : null;
    }

    private static string? Text(FieldErrors errors, string field, string? value, int maxLength = MaxText)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > maxLength)
        {
            errors.Report(field, MessageCodes.TooLong, maxLength);
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
