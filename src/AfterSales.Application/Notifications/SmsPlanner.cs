using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Notifications;

/// <summary>
/// Decides which SMS a ticket change owes the customer, rendered and ready for the outbox row that is
/// written with the change. What the customer hears about:
/// <list type="bullet">
/// <item>request received (or complaint acknowledged), once the ticket has a response target to promise;</item>
/// <item>engineer assigned, when an appointment is agreed (or changed), and a visit reminder before it;</item>
/// <item>the quote link, the confirmation link (and a reminder when the customer has not confirmed by the reminder point), and a reopened ticket.</item>
/// </list>
/// And the engineer a job is offered to hears of it at once (<see cref="NotificationKind.JobOffered"/>).
/// </summary>
public sealed class SmsPlanner(
    IOptions<SmsOptions> options, IOptions<BusinessOptions> business, CustomerLinks links, CachedTeamStore team)
{
    /// <summary>A visit reminder due sooner than this after the appointment was agreed is not sent.</summary>
    public static readonly TimeSpan MinimumGapBeforeReminder = TimeSpan.FromHours(1);

    private readonly IReadOnlyDictionary<NotificationKind, SmsTemplate> _catalogue =
        options.Value.Catalogue().ToDictionary(t => t.Kind);

    /// <summary>The messages owed for <paramref name="events"/>, which moved the ticket from <paramref name="before"/> (null: new) to <paramref name="after"/>.</summary>
    public async Task<SmsPlan> PlanAsync(
        Ticket? before, Ticket after, IReadOnlyList<TicketEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return SmsPlan.None;
        }

        var cause = events[0].Sequence;
        var messages = new List<SmsMessage>();
        var codes = new List<CustomerCodeEntry>();
        if (ResponsePromise(before) is null && ResponsePromise(after) is { } expectBy)
        {
            var kind = after.Classification?.Type == TicketType.Complaint ? NotificationKind.ComplaintAcknowledged : NotificationKind.RequestReceived;
            messages.Add(Create(after, kind, cause, now, now, new() { ["expectBy"] = When(expectBy, after) }));
        }

        foreach (var e in events)
        {
            switch (e.Data)
            {
                case TicketAssigned { AcceptBy: { } acceptBy } offer:
                    await OfferAsync(after, offer.Engineer, acceptBy, e.Sequence, now, messages, cancellationToken);
                    break;
                case AppointmentAgreed agreed:
                    await AppointmentAsync(after, agreed.Appointment, e.Sequence, now, messages, cancellationToken);
                    break;
                case QuoteProposed proposed:
                    messages.Add(Create(after, NotificationKind.QuoteApproval, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Quote, proposed.Quote.Number, now) }));
                    break;
                case ResultReported:
                    messages.Add(Create(after, NotificationKind.ResultConfirmation, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Confirm, after.Round, now) }));
                    break;
                case CustomerLinkResent when after.Status == TicketStatus.WaitingForApproval:
                    messages.Add(Create(after, NotificationKind.QuoteApproval, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Quote, after.Quotes[^1].Number, now) }));
                    break;
                case CustomerLinkResent when after.Status == TicketStatus.AwaitingConfirmation:
                    messages.Add(Create(after, NotificationKind.ResultConfirmation, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Confirm, after.Round, now) }));
                    break;
                case CustomerReminded when after.Status == TicketStatus.AwaitingConfirmation:
                    messages.Add(Create(after, NotificationKind.ConfirmationReminder, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Confirm, after.Round, now) }));
                    break;
                case CustomerLinkResent when after.Status == TicketStatus.FollowUp:
                    messages.Add(Create(after, NotificationKind.SurveyInvitation, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Survey, after.Round, now) }));
                    break;
                case SlaEscalated { Escalation: { Level: EscalationLevel.Supervisor, NewPromise: { } promise } }:
                    messages.Add(Create(after, NotificationKind.BreachApology, e.Sequence, now, now, new() { ["newDueBy"] = When(promise, after) }));
                    break;
                case FollowUpStarted:
                    messages.Add(Create(after, NotificationKind.SurveyInvitation, e.Sequence, now, now,
                        new() { ["link"] = Link(codes, after, LinkPurpose.Survey, after.Round, now) }));
                    break;
                case TicketReopened reopened:
                    messages.Add(Create(after, NotificationKind.TicketReopened, e.Sequence, now, now,
                        new() { ["round"] = reopened.Round.ToString(CultureInfo.InvariantCulture) }));
                    break;
            }
        }

        return new SmsPlan(messages, codes);
    }

    /// <summary>
    /// A message of <paramref name="kind"/> rendered for the ticket's customer (or for <paramref name="engineer"/>, in
    /// Chinese), to go at <paramref name="sendAt"/> (later in quiet hours when proactive).
    /// </summary>
    public SmsMessage Create(
        Ticket ticket, NotificationKind kind, int cause, DateTimeOffset now, DateTimeOffset sendAt, Dictionary<string, string> values, Engineer? engineer = null)
    {
        var template = _catalogue[kind];
        var customer = ticket.Intake.Customer;
        var language = engineer is null ? customer.Language : CustomerLanguage.Zh;
        values["brand"] = language == CustomerLanguage.En ? options.Value.SignatureEn : options.Value.Signature;
        values["number"] = ticket.Number.ToString();
        values["customer"] = language == CustomerLanguage.En ? customer.Name : customer.Salutation;
        var text = SmsTemplates.Render(template.For(language), values);
        if (values.TryGetValue("link", out var link))
        {
            values["code"] = CodeOf(link);
        }

        // Templated providers get the Chinese template's variables (the approved templates are Chinese).
        var chineseValues = language == CustomerLanguage.En ? new Dictionary<string, string>(values) { ["customer"] = customer.Salutation } : values;
        // Urgency lets service messages through quiet hours; a survey is never that pressing.
        var urgent = ticket.Classification?.Urgency == Urgency.Urgent && kind != NotificationKind.SurveyInvitation;
        var key = string.Create(CultureInfo.InvariantCulture, $"{SmsMessage.KeyPrefix}{cause:D6}-{EnumNames.Name(kind)}");
        var at = template.Proactive && !urgent ? options.Value.Quiet.NextAllowed(sendAt, business.Value.Zone) : sendAt;
        return new SmsMessage
        {
            Ticket = ticket.Id,
            Key = key,
            TicketNumber = ticket.Number.ToString(),
            Kind = kind,
            Language = language,
            To = engineer?.Phone.E164 ?? customer.Phone.E164,
            Text = text,
            Parameters = SmsVariables.Parameters(kind, template, chineseValues),
            Segments = SmsText.Measure(text).Segments,
            Proactive = template.Proactive,
            Urgent = urgent,
            CreatedAt = now,
            RepeatabilityRequestId = StableId(ticket.Id, key),
            NextAttemptAt = at,
            Steps = [new SmsStep(now, at > now ? "deferred" : "queued", at > sendAt ? $"quiet hours {options.Value.Quiet}: waits until {at:O}" : at > now ? $"due at {at:O}" : null)],
        };
    }

    private async Task AppointmentAsync(
        Ticket ticket, Appointment appointment, int cause, DateTimeOffset now, List<SmsMessage> messages, CancellationToken cancellationToken)
    {
        var engineer = ticket.AssignedTo is { } id ? (await team.GetEngineerAsync(id, cancellationToken))?.Engineer : null;
        var values = new Dictionary<string, string>
        {
            ["engineer"] = engineer?.Name ?? ticket.AssignedTo ?? string.Empty,
            // Without a registered engineer the customer calls the service line.
            ["engineerPhone"] = engineer is null ? links.Options.ContactPhone ?? string.Empty : Dialled(engineer.Phone),
            ["window"] = Window(appointment, ticket),
        };
        messages.Add(Create(ticket, NotificationKind.EngineerAssigned, cause, now, now, new(values)));

        // A reminder only helps when it comes well after the confirmation it would repeat.
        var remindAt = appointment.From - options.Value.VisitReminderBefore;
        if (remindAt >= now + MinimumGapBeforeReminder)
        {
            messages.Add(Create(ticket, NotificationKind.VisitReminder, cause, now, remindAt, new(values)) with { AppointmentFrom = appointment.From });
        }
    }

    /// <summary>
    /// The offered engineer's SMS: urgency, district, minutes left and the console link to the job — nothing of the
    /// customer's contact details. An engineer without a record is told in the console only.
    /// </summary>
    private async Task OfferAsync(
        Ticket ticket, string engineerId, DateTimeOffset acceptBy, int cause, DateTimeOffset now, List<SmsMessage> messages, CancellationToken cancellationToken)
    {
        if (acceptBy <= now || await EngineerAsync(ticket, engineerId, cancellationToken) is not { } engineer)
        {
            return;
        }

        var area = ticket.ServiceArea;
        var values = new Dictionary<string, string>
        {
            ["urgency"] = (ticket.Classification?.Urgency ?? Urgency.Normal) switch { Urgency.Urgent => "紧急", Urgency.Routine => "常规", _ => "一般" },
            ["district"] = area?.District ?? area?.City ?? "地址待核实",
            ["minutes"] = Math.Ceiling((acceptBy - now).TotalMinutes).ToString(CultureInfo.InvariantCulture),
            ["job"] = $"{links.Options.BaseUrl?.TrimEnd('/')}/console/tickets/{ticket.Number}",
        };
        messages.Add(Create(ticket, NotificationKind.JobOffered, cause, now, now, values, engineer) with { OfferedTo = engineer.Id, AcceptBy = acceptBy });
    }

    /// <summary>
    /// The offered engineer's record: from the department's roster the dispatcher has just read (cached, so an offer made
    /// at intake costs no extra read), else read on its own.
    /// </summary>
    private async Task<Engineer?> EngineerAsync(Ticket ticket, string id, CancellationToken cancellationToken)
    {
        if (Engineer.DepartmentFor(ticket.Classification?.Type) is { } department
            && (await team.EngineersForDispatchAsync(department, cancellationToken)).FirstOrDefault(e => e.Engineer.Id == id) is { } listed)
        {
            return listed.Engineer;
        }

        return (await team.GetEngineerAsync(id, cancellationToken))?.Engineer;
    }

    /// <summary>A number as a customer dials it: Chinese numbers without the country code.</summary>
    private static string Dialled(PhoneNumber phone) =>
        phone.E164.StartsWith("+86", StringComparison.Ordinal) ? phone.E164[3..] : phone.E164;

    /// <summary>The response the customer was promised: the due time of the running response target.</summary>
    private static DateTimeOffset? ResponsePromise(Ticket? ticket) =>
        ticket?.Clocks.FirstOrDefault(c => c.Kind == SlaKind.Response && c.Round == 1)?.DueAt;

    /// <summary>
    /// The customer's link for an SMS: <c>…/c/{code}</c> with a new short code (an SMS with a long signed link costs two
    /// or three segments, and mainland templates carry only short values); its entry joins <paramref name="codes"/>.
    /// </summary>
    private string Link(List<CustomerCodeEntry> codes, Ticket ticket, LinkPurpose purpose, int subject, DateTimeOffset now)
    {
        var (code, entry) = links.CreateCode(ticket.Id, purpose, subject, now);
        codes.Add(entry);
        return links.Url(code, ticket.Intake.Customer.Language);
    }

    /// <summary>The service code a link made by <see cref="Link"/> ends with (before any <c>?lang=</c>).</summary>
    private static string CodeOf(string link)
    {
        var path = link.Split('?')[0];
        return path[(path.LastIndexOf('/') + 1)..];
    }

    private string When(DateTimeOffset instant, Ticket ticket)
    {
        var local = TimeZoneInfo.ConvertTime(instant, business.Value.Zone);
        return ticket.Intake.Customer.Language == CustomerLanguage.En
            ? local.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
    }

    private string Window(Appointment appointment, Ticket ticket)
    {
        var to = TimeZoneInfo.ConvertTime(appointment.To, business.Value.Zone);
        var sameDay = TimeZoneInfo.ConvertTime(appointment.From, business.Value.Zone).Date == to.Date;
        return $"{When(appointment.From, ticket)}-{(sameDay ? to.ToString("HH:mm", CultureInfo.InvariantCulture) : When(appointment.To, ticket))}";
    }

    /// <summary>A UUID fixed by ticket and key, so the same message always carries the same repeatability id.</summary>
    private static Guid StableId(TicketId ticket, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ticket.Value}/{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 layout (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

/// <summary>The SMS a change owes, and the customer codes their links carry (stored ahead of the change).</summary>
public sealed record SmsPlan(IReadOnlyList<SmsMessage> Messages, IReadOnlyList<CustomerCodeEntry> Codes)
{
    public static SmsPlan None { get; } = new([], []);
}
