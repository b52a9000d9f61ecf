using System.Text.Encodings.Web;
using System.Text.Unicode;
using AfterSales.Application;

namespace AfterSales.Web.Rendering;

/// <summary>
/// The HTML encoder of every page the app renders (the console's Razor components and the customer pages): Chinese
/// and every other script stay characters, the usual characters are escaped, and bidirectional control characters
/// (<see cref="DisplayText.IsBidiControl"/>) are taken out of the text first — escaped as entities they would still
/// reorder it. The encoder's scalar-by-scalar members (used only by the span and UTF-8 overloads) show such a
/// character as U+FFFD instead.
/// </summary>
public sealed unsafe class BidiSafeHtmlEncoder : HtmlEncoder
{
    private readonly HtmlEncoder _inner = Create(UnicodeRanges.All);

    /// <summary>The one instance (the encoder holds no state).</summary>
    public static BidiSafeHtmlEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => _inner.MaxOutputCharactersPerInputCharacter;

    public override string Encode(string value) => _inner.Encode(DisplayText.Neutralise(value));

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        var part = value.AsSpan(startIndex, characterCount);
        if (HasBidiControl(part))
        {
            _inner.Encode(output, DisplayText.Neutralise(part.ToString()));
        }
        else
        {
            _inner.Encode(output, value, startIndex, characterCount);
        }
    }

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        var part = value.AsSpan(startIndex, characterCount);
        if (HasBidiControl(part))
        {
            _inner.Encode(output, DisplayText.Neutralise(part.ToString()));
        }
        else
        {
            _inner.Encode(output, value, startIndex, characterCount);
        }
    }

    public override int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var first = _inner.FindFirstCharacterToEncode(text, textLength);
        var end = first < 0 ? textLength : first;
        for (var i = 0; i < end; i++)
        {
            if (DisplayText.IsBidiControl(text[i]))
            {
                return i;
            }
        }

        return first;
    }

    public override bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!DisplayText.IsBidiControl(unicodeScalar))
        {
            return _inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        }

        if (bufferLength < 1)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        buffer[0] = '\uFFFD';
        numberOfCharactersWritten = 1;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) => DisplayText.IsBidiControl(unicodeScalar) || _inner.WillEncode(unicodeScalar);

    private static bool HasBidiControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (DisplayText.IsBidiControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
