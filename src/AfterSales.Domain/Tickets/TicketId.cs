namespace AfterSales.Domain.Tickets;

/// <summary>
/// The stable identifier of a ticket: a ULID (26 characters of Crockford base32), whose first ten
/// characters are the receipt time in milliseconds since the Unix epoch. Identifiers therefore sort
/// by receipt time, which lets storage answer "tickets received between A and B" as a key range.
/// </summary>
public readonly record struct TicketId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 26;

    private TicketId(string value) => Value = value;

    /// <summary>The 26-character text form.</summary>
    public string Value { get; }

    /// <summary>Builds the identifier of a ticket received at <paramref name="receivedAt"/>.</summary>
    /// <param name="receivedAt">Receipt time; the identifier's sort order follows it.</param>
    /// <param name="random">Ten random bytes that make identifiers of the same millisecond distinct.</param>
    public static TicketId Create(DateTimeOffset receivedAt, ReadOnlySpan<byte> random)
    {
        if (random.Length != 10)
        {
            throw new ArgumentException("A ticket id needs exactly 10 random bytes.", nameof(random));
        }

        Span<char> chars = stackalloc char[Length];
        WriteTime(chars, receivedAt);
        // 80 random bits as 16 base32 characters, 5 bits at a time.
        var bitBuffer = 0UL;
        var bits = 0;
        var position = 10;
        foreach (var b in random)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[position++] = Alphabet[(int)((bitBuffer >> bits) & 31)];
            }
        }

        return new TicketId(new string(chars));
    }

    /// <summary>
    /// The smallest identifier any ticket received at or after <paramref name="instant"/> can have:
    /// the lower bound of a receipt-time range.
    /// </summary>
    public static TicketId LowerBound(DateTimeOffset instant)
    {
        Span<char> chars = stackalloc char[Length];
        WriteTime(chars, instant);
        chars[10..].Fill('0');
        return new TicketId(new string(chars));
    }

    /// <summary>Parses a text that has the shape of a ticket id (case-insensitive).</summary>
    public static bool TryParse(string? text, out TicketId id)
    {
        id = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        var upper = text.ToUpperInvariant();
        foreach (var c in upper)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // The first character carries only 3 bits of a 48-bit timestamp.
        if (upper[0] > '7')
        {
            return false;
        }

        id = new TicketId(upper);
        return true;
    }

    /// <summary>The receipt time encoded in the identifier, to the millisecond.</summary>
    public DateTimeOffset ReceivedAt
    {
        get
        {
            var ms = 0L;
            for (var i = 0; i < 10; i++)
            {
                ms = (ms << 5) | (long)Alphabet.IndexOf(Value[i], StringComparison.Ordinal);
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static void WriteTime(Span<char> chars, DateTimeOffset instant)
    {
        var ms = instant.ToUnixTimeMilliseconds();
        if (ms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), "Ticket times start at the Unix epoch.");
        }

        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
    }
}
