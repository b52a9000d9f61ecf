using AfterSales.Domain.Explanations;
using System.Globalization;
using System.Text;

namespace AfterSales.Application;

/// <summary>
/// The list parameters every list shares (the API's and the console's): page size, continuation token as clients see
/// it (base64url of the store's), business-local dates, and the link to the next page.
/// </summary>
public static class ListPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>A list's <c>pageSize</c> value: 1 to <see cref="MaxPageSize"/>, <see cref="DefaultPageSize"/> when absent.</summary>
    public static int ParsePageSize(FieldErrors errors, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            errors.Report("pageSize", MessageCodes.PageSize, MaxPageSize);
            return DefaultPageSize;
        }

        return pageSize;
    }

    /// <summary>A business-local date parameter (yyyy-MM-dd); null when absent or wrong (then the error is in <paramref name="errors"/>).</summary>
    public static DateOnly? ParseDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        errors.Report(field, MessageCodes.DateRule);
        return null;
    }

    /// <summary>The store's continuation token from the one a client sent; null when none was sent or it is not ours.</summary>
    public static string? DecodeToken(FieldErrors errors, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
        }
        catch (FormatException)
        {
            errors.Report("continuationToken", MessageCodes.ContinuationToken);
            return null;
        }
    }

    /// <summary>
    /// The continuation token as clients see it (base64url) and the link to the next page at <paramref name="path"/> with the
    /// same <paramref name="query"/> parameters; nulls at the end of the list.
    /// </summary>
    public static (string? Token, string? Next) NextPage(IEnumerable<KeyValuePair<string, string>> query, string path, string? continuation)
    {
        if (continuation is null)
        {
            return (null, null);
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(continuation)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var parameters = query
            .Where(q => q.Key != "continuationToken")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")
            .Append($"continuationToken={token}");
        return (token, $"{path}?{string.Join('&', parameters)}");
    }
}
