namespace AfterSales.Domain.Dispatch;

/// <summary>
/// The name a staff member signs in with, as it is used for an engineer's id and a department's supervisors: 1 to
/// <see cref="MaxLength"/> characters of ASCII letters, digits and <c>. _ - @ +</c>, beginning and ending with a letter
/// or digit. That covers sign-in names and e-mail-style user names; it leaves out what could not be read back from a
/// URL (<c>..</c>, <c>/</c>, <c>%</c>), spaces, and every control or direction-changing character (U+202E).
/// </summary>
public static class SignInName
{
    /// <summary>The longest sign-in name accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for the documentation and for messages.</summary>
    public const string Rule = "1-100 characters: letters A-Z a-z, digits and . _ - @ +, beginning and ending with a letter or digit";

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= 1 and <= MaxLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');
}
