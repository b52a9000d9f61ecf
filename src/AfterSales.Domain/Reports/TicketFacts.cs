using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Reports;

/// <summary>
/// What the monthly report needs to know of one ticket, without the customer's name, phone or address: its
/// classification, the moments it reached, its SLA clocks, escalations, visits with parts, confirmations and
/// follow-ups. It is the row of the report projection, rewritten on every change of the ticket in each month
/// the ticket has something in (<see cref="Months"/>).
/// </summary>
public sealed record TicketFacts
{
    /// <summary>The ticket id.</summary>
    public required string Id { get; init; }

    /// <summary>The ticket number people quote.</summary>
    public required string Number { get; init; }

    /// <summary>The ticket's version (number of events) these facts were taken at.</summary>
    public required int Version { get; init; }

    /// <summary>When the ticket was registered.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Repair, consultation, complaint or follow-up; null while unclassified.</summary>
    public TicketType? Type { get; init; }

    /// <summary>Second-level tag (e.g. 硬件故障).</summary>
    public string? Tag { get; init; }

    /// <summary>Urgency.</summary>
    public Urgency Urgency { get; init; } = Urgency.Normal;

    /// <summary>Where the request came in.</summary>
    public required Channel Channel { get; init; }

    /// <summary>Product model.</summary>
    public required string Model { get; init; }

    /// <summary>City of the service, when known.</summary>
    public string? Region { get; init; }

    /// <summary>Status at <see cref="Version"/>.</summary>
    public required TicketStatus Status { get; init; }

    /// <summary>Current handling round.</summary>
    public int Round { get; init; } = 1;

    /// <summary>Milestones reached, oldest first.</summary>
    public IReadOnlyList<MilestoneReached> Milestones { get; init; } = [];

    /// <summary>SLA clocks of every round.</summary>
    public IReadOnlyList<ClockFact> Clocks { get; init; } = [];

    /// <summary>Escalations of every round.</summary>
    public IReadOnlyList<EscalationFact> Escalations { get; init; } = [];

    /// <summary>Visits and remote sessions of every round.</summary>
    public IReadOnlyList<VisitFact> Visits { get; init; } = [];

    /// <summary>The engineer who handled each round (the last visit's, else the one assigned).</summary>
    public IReadOnlyList<RoundEngineer> Engineers { get; init; } = [];

    /// <summary>Customer confirmations of every round.</summary>
    public IReadOnlyList<ConfirmationFact> Confirmations { get; init; } = [];

    /// <summary>Follow-up calls and their surveys.</summary>
    public IReadOnlyList<FollowUpFact> FollowUps { get; init; } = [];

    /// <summary>The facts of <paramref name="ticket"/> as it is now.</summary>
    public static TicketFacts From(Ticket ticket)
    {
        var classification = ticket.Classification;
        return new TicketFacts
        {
            Id = ticket.Id.Value,
            Number = ticket.Number.ToString(),
            Version = ticket.Version,
            ReceivedAt = ticket.ReceivedAt,
            Type = classification?.Type ?? ticket.Intake.RequestedType,
            Tag = classification?.Tag ?? ticket.Intake.RequestedTag,
            Urgency = classification?.Urgency ?? ticket.Intake.StatedUrgency ?? Urgency.Normal,
            Channel = ticket.Intake.Channel,
            Model = ticket.Intake.Product.Model,
            Region = ticket.ServiceArea?.City,
            Status = ticket.Status,
            Round = ticket.Round,
            Milestones = ticket.Milestones,
            Clocks = [.. ticket.Clocks.Select(c => new ClockFact(c.Target, c.Kind, c.Round, c.StartedAt, c.DueAt, c.StoppedAt, c.Outcome))],
            Escalations = [.. ticket.Escalations.Select(e => new EscalationFact(e.Kind, e.Round, e.Level, e.At))],
            Visits = [.. ticket.Visits.Select(v => new VisitFact(
                v.Engineer, v.Round, v.StartedAt, v.EndedAt,
                [.. v.Parts.Select(p => new PartFact(p.PartNumber, p.Name, p.Quantity, p.UnitPrice))],
                v.Labour?.Amount ?? 0))],
            Engineers = Handlers(ticket),
            Confirmations = [.. ticket.Confirmations.Select(c => new ConfirmationFact(c.Rating, c.At, c.Round))],
            FollowUps = [.. ticket.FollowUps.Select(f => new FollowUpFact(
                f.Reason, f.Round, f.DueFrom, f.Status, f.FinishedAt,
                f.Survey is { } s ? new SurveyFact(s.Attitude, s.Skill, s.Efficiency, s.Overall, s.Recommend) : null))],
        };
    }

