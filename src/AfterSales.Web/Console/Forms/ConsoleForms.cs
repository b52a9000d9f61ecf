using AfterSales.Domain.Customers;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using static AfterSales.Web.Console.FieldKind;

namespace AfterSales.Web.Console;

/// <summary>
/// The console's forms: the request (template 1) and one form per ticket command, each field named by its path in the
/// API's request body. A command absent here takes only its reason.
/// </summary>
public static class ConsoleForms
{
    private static readonly FormField Reason = new("reason", LongText);

    private static readonly string[] WeekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>Template 1, its first part: who the customer is (their phone finds their other open tickets).</summary>
    public static IReadOnlyList<FormItem> IntakeCustomer { get; } =
    [
        new FormField("customer.name", Required: true) { Group = "group.customer" },
        new FormField("customer.title", Choice, typeof(CustomerTitle)),
        new FormField("customer.phone", Phone, Required: true),
        new FormField("customer.address"),
        new FormField("customer.language", Choice, typeof(CustomerLanguage)),
    ];

    /// <summary>Template 1, the rest: the product and the request.</summary>
    public static IReadOnlyList<FormItem> IntakeRequest { get; } =
    [
        new FormField("product.model", Required: true) { Group = "group.product" },
        new FormField("product.serialNumber"),
        new FormField("product.line"),
        new FormField("product.purchaseDate", Date, Required: true),
        new FormField("product.warrantyStatus", Choice, typeof(WarrantyStatus), Required: true),
        new FormField("channel", Choice, typeof(Channel), Required: true) { Group = "group.request", Initial = "phone" },
        new FormField("description.symptom", LongText, Required: true),
        new FormField("description.frequency"),
        new FormField("description.alreadyTried", LongText),
        new FormField("type", Choice, typeof(TicketType)),
        new FormField("tag"),
        new FormField("urgency", Choice, typeof(Urgency)),
        new FormField("expectedResolutionBy", Moment),
        new FormField("contactedAt", Moment),
        new FormField("region.city") { Group = "group.where" },
        new FormField("region.district"),
    ];

    /// <summary>Template 1: registering a customer's request.</summary>
    public static IReadOnlyList<FormItem> Intake { get; } = [.. IntakeCustomer, .. IntakeRequest];

    /// <summary>An engineer's record: who, skills, regions, duty per weekday, leave and load limit (<c>POST/PUT /api/engineers</c>).</summary>
    public static IReadOnlyList<FormItem> Engineer(bool isNew) =>
    [
        .. isNew ? [new FormField("id", Required: true)] : Array.Empty<FormItem>(),
        new FormField("name", Required: true),
        new FormField("phone", Phone, Required: true),
        new FormField("department", Choice, typeof(Domain.Dispatch.Department), Required: true),
        new FormField("maxConcurrent", Number) { Range = (1, 100) },
        new FormField("active", YesNo),
        new FormList("skills", 4, [new FormField("productLine"), new FormField("tag"), new FormField("level", Number) { Range = (1, 5) }]) { Group = "group.skills" },
        new FormList("regions", 3, [new FormField("city"), new FormField("district")]) { Group = "group.regions" },
        .. WeekDays.Select((day, i) => new FormField($"duty.{day}", Words) { Group = i == 0 ? "group.duty" : null }),
        new FormList("leave", 2, [new FormField("from", Moment), new FormField("to", Moment), new FormField("reason")]) { Group = "group.leave" },
        new FormField("certifications", Words) { Group = "group.more" },
        new FormField("base.latitude", Number), new FormField("base.longitude", Number),
    ];

    /// <summary>A department's settings (<c>PUT /api/departments/{department}</c>).</summary>
    public static IReadOnlyList<FormItem> Department { get; } =
    [
        new FormField("supervisors", Words),
        new FormField("autoDispatch", YesNo, Required: true),
    ];

    private static readonly FormField[] QuoteParts =
    [
        new("partNumber"), new("name"), new("quantity", Number) { Range = (1, 1000) }, new("unitPrice", Number) { Range = (0, 1_000_000) },
    ];

