using System.Text.Json;

namespace AfterSales.Application;

/// <summary>Collects validation messages per field, in the order fields were checked.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
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
                Add(field, $"This field is required; use one of: {allowed}.");
            }

            return null;
        }

        if (EnumNames.TryParse<TEnum>(value.Trim(), out var parsed))
        {
            return parsed;
        }

        Add(field, $"'{value}' is not allowed; use one of: {allowed}.");
        return null;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