    /// <summary>
    /// The months (business time zone) the ticket has something in: registration, milestones, stopped clocks and
    /// their deadlines, escalations, visits, confirmations, follow-ups. Facts only accumulate, so the set never shrinks.
    /// </summary>
    public IReadOnlySet<ReportMonth> Months(TimeZoneInfo zone)
    {
        var months = new SortedSet<ReportMonth> { ReportMonth.Of(ReceivedAt, zone) };
        void Add(DateTimeOffset? at)
        {
            if (at is { } instant)
            {
                months.Add(ReportMonth.Of(instant, zone));
            }
        }

        foreach (var m in Milestones)
        {
            Add(m.At);
        }

        foreach (var c in Clocks.Where(c => c.StoppedAt is not null))
        {
            Add(c.StoppedAt);
            Add(c.DueAt);
        }

        foreach (var e in Escalations)
        {
            Add(e.At);
        }

        foreach (var v in Visits)
        {
            Add(v.EndedAt);
        }

        foreach (var c in Confirmations)
        {
            Add(c.At);
        }

        foreach (var f in FollowUps)
        {
            Add(f.DueFrom);
            Add(f.FinishedAt);
        }

        return months;
    }

    /// <summary>When <paramref name="milestone"/> was first reached in <paramref name="round"/>, if it was.</summary>
    public DateTimeOffset? First(Milestone milestone, int round = 1) =>
        Milestones.FirstOrDefault(m => m.Milestone == milestone && m.Round == round)?.At;

    /// <summary>The engineer who handled <paramref name="round"/>, if any.</summary>
    public string? EngineerOf(int round) => Engineers.FirstOrDefault(e => e.Round == round)?.Engineer;

    private static IReadOnlyList<RoundEngineer> Handlers(Ticket ticket)
    {
        var result = new List<RoundEngineer>();
        for (var round = 1; round <= ticket.Round; round++)
        {
            var engineer = ticket.Visits.LastOrDefault(v => v.Round == round)?.Engineer
                ?? (round == ticket.Round ? ticket.AssignedTo : null);
            if (engineer is not null)
            {
                result.Add(new RoundEngineer(round, engineer));
            }
        }

        return result;
    }
}

/// <summary>An SLA clock as the report counts it.</summary>
/// <param name="Target">Target name (e.g. urgent-response).</param>
/// <param name="Kind">Which step it limits.</param>
/// <param name="Round">Handling round.</param>
/// <param name="StartedAt">Start.</param>
/// <param name="DueAt">Deadline (null while paused).</param>
/// <param name="StoppedAt">Stop, once stopped.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record ClockFact(string Target, SlaKind Kind, int Round, DateTimeOffset StartedAt, DateTimeOffset? DueAt, DateTimeOffset? StoppedAt, ClockOutcome? Outcome);

/// <summary>One escalation.</summary>
/// <param name="Kind">The kind of clock escalated.</param>
/// <param name="Round">Handling round.</param>
/// <param name="Level">Warning, supervisor or manager.</param>
/// <param name="At">When it fired.</param>
public sealed record EscalationFact(SlaKind Kind, int Round, EscalationLevel Level, DateTimeOffset At);

/// <summary>One visit or remote session.</summary>
/// <param name="Engineer">Who did it.</param>
/// <param name="Round">Handling round.</param>
/// <param name="StartedAt">Start.</param>
/// <param name="EndedAt">End.</param>
/// <param name="Parts">Parts used.</param>
/// <param name="Labour">Labour charged, yuan.</param>
public sealed record VisitFact(string Engineer, int Round, DateTimeOffset StartedAt, DateTimeOffset EndedAt, IReadOnlyList<PartFact> Parts, decimal Labour);

/// <summary>A part used in a visit.</summary>
/// <param name="PartNumber">Manufacturer's part number.</param>
/// <param name="Name">What it is.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price per piece charged, yuan.</param>
public sealed record PartFact(string PartNumber, string Name, int Quantity, decimal UnitPrice);

/// <summary>Who handled a round.</summary>
/// <param name="Round">Handling round.</param>
/// <param name="Engineer">The engineer's sign-in name.</param>
public sealed record RoundEngineer(int Round, string Engineer);

/// <summary>A customer confirmation.</summary>
/// <param name="Rating">满意 / 基本满意 / 不满意.</param>
/// <param name="At">When.</param>
/// <param name="Round">The round confirmed.</param>
public sealed record ConfirmationFact(ConfirmationRating Rating, DateTimeOffset At, int Round);

/// <summary>A follow-up call.</summary>
/// <param name="Reason">What it follows.</param>
/// <param name="Round">Handling round.</param>
/// <param name="DueFrom">When it became (or becomes) due.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Survey">The scores, once answered.</param>
public sealed record FollowUpFact(FollowUpReason Reason, int Round, DateTimeOffset DueFrom, FollowUpStatus Status, DateTimeOffset? FinishedAt, SurveyFact? Survey);

/// <summary>The survey's scores.</summary>
/// <param name="Attitude">1-10, when asked.</param>
/// <param name="Skill">1-10, when asked.</param>
/// <param name="Efficiency">1-10, when asked.</param>
/// <param name="Overall">1-10.</param>
/// <param name="Recommend">0-10, when asked.</param>
public sealed record SurveyFact(int? Attitude, int? Skill, int? Efficiency, int Overall, int? Recommend);