    private static readonly Dictionary<string, IReadOnlyList<FormItem>> Commands = new(StringComparer.Ordinal)
    {
        ["classify"] = [new FormField("type", Choice, typeof(TicketType), Required: true), new FormField("tag"), new FormField("urgency", Choice, typeof(Urgency), Required: true), Reason],
        ["assign"] = [new FormField("engineer", Choice, Required: true), Reason],
        ["pause"] = [new FormField("waitingFor", Choice, typeof(PauseReason), Required: true), Reason],
        ["appointment"] = [new FormField("from", Moment, Required: true), new FormField("to", Moment, Required: true), new FormField("mode", Choice, typeof(ServiceMode), Required: true), Reason],
        ["visits"] =
        [
            new FormField("startedAt", Moment, Required: true), new FormField("endedAt", Moment, Required: true),
            new FormField("mode", Choice, typeof(ServiceMode), Required: true),
            new FormField("findings", LongText, Required: true), new FormField("measures", LongText, Required: true),
            new FormList("parts", 4, [.. QuoteParts, new FormField("genuine", Check) { Initial = "true" }, new FormField("oldPartShown", Check)]) { Group = "group.parts" },
            new FormField("labour.hours", Number) { Group = "group.labour", Range = (0, 1000) }, new FormField("labour.amount", Number) { Range = (0, 1_000_000) },
            new FormField("chargeReason"), new FormField("remarks", LongText), Reason,
        ],
        ["quote"] =
        [
            new FormList("parts", 4, QuoteParts) { Group = "group.parts" },
            new FormField("labourAmount", Number) { Group = "group.labour", Range = (0, 1_000_000) },
            new FormField("plan", LongText, Required: true), new FormField("risks", LongText, Required: true), new FormField("chargeReason"), Reason,
        ],
        ["approve-quote"] = [Reason with { Required = true }],
        ["refuse-quote"] = [Reason with { Required = true }],
        ["decline"] = [Reason with { Required = true }],
        ["reopen"] = [Reason with { Required = true }],
        ["resolve"] =
        [
            new FormField("outcome", Choice, typeof(ServiceOutcome), Required: true), new FormField("cause", LongText), new FormField("solution", LongText, Required: true),
            new FormField("advice", LongText), new FormField("warrantyMonths", Number) { Range = (0, 120) }, new FormField("summary", LongText),
            new FormField("complaintResolution", LongText) { Group = "group.complaint" },
            new FormList("compensation", 2, [new FormField("kind", Choice, typeof(CompensationKind)), new FormField("description"), new FormField("months", Number) { Range = (0, 120) }, new FormField("amount", Number) { Range = (0, 1_000_000) }]),
            Reason,
        ],
        ["report-result"] = [new FormField("summary", LongText, Required: true), Reason],
        ["confirm"] = [new FormField("rating", Choice, typeof(ConfirmationRating), Required: true), Reason],
        ["start-follow-up"] = [new FormField("agent"), Reason],
        ["calls"] = [new FormField("outcome", Choice, typeof(CallOutcome), Required: true), Reason],
        ["survey"] =
        [
            new FormField("survey.attitude", Number) { Range = (1, 10) }, new FormField("survey.skill", Number) { Range = (1, 10) },
            new FormField("survey.efficiency", Number) { Range = (1, 10) }, new FormField("survey.overall", Number, Required: true) { Range = (1, 10) },
            new FormField("survey.recommend", Number) { Range = (0, 10) }, new FormField("survey.productWorking", YesNo),
            new FormField("survey.newProblems", LongText), new FormField("survey.buyAgain", Choice, typeof(BuyAgain)),
            new FormField("survey.suggestions", LongText), new FormField("survey.respondent"), Reason,
        ],
        ["cancel"] = [new FormField("kind", Choice, typeof(CancelReason), Required: true), new FormField("duplicateOf"), Reason],
    };

    /// <summary>The commands <paramref name="user"/> may give <paramref name="ticket"/> now, by their names, each with a form.</summary>
    public static IReadOnlyList<string> CommandsFor(Ticket ticket, System.Security.Claims.ClaimsPrincipal user) =>
        Domain.Lifecycle.TicketWorkflow.AllowedFor(ticket, Application.Access.StaffPrincipal.ToActor(user)).Select(Domain.Lifecycle.TicketLifecycle.Name).Distinct()
            .Where(c => Application.Lifecycle.TicketCommandRequests.Find(c) is not null).ToList();

    /// <summary>
    /// The messages about no input of <paramref name="items"/> (a whole list, a rule across fields, the key of a
    /// request): shown above the form, each with the field it names, so that nothing the validator says is lost.
    /// </summary>
    public static IEnumerable<string> Unplaced(IReadOnlyList<FormItem> items, IReadOnlyDictionary<string, AfterSales.Domain.Explanations.Explanation[]>? errors, ConsoleText text)
    {
        bool Placed(string key) => items.Any(item => item switch
        {
            FormField f => f.Path == key,
            FormList l => key.StartsWith($"{l.Path}[", StringComparison.Ordinal) && l.Fields.Any(f => key.EndsWith($"].{f.Path}", StringComparison.Ordinal)),
            _ => false,
        });
        return (errors ?? new Dictionary<string, AfterSales.Domain.Explanations.Explanation[]>()).Where(e => !Placed(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {text.Message(m)}"));
    }

    /// <summary>The form of the command named <paramref name="route"/>.</summary>
    public static IReadOnlyList<FormItem> For(string route) => Commands.TryGetValue(route, out var items) ? items : [Reason];
}
