namespace AfterSales.Application;

/// <summary>
/// Free text shown to people: the characters that change the direction of the text around them (Unicode bidirectional
/// controls — embeddings, overrides, isolates and marks) are taken out, so a name or an address holding U+202E cannot
/// show other text reversed or disguise what it says.
/// </summary>
public static class DisplayText
{
    /// <summary>True for a bidirectional control character: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069.</summary>
    public static bool IsBidiControl(int c) => c is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary><paramref name="text"/> without its bidirectional control characters.</summary>
    public static string Neutralise(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u200E', '\u2069') < 0 && !text.Contains('\u061C', StringComparison.Ordinal)
            ? text
            : string.Concat(text.Where(c => !IsBidiControl(c)));
}
