using System.Text.RegularExpressions;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The log scan: what must never be written to a log — a full phone number, a street address, an API key, a
/// signing or access key, a customer link token. Every app a test starts is scanned when it stops
/// (<see cref="AppFactory"/>), so any test that makes the app log such a thing fails.
/// </summary>
public static partial class LogScan
{
    /// <summary>The lines of <paramref name="lines"/> that leak, each with what it leaks.</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> lines, IEnumerable<string> secrets)
    {
        var known = secrets.Where(s => s.Length >= 12).Distinct(StringComparer.Ordinal).ToList();
        var leaks = new List<string>();
        foreach (var line in lines)
        {
            var what = new List<string>();
            if (Phone().IsMatch(line))
            {
                what.Add("a full phone number");
            }

            if (Address().IsMatch(line))
            {
                what.Add("a street address");
            }

            if (Token().IsMatch(line))
            {
                what.Add("a customer link token");
            }

            if (CodePath().IsMatch(line))
            {
                what.Add("a customer's service code");
            }

            if (known.Any(s => line.Contains(s, StringComparison.Ordinal)))
            {
                what.Add("a key or secret of the app's configuration");
            }

            if (what.Count > 0)
            {
                leaks.Add($"{string.Join(", ", what)}: {(line.Length > 300 ? line[..300] + "…" : line)}");
            }
        }

        return leaks;
    }

    // A mainland mobile number in full: 11 digits from 13x-19x, with or without +86, not inside a longer number or a
    // word (a data-protection key's GUID holds runs like 17791409043 between hex letters).
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9A-Za-z])")]
    private static partial Regex Phone();

    // A street address: a road or street with a house number (世纪大道100号, 南京西路1号).
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+(?:路|街|大道|巷|弄|胡同)\d+号")]
    private static partial Regex Address();

    // v1.{ticket}.{purpose}.{subject}.{expires}.{mac}
    [GeneratedRegex(@"v1\.[0-9A-Za-z]{26}\.[qcs]\.\d+\.\d+\.[A-Za-z0-9_\-]{16,}")]
    private static partial Regex Token();

    // /c/{code}: a short code in a path or a text (any case: the page reads it either way).
    [GeneratedRegex(@"/c/[2-9A-HJ-NP-Za-hj-np-z]{10}(?![0-9A-Za-z])")]
    private static partial Regex CodePath();
}
