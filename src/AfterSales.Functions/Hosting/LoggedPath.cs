using AfterSales.Application.Customers;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// A request path as it may appear in a log: a customer link's token is a live credential, so it is replaced by
/// what it is for — <c>/c/[ticket 01M…, quote]/survey</c> — and never written out; a short code, which only its
/// stored entry can explain, is written as <c>/c/[code]</c>.
/// </summary>
public static class LoggedPath
{
    public static string For(PathString path, CustomerLinks links, DateTimeOffset now)
    {
        var value = path.Value ?? string.Empty;
        if (!value.StartsWith(CustomerLinks.PagePath, StringComparison.Ordinal))
        {
            return value;
        }

        var rest = value[CustomerLinks.PagePath.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var token = slash < 0 ? rest : rest[..slash];
        var tail = slash < 0 ? string.Empty : rest[slash..];
        if (CustomerCode.Normalize(Uri.UnescapeDataString(token)) is not null)
        {
            return $"{CustomerLinks.PagePath}[code]{tail}";
        }

        var (link, _) = links.Validate(Uri.UnescapeDataString(token), now);
        var what = link is null ? "[not a valid link]" : $"[ticket {link.Ticket.Value}, {link.Purpose.ToString().ToLowerInvariant()}]";
        return $"{CustomerLinks.PagePath}{what}{tail}";
    }
}
