using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Testing;

/// <summary>
/// A month of report facts with a realistic mix, from a seed: types, tags, models, cities, channels; responses and
/// resolutions (some late, some never), reopenings, visits with parts, confirmations, follow-ups with surveys and
/// escalations. Later moments spill over into the next month, as they do in life.
/// </summary>
public static class ReportMonthGenerator
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static readonly string[] Models = ["KFR-35GW", "KFR-26GW", "BCD-470", "XQG100", "JSQ30", "CXW-200", "WD-80", "GR-12"];
    public static readonly string[] Cities = ["上海市", "北京市", "深圳市", "杭州市", "成都市", "武汉市"];
    public static readonly string[] Engineers = ["eng-li", "eng-wang", "eng-zhao", "eng-chen", "eng-liu", "eng-zhou"];
    private static readonly string[] RepairTags = ["硬件故障", "软件bug", "安装问题", "异响", "漏水"];
    private static readonly string[] OtherTags = ["使用咨询", "价格咨询", "服务态度", "维修质量", "新购回访"];
    private static readonly (string Number, string Name, decimal Price)[] Catalog =
    [
        ("P-1001", "压缩机", 680m), ("P-2002", "电脑板", 260m), ("P-3003", "风扇电机", 150m),
        ("P-4004", "排水泵", 95m), ("P-5005", "温度传感器", 38m), ("P-6006", "密封圈", 12m),
    ];

    /// <summary><paramref name="count"/> tickets registered in <paramref name="month"/>, ids prefixed so months never collide.</summary>
    public static List<TicketFacts> Month(ReportMonth month, int count, int seed)
    {
        var random = new Random(seed);
        var start = month.Start(Shanghai);
        var span = month.End(Shanghai) - start;
        var list = new List<TicketFacts>(count);
        for (var i = 0; i < count; i++)
        {
            var received = start + TimeSpan.FromMinutes(Math.Floor(random.NextDouble() * span.TotalMinutes));
            list.Add(Ticket($"{month}-{seed}-{i:D6}", i, received, random));
        }

        return list;
    }

    private static TicketFacts Ticket(string id, int index, DateTimeOffset received, Random random)
    {
        var roll = random.NextDouble();
        TicketType? type = roll < 0.6 ? TicketType.Repair : roll < 0.8 ? TicketType.Consultation : roll < 0.95 ? TicketType.Complaint : roll < 0.98 ? TicketType.FollowUp : null;
        var urgency = (Urgency)random.Next(3);
        // A few models and tags carry most of the load, so there are frequent problems to find.
        var model = Models[Math.Min(random.Next(Models.Length), random.Next(Models.Length))];
        var tag = random.NextDouble() < 0.05 ? null : type == TicketType.Repair ? RepairTags[Math.Min(random.Next(5), random.Next(5))] : OtherTags[random.Next(5)];
        var engineer = Engineers[random.Next(Engineers.Length)];
        var milestones = new List<MilestoneReached> { new(Milestone.Registered, received, 1) };
        var clocks = new List<ClockFact>();
        var escalations = new List<EscalationFact>();
        var visits = new List<VisitFact>();
        var confirmations = new List<ConfirmationFact>();
        var followUps = new List<FollowUpFact>();
        var status = TicketStatus.Classified;
        var cancelled = random.NextDouble() < 0.02;

        var responseBudget = urgency == Urgency.Urgent ? TimeSpan.FromHours(4) : TimeSpan.FromHours(24);
        var responseDue = received + responseBudget;
        var responded = !cancelled && random.NextDouble() < 0.92 ? received + TimeSpan.FromMinutes(random.Next(10, 36 * 60)) : (DateTimeOffset?)null;
        var responseTarget = urgency == Urgency.Urgent ? "urgent-response" : "normal-response";
        clocks.Add(Clock(responseTarget, SlaKind.Response, received, responseDue, responded));
        if (responded is null || responded > responseDue + responseBudget / 2)
        {
            escalations.Add(new EscalationFact(SlaKind.Response, 1, EscalationLevel.Manager, responseDue + responseBudget / 2));
        }

        if (cancelled)
        {
            status = TicketStatus.Cancelled;
        }
        else if (responded is { } r)
        {
            status = TicketStatus.Accepted;
            milestones.Add(new(Milestone.Responded, r, 1));
            var resolutionDue = received + TimeSpan.FromHours(72);
            var resolved = random.NextDouble() < 0.85 ? r + TimeSpan.FromMinutes(random.Next(30, 96 * 60)) : (DateTimeOffset?)null;
            clocks.Add(Clock("repair-resolution", SlaKind.Resolution, received, resolutionDue, resolved));
            if (resolved is { } done)
            {
                status = TicketStatus.Resolved;
                var visitCount = type == TicketType.Repair ? (random.NextDouble() < 0.75 ? 1 : 2) : 0;
                for (var v = 0; v < visitCount; v++)
                {
                    var end = done - TimeSpan.FromHours(v * 20);
                    var parts = Enumerable.Range(0, random.Next(3)).Select(_ =>
                    {
                        var part = Catalog[random.Next(Catalog.Length)];
                        return new PartFact(part.Number, part.Name, random.Next(1, 3), random.NextDouble() < 0.4 ? 0m : part.Price);
                    }).ToList();
                    visits.Insert(0, new VisitFact(engineer, 1, end - TimeSpan.FromHours(2), end, parts, random.Next(0, 5) * 50m));
                }

                milestones.Add(new(Milestone.Resolved, done, 1));
                if (random.NextDouble() < 0.85)
                {
                    var confirmed = done + TimeSpan.FromMinutes(random.Next(30, 30 * 60));
                    var rating = random.NextDouble() switch { < 0.7 => ConfirmationRating.Satisfied, < 0.92 => ConfirmationRating.BasicallySatisfied, _ => ConfirmationRating.NotSatisfied };
                    confirmations.Add(new ConfirmationFact(rating, confirmed, 1));
                    milestones.Add(new(Milestone.Confirmed, confirmed, 1));
                    status = TicketStatus.Confirmed;
                    if (type is TicketType.Repair or TicketType.Complaint)
                    {
                        var due = confirmed + TimeSpan.FromDays(type == TicketType.Repair ? 3 : 7);
                        var outcome = random.NextDouble();
                        if (outcome < 0.72)
                        {
                            var finished = due + TimeSpan.FromHours(random.Next(1, 120));
                            SurveyFact survey = new(Score(random), Score(random), Score(random), Score(random), random.NextDouble() < 0.9 ? random.Next(0, 11) : null);
                            followUps.Add(new FollowUpFact(type == TicketType.Repair ? FollowUpReason.Repair : FollowUpReason.Complaint, 1, due, FollowUpStatus.Done, finished, survey));
                            clocks.Add(Clock("follow-up", SlaKind.FollowUp, due, due + TimeSpan.FromHours(72), finished));
                            milestones.Add(new(Milestone.FollowedUp, finished, 1));
                            status = TicketStatus.Closed;
                            var low = new[] { survey.Attitude, survey.Skill, survey.Efficiency, survey.Overall }.Any(s => s < 7);
                            if (low)
                            {
                                milestones.Add(new(Milestone.Reopened, finished, 2));
                                status = TicketStatus.Reopened;
                            }
                        }
                        else if (outcome < 0.82)
                        {
                            var finished = due + TimeSpan.FromHours(random.Next(24, 100));
                            followUps.Add(new FollowUpFact(FollowUpReason.Repair, 1, due, FollowUpStatus.Unreachable, finished, null));
                            clocks.Add(Clock("follow-up", SlaKind.FollowUp, due, due + TimeSpan.FromHours(72), finished));
                        }
                        else
                        {
                            followUps.Add(new FollowUpFact(FollowUpReason.Repair, 1, due, FollowUpStatus.Open, null, null));
                            clocks.Add(Clock("follow-up", SlaKind.FollowUp, due, due + TimeSpan.FromHours(72), null));
                        }
                    }
                }
            }
        }

        // The escalation sweep fires level 1 at every deadline that passes with the clock still running.
        escalations.AddRange(clocks.Where(c => c.StoppedAt is null || c.StoppedAt > c.DueAt)
            .Select(c => new EscalationFact(c.Kind, c.Round, EscalationLevel.Supervisor, c.DueAt!.Value)));

        return new TicketFacts
        {
            Id = id,
            Number = $"AS{index:D8}",
            Version = milestones.Count + 1,
            ReceivedAt = received,
            Type = type,
            Tag = tag,
            Urgency = urgency,
            Channel = (Channel)random.Next(7),
            Model = model,
            Region = random.NextDouble() < 0.1 ? null : Cities[random.Next(Cities.Length)],
            Status = status,
            Round = milestones.Any(m => m.Milestone == Milestone.Reopened) ? 2 : 1,
            Milestones = [.. milestones.OrderBy(m => m.At)],
            Clocks = clocks,
            Escalations = escalations,
            Visits = visits,
            Engineers = responded is null ? [] : [new RoundEngineer(1, engineer)],
            Confirmations = confirmations,
            FollowUps = followUps,
        };
    }

    private static int Score(Random random) => Math.Max(1, 10 - (int)Math.Floor(Math.Abs(random.NextDouble() + random.NextDouble() - 1) * 9));

    private static ClockFact Clock(string target, SlaKind kind, DateTimeOffset start, DateTimeOffset due, DateTimeOffset? stopped) =>
        new(target, kind, 1, start, due, stopped, stopped is { } s ? (s <= due ? ClockOutcome.Met : ClockOutcome.Breached) : null);
}
