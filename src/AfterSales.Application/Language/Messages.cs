using AfterSales.Domain.Explanations;
using System.Globalization;
using System.Resources;
using System.Text;
using AfterSales.Domain.Customers;

namespace AfterSales.Application.Language;

/// <summary>
/// What the validators, the lifecycle's checks, the dispatcher and the timers say, by code (<see cref="MessageCodes"/>),
/// in each language the product speaks, from resources: <c>Messages.resx</c> (English) and <c>Messages.zh.resx</c>
/// (Chinese); a test holds every code to both. A message is put into words where it is shown — the API in English, the console and
/// the customer's pages in the reader's language. Placeholders are <c>{0}</c>, <c>{1}</c> …; <c>{n:department}</c>
/// writes a department's API name in the reader's words, <c>{n:line}</c> and <c>{n:tag}</c> an empty one as "any".
/// </summary>
public static class Messages
{
    /// <summary>The texts: <c>Messages.resx</c> in English (the API's language), <c>Messages.zh.resx</c> in Chinese.</summary>
    private static readonly ResourceManager Texts = new("AfterSales.Application.Language.Messages", typeof(Messages).Assembly);

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh");

    /// <summary>Every code with its texts (for tests and documentation).</summary>
    public static IReadOnlyCollection<string> Codes { get; } =
        [.. Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];

    /// <summary><paramref name="message"/> in English (the API's language).</summary>
    public static string English(Explanation message) => Say(message, CustomerLanguage.En);

    /// <summary><paramref name="message"/> in <paramref name="language"/>; a code this catalog lacks is written as the code and its arguments.</summary>
    public static string Say(Explanation message, CustomerLanguage language)
    {
        if (Texts.GetString(message.Code, language == CustomerLanguage.En ? CultureInfo.InvariantCulture : Chinese) is not { } template)
        {
            return message.Arguments.Count == 0 ? message.Code : $"{message.Code}: {string.Join(", ", message.Arguments)}";
        }

        return Fill(template, message.Arguments, language);
    }

    /// <summary>Each error of a field in <paramref name="language"/>.</summary>
    public static Dictionary<string, string[]> Say(IReadOnlyDictionary<string, Explanation[]> errors, CustomerLanguage language) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Say(m, language)).ToArray(), StringComparer.Ordinal);

    private static string Fill(string template, IReadOnlyList<string> arguments, CustomerLanguage language)
    {
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var close = template[i] == '{' ? template.IndexOf('}', i) : -1;
            if (close < 0)
            {
                text.Append(template[i]);
                continue;
            }

            var placeholder = template[(i + 1)..close].Split(':');
            var index = int.Parse(placeholder[0], CultureInfo.InvariantCulture);
            var argument = index < arguments.Count ? arguments[index] : string.Empty;
            text.Append(placeholder.Length > 1 ? Kind(placeholder[1], argument, language) : argument);
            i = close;
        }

        return text.ToString();
    }

    /// <summary>An argument of a named kind in the reader's words: a department, or a product line or tag where empty means any.</summary>
    private static string Kind(string kind, string argument, CustomerLanguage language) => (kind, argument, language) switch
    {
        ("line", "", CustomerLanguage.En) => "any line",
        ("line", "", _) => "全部产品线",
        ("tag", "", CustomerLanguage.En) => "any tag",
        ("tag", "", _) => "全部故障类型",
        ("entries", "1", CustomerLanguage.En) => "1 due entry",
        ("entries", _, CustomerLanguage.En) => $"{argument} due entries",
        ("stale", "1", CustomerLanguage.En) => "1 stale entry",
        ("stale", _, CustomerLanguage.En) => $"{argument} stale entries",
        ("department", _, CustomerLanguage.En) => argument,
        ("department", "repair", _) => "维修",
        ("department", "consultation", _) => "咨询",
        ("department", "complaints", _) => "投诉",
        _ => argument,
    };
}
