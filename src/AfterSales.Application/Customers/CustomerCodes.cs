using System.Security.Cryptography;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Customers;

/// <summary>
/// Short customer codes: what an SMS carries instead of a long signed link (<c>…/c/K7Q2M9XW4P</c>), and what a
/// customer types on the <c>/c</c> page when a template cannot carry a link. Ten characters from an alphabet without
/// look-alikes (no 0/O, 1/I) — 32 symbols, so 50 random bits — read case-insensitively, with spaces and dashes
/// ignored. The code itself is kept nowhere: the store holds its HMAC under the link signing key.
/// </summary>
public static class CustomerCode
{
    /// <summary>The symbols: digits 2-9 and the letters without I and O.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public const int Length = 10;

    /// <summary>A new random code.</summary>
    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        return string.Create(Length, random.ToArray(), (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[bytes[i] & 31]; // 256 is a multiple of 32: every symbol equally likely
            }
        });
    }

    /// <summary>The code <paramref name="input"/> spells (any case, spaces and dashes ignored), or null when it spells none.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > 3 * Length)
        {
            return null;
        }

        var code = string.Concat(input.Where(c => c is not (' ' or '-' or '\u3000'))).ToUpperInvariant();
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}

/// <summary>A code's record: whose ticket, for what, until when. <paramref name="Key"/> is the code's HMAC, never the code.</summary>
public sealed record CustomerCodeEntry(string Key, TicketId Ticket, LinkPurpose Purpose, int Subject, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);

/// <summary>
/// Where codes are kept. An entry is written ahead of the ticket change whose SMS carries the code: if that change is
/// then not stored, its SMS never goes out and nobody ever learns the code.
/// </summary>
public interface ICustomerCodeStore
{
    Task AddAsync(IReadOnlyList<CustomerCodeEntry> entries, CancellationToken cancellationToken);

    /// <summary>The entry with <paramref name="key"/>, or null.</summary>
    Task<CustomerCodeEntry?> FindAsync(string key, CancellationToken cancellationToken);
}
