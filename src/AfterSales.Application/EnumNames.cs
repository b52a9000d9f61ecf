namespace AfterSales.Application;

/// <summary>
/// Enum values as text, the way the API spells them: read by name only, case-insensitive (Enum.TryParse alone
/// also accepts "3"); written in camelCase.
/// </summary>
public static class EnumNames
{
    /// <summary>The value's name as the API writes it (camelCase: <c>waitingForApproval</c>).</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.All(char.IsAsciiLetter) && Enum.TryParse(trimmed, ignoreCase: true, out value);
    }
}
