using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AfterSales.Domain.Customers;

namespace AfterSales.Application.Notifications;

/// <summary>What a customer is told by SMS.</summary>
public enum NotificationKind
{
    /// <summary>The request is registered: ticket number and when to expect a response.</summary>
    RequestReceived,
    /// <summary>An engineer took the job: who, how to reach them, when.</summary>
    EngineerAssigned,
    /// <summary>Reminder of the agreed visit.</summary>
    VisitReminder,
    /// <summary>A quote waits for the customer's approval: the link.</summary>
    QuoteApproval,
    /// <summary>The result, with the link to confirm and sign.</summary>
    ResultConfirmation,
    /// <summary>A time limit was missed: apology and the new expected time.</summary>
    BreachApology,
    /// <summary>The follow-up survey: the link.</summary>
    SurveyInvitation,
    /// <summary>A complaint was received and who handles it by when.</summary>
    ComplaintAcknowledged,
    /// <summary>The ticket is handled again (二次处理).</summary>
    TicketReopened,
    /// <summary>The customer has not confirmed the result yet: a reminder, with a fresh link.</summary>
    ConfirmationReminder,
    /// <summary>
    /// To the engineer, not the customer: a job is offered — urgency, district, the minutes left to accept and the
    /// console link to the job; never the customer's phone or address.
    /// </summary>
    JobOffered,
}

/// <summary>One notification's texts.</summary>
/// <param name="Kind">Which notification.</param>
/// <param name="Proactive">True when the customer did not just act (reminders, surveys): quiet hours defer it.</param>
/// <param name="Zh">The Chinese text (default language).</param>
/// <param name="En">The English text.</param>
public sealed record SmsTemplate(NotificationKind Kind, bool Proactive, string Zh, string En)
{
    /// <summary>The text in <paramref name="language"/> (<c>en</c>, else Chinese).</summary>
    public string For(string? language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? En : Zh;

    /// <summary>The text in the customer's language.</summary>
    public string For(CustomerLanguage language) => language == CustomerLanguage.En ? En : Zh;
}

/// <summary>
/// The SMS catalogue: one template per notification in Chinese and English, with <c>{placeholders}</c> filled
/// from ticket data. <c>{brand}</c> is the sender signature Chinese carriers require (【…】).
/// </summary>
public static partial class SmsTemplates
{
    /// <summary>Every placeholder a template may use, with a value as long as real ones get (for measuring), in Chinese.</summary>
    public static IReadOnlyDictionary<string, string> Samples { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["brand"] = "【售后服务】",
        ["customer"] = "欧阳先生",
        ["number"] = "AS-20261123-00042",
        ["expectBy"] = "11月24日 10:00",
        ["engineer"] = "欧阳工程师",
        ["engineerPhone"] = "13900001111",
        ["window"] = "11月24日 14:00-16:00",
        ["newDueBy"] = "11月25日 18:00",
        ["round"] = "2",
        ["link"] = "https://service.example.cn/c/K7Q2M9XW4P",
        ["urgency"] = "紧急",
        ["district"] = "浦东新区",
        ["minutes"] = "10",
        ["job"] = "https://service.example.cn/console/tickets/AS-20261123-00042",
    };

    /// <summary>The same samples as an English message gets them.</summary>
    public static IReadOnlyDictionary<string, string> EnglishSamples { get; } = new Dictionary<string, string>(Samples, StringComparer.Ordinal)
    {
        ["brand"] = "[AfterSales] ",
        ["expectBy"] = "24 Nov 10:00",
        ["engineer"] = "Engineer Ouyang",
        ["customer"] = "Mr Ouyang",
        ["window"] = "24 Nov 14:00-16:00",
        ["newDueBy"] = "25 Nov 18:00",
        ["link"] = Samples["link"] + "?lang=en",
        ["urgency"] = "urgent",
        ["district"] = "Pudong",
    };

    /// <summary>The samples for a language.</summary>
    public static IReadOnlyDictionary<string, string> SamplesFor(string language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? EnglishSamples : Samples;

    /// <summary>The default catalogue: each notification's texts from the resources (<c>Language/SmsTexts.resx</c>, <c>SmsTexts.zh.resx</c>).</summary>
    public static IReadOnlyList<SmsTemplate> Defaults { get; } =
        [.. Enum.GetValues<NotificationKind>().Select(kind => new SmsTemplate(kind, Proactive(kind), Language.SmsTexts.Chinese(EnumNames.Name(kind)), Language.SmsTexts.English(EnumNames.Name(kind))))];

    /// <summary>
    /// True for what the customer did not just ask for (reminders, apologies, surveys) and for an engineer's job offer:
    /// quiet hours hold them.
    /// </summary>
    public static bool Proactive(NotificationKind kind) => kind is NotificationKind.VisitReminder or NotificationKind.BreachApology
        or NotificationKind.SurveyInvitation or NotificationKind.ConfirmationReminder or NotificationKind.JobOffered;

    /// <summary>The placeholders a notification provides; every one also has <c>{brand}</c>, <c>{number}</c> and <c>{customer}</c>.</summary>
    public static IReadOnlyList<string> Available(NotificationKind kind) =>
    [
        "brand", "number", "customer",
        .. kind switch
        {
            NotificationKind.RequestReceived or NotificationKind.ComplaintAcknowledged => ["expectBy"],
            NotificationKind.EngineerAssigned => ["engineer", "engineerPhone", "window"],
            NotificationKind.VisitReminder => ["engineer", "engineerPhone", "window"],
            NotificationKind.QuoteApproval or NotificationKind.ResultConfirmation or NotificationKind.SurveyInvitation or NotificationKind.ConfirmationReminder => ["link"],
            NotificationKind.BreachApology => ["newDueBy"],
            NotificationKind.TicketReopened => ["round"],
            NotificationKind.JobOffered => ["urgency", "district", "minutes", "job"],
            _ => Array.Empty<string>(),
        },
    ];

    /// <summary>The placeholders a text uses, in order of appearance.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Fills the placeholders; a placeholder without a value is an error (a message never goes out half-filled).</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new KeyNotFoundException($"The SMS text needs {{{m.Groups[1].Value}}}, which this notification does not provide."));

    /// <summary>The catalogue as a Markdown table: each text filled with the samples of its language, its encoding, length and segments.</summary>
    public static string ToMarkdown(IEnumerable<SmsTemplate> templates)
    {
        var table = new StringBuilder("| notification | language | proactive | text (with sample values) | encoding | units | segments |\n|---|---|---|---|---|---|---|\n");
        foreach (var template in templates)
        {
            foreach (var language in new[] { "zh", "en" })
            {
                var rendered = Render(template.For(language), SamplesFor(language));
                var length = SmsText.Measure(rendered);
                table.Append(CultureInfo.InvariantCulture, $"| {template.Kind} | {language} | {(template.Proactive ? "yes" : "no")} | {rendered.Replace("|", "\\|", StringComparison.Ordinal)} | {length.Encoding} | {length.Units} | {length.Segments} |\n");
            }
        }

        return table.ToString();
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}
