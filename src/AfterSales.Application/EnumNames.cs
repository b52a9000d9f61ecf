namespace AfterSales.Application;

/// <summary>Reads enum values sent as text: names only, case-insensitive (Enum.TryParse alone also accepts "3").</summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.All(char.IsAsciiLetter) && Enum.TryParse(trimmed, ignoreCase: true, out value);
    }
}
