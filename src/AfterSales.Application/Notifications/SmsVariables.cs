using System.Globalization;
using System.Text;

namespace AfterSales.Application.Notifications;

/// <summary>One variable of a templated SMS and its value.</summary>
public sealed record SmsParameter(string Name, string Value);

/// <summary>A template variable: what fills it, how long it may be, and whether a longer value may be shortened.</summary>
/// <param name="Name">Its name in Alibaba's templates (<c>${number}</c>); Tencent's are numbered in this order.</param>
/// <param name="FilledWith">What fills it, for the templates the company submits for approval.</param>
/// <param name="MaxLength">The longest value the app sends (Alibaba allows 35 characters per variable).</param>
/// <param name="MayShorten">True for words a reader understands cut short (a name); never for a number or a code.</param>
public sealed record SmsVariable(string Name, string FilledWith, int MaxLength, bool MayShorten);

/// <summary>
/// The variables of each notification for providers that send approved templates (Alibaba Cloud, Tencent Cloud): the
/// placeholders of the notification's Chinese text in their order, without the signature (the provider adds the approved
/// one) and with the customer link's service code in place of the link (its fixed part, the company's registered
/// address and <c>/c/</c>, is the template's text); an engineer's job link is the ticket number after the fixed
/// <c>/console/tickets/</c>. <see cref="TemplateText"/> is the text to submit for approval.
/// </summary>
public static class SmsVariables
{
    /// <summary>Every variable a template may have.</summary>
    public static IReadOnlyDictionary<string, SmsVariable> All { get; } = new[]
    {
        new SmsVariable("number", "the ticket number (AS-20261123-00042)", 20, false),
        new SmsVariable("customer", "the customer's salutation (王先生)", 12, true),
        new SmsVariable("expectBy", "when the customer will be contacted (11月24日 10:00)", 20, false),
        new SmsVariable("engineer", "the engineer's name (李工)", 12, true),
        new SmsVariable("engineerPhone", "the engineer's phone, or the service line", 20, false),
        new SmsVariable("window", "the agreed window (11月24日 14:00-16:00)", 30, false),
        new SmsVariable("newDueBy", "the new expected time (11月25日 18:00)", 20, false),
        new SmsVariable("round", "the handling round (2)", 3, false),
        new SmsVariable("code", "the service code of the customer's page (K7Q2M9XW4P)", 10, false),
        new SmsVariable("urgency", "the ticket's urgency (紧急, 一般, 常规)", 4, false),
        new SmsVariable("district", "the district of the service address, else its city (浦东新区)", 12, true),
        new SmsVariable("minutes", "the minutes left to accept the offer (10)", 4, false),
    }.ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>The variables of <paramref name="kind"/>'s template, in order.</summary>
    public static IReadOnlyList<SmsVariable> For(NotificationKind kind, SmsTemplate template) =>
        SmsTemplates.PlaceholdersOf(template.Zh).Where(p => p != "brand").Select(p => All[p switch { "link" => "code", "job" => "number", _ => p }]).ToList();

    /// <summary>The template text to submit for <paramref name="template"/>'s notification: Alibaba's <c>${name}</c> form, the link's fixed part from <paramref name="baseUrl"/>.</summary>
    public static string TemplateText(SmsTemplate template, string baseUrl) =>
        SmsTemplates.Render(template.Zh, SmsTemplates.PlaceholdersOf(template.Zh).ToDictionary(p => p, p => p switch
        {
            "brand" => string.Empty,
            "link" => $"{baseUrl.TrimEnd('/')}/c/${{code}}",
            "job" => $"{baseUrl.TrimEnd('/')}/console/tickets/${{number}}",
            _ => $"${{{p}}}",
        }));

    /// <summary>The parameters of a message from the values it was rendered with; each value no longer than its variable allows.</summary>
    public static IReadOnlyList<SmsParameter> Parameters(NotificationKind kind, SmsTemplate template, IReadOnlyDictionary<string, string> values) =>
        For(kind, template).Select(v => new SmsParameter(v.Name, Fit(values[v.Name], v.MaxLength, v.MayShorten))).ToList();

    /// <summary>
    /// <paramref name="value"/> cut to <paramref name="max"/> characters — whole characters only (a surrogate pair or a
    /// combined character is never split), the last one an ellipsis — when it may be shortened; otherwise as it is.
    /// </summary>
    public static string Fit(string value, int max, bool mayShorten)
    {
        if (!mayShorten || max < 2)
        {
            return value;
        }

        var elements = StringInfo.GetTextElementEnumerator(value);
        var text = new StringBuilder();
        var count = 0;
        var total = new StringInfo(value).LengthInTextElements;
        if (total <= max)
        {
            return value;
        }

        while (elements.MoveNext() && count < max - 1)
        {
            text.Append(elements.GetTextElement());
            count++;
        }

        return text.Append('…').ToString();
    }

    /// <summary>
    /// The templates to submit to Alibaba and Tencent, one row per notification: the text in Alibaba's form (Tencent's
    /// numbers the variables in the same order) with the link's fixed part from <paramref name="baseUrl"/>, and each
    /// variable with what fills it and its longest value.
    /// </summary>
    public static string ToMarkdown(IEnumerable<SmsTemplate> templates, string baseUrl)
    {
        var table = new StringBuilder("| notification | template text (Alibaba `${name}`; Tencent `{1}`… in the same order) | variables: what fills them, longest value |\n|---|---|---|\n");
        foreach (var template in templates)
        {
            var variables = For(template.Kind, template).Select((v, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{i + 1}. `{v.Name}`: {v.FilledWith}, ≤ {v.MaxLength}{(v.MayShorten ? " (shortened with …)" : string.Empty)}"));
            table.Append(CultureInfo.InvariantCulture, $"| `{EnumNames.Name(template.Kind)}` | {TemplateText(template, baseUrl)} | {string.Join("<br>", variables)} |\n");
        }

        return table.ToString();
    }
}
