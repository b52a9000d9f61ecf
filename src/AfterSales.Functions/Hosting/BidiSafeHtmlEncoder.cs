using System.Text.Encodings.Web;
using System.Text.Unicode;
using AfterSales.Application;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// The HTML encoder of every page the app renders (the console's Razor components and the customer pages): Chinese
/// and every other script stay characters, the usual characters are escaped, and bidirectional control characters
/// (<see cref="DisplayText.IsBidiControl"/>) are dropped — escaped as entities they would still reorder the text.
/// </summary>
public sealed unsafe class BidiSafeHtmlEncoder : HtmlEncoder
{
    private readonly HtmlEncoder _inner = Create(UnicodeRanges.All);

    /// <summary>The one instance (the encoder holds no state).</summary>
    public static BidiSafeHtmlEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => _inner.MaxOutputCharactersPerInputCharacter;

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
        if (DisplayText.IsBidiControl(unicodeScalar))
        {
            numberOfCharactersWritten = 0;
            return true;
        }

        return _inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }

    public override bool WillEncode(int unicodeScalar) => DisplayText.IsBidiControl(unicodeScalar) || _inner.WillEncode(unicodeScalar);
}
