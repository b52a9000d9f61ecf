using AfterSales.Application.Language;
using AfterSales.Domain.Explanations;

namespace AfterSales.Testing;

/// <summary>Messages as the API says them, for assertions on their text.</summary>
public static class MessageText
{
    /// <summary>Each message in English.</summary>
    public static IReadOnlyList<string> English(this IEnumerable<Explanation> messages) => [.. messages.Select(Messages.English)];
}
