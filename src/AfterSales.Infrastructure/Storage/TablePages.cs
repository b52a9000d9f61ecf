using System.Text;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Storage;

/// <summary>Filtered, paged reads of a table, as the list endpoints need them.</summary>
public static class TablePages
{
    private const int MaxEmptyPagesFollowed = 20;

    /// <summary>The filters joined with <c>and</c>, each in parentheses.</summary>
    public static string And(IEnumerable<string> parts)
    {
        var filter = new StringBuilder();
        foreach (var part in parts)
        {
            filter.Append(filter.Length == 0 ? string.Empty : " and ").Append('(').Append(part).Append(')');
        }

        return filter.ToString();
    }

    /// <summary>
    /// One page of at most <paramref name="pageSize"/> rows after <paramref name="token"/>. Server-side filters can
    /// return empty pages that still carry a continuation; a few are followed so callers rarely see an empty page.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, string? Token)> ReadAsync<T>(
        TableClient table, string filter, int pageSize, string? token, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        for (var followed = 0; ; followed++)
        {
            var page = await table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
                .AsPages(token, pageSize)
                .FirstAsync(cancellationToken);
            token = page.ContinuationToken;
            if (page.Values.Count > 0 || token is null || followed >= MaxEmptyPagesFollowed)
            {
                return (page.Values.Select(map).ToList(), token);
            }
        }
    }
}
