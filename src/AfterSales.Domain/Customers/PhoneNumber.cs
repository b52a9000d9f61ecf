namespace AfterSales.Domain.Customers;

/// <summary>
/// A phone number already normalised to E.164 (for example <c>+8613812345678</c>).
/// <see cref="ToString"/> returns the masked form so that a number written to a log by accident is
/// never readable; the full number is only available through <see cref="E164"/>.
/// </summary>
public sealed partial record PhoneNumber
{
    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>The full number in E.164 form.</summary>
    public string E164 { get; }

    /// <summary>
    /// The number with its middle digits hidden: country code, the first three and last four national
    /// digits stay (<c>+86 138****5678</c>), the Chinese convention for showing a mobile number.
    /// Short numbers keep only their last two digits.
    /// </summary>
    public string Masked => Mask(E164);

    /// <summary>Wraps a number that a validator has already normalised to E.164.</summary>
    /// <exception cref="ArgumentException">The text is not in E.164 form.</exception>
    public static PhoneNumber FromE164(string e164)
    {
        if (!IsE164(e164))
        {
            throw new ArgumentException("A phone number must be in E.164 form, for example +8613812345678.", nameof(e164));
        }

        return new PhoneNumber(e164);
    }

    /// <summary>Masks any phone-like text; used for values that never became a <see cref="PhoneNumber"/>.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var digits = text.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 7)
        {
            return new string('*', Math.Max(0, digits.Length - 2)) + new string(digits[Math.Max(0, digits.Length - 2)..]);
        }

        if (text.StartsWith("+86", StringComparison.Ordinal) && digits.Length == 13)
        {
            return $"+86 {new string(digits[2..5])}****{new string(digits[^4..])}";
        }

        return $"{new string(digits[..3])}{new string('*', digits.Length - 7)}{new string(digits[^4..])}";
    }

    /// <summary>
    /// Masks every phone number written inside <paramref name="text"/> (mainland mobiles with or without +86,
    /// landlines with an area code), so that a message shown to someone without access to contact details
    /// keeps its words but not the numbers. Ticket numbers, dates, amounts and 400/800 hotlines stay.
    /// </summary>
    public static string MaskWithin(string text) => PhoneShaped().Replace(text, m => Mask(m.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9A-Za-z\-+])(?:(?:\+|00)?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?!\d)|(?<![0-9A-Za-z\-+])0\d{2,3}-?\d{7,8}(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex PhoneShaped();

    /// <inheritdoc />
    public override string ToString() => Masked;

    private static bool IsE164(string? text) =>
        text is { Length: >= 8 and <= 16 } && text[0] == '+' && text[1] != '0' && text.AsSpan(1).ContainsAnyExcept("0123456789") is false;
}
