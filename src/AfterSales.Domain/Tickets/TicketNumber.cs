using System.Globalization;

namespace AfterSales.Domain.Tickets;

/// <summary>
/// The human-friendly service ticket number (服务工单号) read out on the phone and printed on forms:
/// <c>{prefix}-{business date yyyyMMdd}-{daily sequence, at least 5 digits}</c>, for example
/// <c>AS-20261123-00042</c>. The sequence restarts every business day.
/// </summary>
public readonly record struct TicketNumber
{
    private TicketNumber(string prefix, DateOnly businessDate, int sequence)
    {
        Prefix = prefix;
        BusinessDate = businessDate;
        Sequence = sequence;
    }

    /// <summary>Company prefix, 1-8 upper-case ASCII letters.</summary>
    public string Prefix { get; }

    /// <summary>The business-local date the ticket was received on.</summary>
    public DateOnly BusinessDate { get; }

    /// <summary>The 1-based sequence number within <see cref="BusinessDate"/>.</summary>
    public int Sequence { get; }

    /// <summary>Creates a number from its parts.</summary>
    public static TicketNumber Create(string prefix, DateOnly businessDate, int sequence)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("A ticket number prefix is 1-8 upper-case letters A-Z.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new TicketNumber(prefix, businessDate, sequence);
    }

    /// <summary>True when <paramref name="prefix"/> can start a ticket number.</summary>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: >= 1 and <= 8 } && prefix.All(char.IsAsciiLetterUpper);

    /// <summary>The first business date a number can carry: a ticket id counts from the Unix epoch, a day later in any zone.</summary>
    public static readonly DateOnly FirstDate = new(1970, 1, 2);

    /// <summary>The last business date a number can carry (the day after it must still be a date).</summary>
    public static readonly DateOnly LastDate = new(9999, 12, 30);

    /// <summary>
    /// Parses the canonical form <c>AS-20261123-00042</c> (case-insensitive prefix): a date between
    /// <see cref="FirstDate"/> and <see cref="LastDate"/>, and the sequence written as <see cref="ToString"/> writes it —
    /// five digits, more only when the sequence needs them — so every ticket has exactly one number.
    /// </summary>
    public static bool TryParse(string? text, out TicketNumber number)
    {
        number = default;
        var parts = text?.Split('-');
        if (parts is not { Length: 3 })
        {
            return false;
        }

        var prefix = parts[0].ToUpperInvariant();
        if (!IsValidPrefix(prefix)
            || !DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date < FirstDate
            || date > LastDate
            || parts[2].Length < 5
            || !parts[2].All(char.IsAsciiDigit)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || parts[2] != sequence.ToString("D5", CultureInfo.InvariantCulture))
        {
            return false;
        }

        number = new TicketNumber(prefix, date, sequence);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{BusinessDate:yyyyMMdd}-{Sequence:D5}");
}
