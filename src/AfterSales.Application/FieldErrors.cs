using AfterSales.Domain.Explanations;
using System.Text.Json;
using AfterSales.Application.Language;

namespace AfterSales.Application;

/// <summary>
/// Collects validation messages per field, in the order fields were checked. A message is a code with its arguments
/// (<see cref="MessageCodes"/>), put into words where it is shown (<see cref="Messages"/>).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Explanation>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>Records the message <paramref name="code"/> with <paramref name="arguments"/> against <paramref name="field"/>.</summary>
    public void Report(string field, string code, params object?[] arguments) => Add(field, Explanation.Of(code, arguments));

    /// <summary>Records an English message of the HTTP API about the request itself (<see cref="MessageCodes.ApiText"/>).</summary>
    public void AddApiText(string field, string text) => Add(field, Explanation.Of(MessageCodes.ApiText, text));

    public void Add(string field, Explanation message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The field a serializer's JSON path names: "$.customer.phone" → "customer.phone"; "$" → "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        var field = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads an enum field by its API name (camelCase, e.g. <c>walkIn</c>; case and surrounding spaces do not matter).
    /// A missing value is an error only when <paramref name="required"/>; a wrong one names the values allowed, described
    /// by <paramref name="allowed"/> when given (e.g. with their Chinese names).
    /// </summary>
    public TEnum? Enum<TEnum>(string field, string? value, bool required = false, string? allowed = null)
        where TEnum : struct, System.Enum
    {
        allowed ??= string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Report(field, MessageCodes.RequiredChoice, allowed);
            }

            return null;
        }

        if (EnumNames.TryParse<TEnum>(value.Trim(), out var parsed))
        {
            return parsed;
        }

        Report(field, MessageCodes.NotAllowed, value, allowed);
        return null;
    }

    public Dictionary<string, Explanation[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The messages in English, as the API answers them.</summary>
    public Dictionary<string, string[]> InEnglish() => Messages.Say(ToDictionary(), Domain.Customers.CustomerLanguage.En);
}
