namespace AfterSales.Application.Notifications;

/// <summary>How an SMS is encoded on the air.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters in one segment, 153 per segment when split.</summary>
    Gsm7,
    /// <summary>UCS-2 (any Chinese character forces it): 70 UTF-16 units in one segment, 67 per segment when split.</summary>
    Ucs2,
}

/// <summary>An SMS's size: encoding, length in that encoding's units, and the segments it is billed as.</summary>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments);

/// <summary>Measures SMS text the way carriers split it.</summary>
public static class SmsText
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Escaped characters take two septets.
    private const string Extension = "\f^{}\\[~]|€";

    public static SmsLength Measure(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                // UTF-16 units: a character outside the basic plane (an emoji) counts twice.
                return new SmsLength(SmsEncoding.Ucs2, text.Length, Segments(text.Length, 70, 67));
            }
        }

        return new SmsLength(SmsEncoding.Gsm7, septets, Segments(septets, 160, 153));
    }

    private static int Segments(int units, int single, int part) =>
        units == 0 ? 1 : units <= single ? 1 : (units + part - 1) / part;
}
