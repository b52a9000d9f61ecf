using System.Net;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Storage;

/// <summary>Index rows that several readers may clean up: removing one that is already gone is not an error.</summary>
public static class TableDeletes
{
    public static async Task DeleteIfExistsAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Removed by another reader first.
        }
    }
}
