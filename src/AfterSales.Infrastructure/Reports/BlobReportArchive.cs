using System.Net;
using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AfterSales.Infrastructure.Reports;

/// <summary>Reports in Blob Storage: container <c>{prefix}reports</c>, blobs <c>monthly/{yyyy-MM}.{json|csv|html|xlsx}</c>.</summary>
public sealed class BlobReportArchive(StorageClients storage) : IReportArchive
{
    public async Task StoreAsync(ReportMonth month, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.ReportsContainer, cancellationToken);
        // The JSON last: its presence means the month's set is complete.
        foreach (var file in files.OrderBy(f => f.Format == ReportFormat.Json))
        {
            await container.GetBlobClient(Name(month, file.Format)).UploadAsync(
                new BinaryData(file.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } },
                cancellationToken);
        }
    }

    public async Task<MonthlyReport?> ReadAsync(ReportMonth month, CancellationToken cancellationToken) =>
        await OpenAsync(month, ReportFormat.Json, cancellationToken) is { } json ? Rendering.ReportJson.Read(json.Content) : null;

    public async Task<ReportFile?> OpenAsync(ReportMonth month, ReportFormat format, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.ReportsContainer, cancellationToken);
        try
        {
            var download = await container.GetBlobClient(Name(month, format)).DownloadContentAsync(cancellationToken);
            return new ReportFile(format, download.Value.Details.ContentType, download.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredReport>> ListAsync(CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.ReportsContainer, cancellationToken);
        var list = new List<StoredReport>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "monthly/" }, cancellationToken))
        {
            var name = blob.Name["monthly/".Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal) && ReportMonth.TryParse(name[..^5], out var month))
            {
                list.Add(new StoredReport(month, blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ContentLength ?? 0));
            }
        }

        return [.. list.OrderByDescending(r => r.Month)];
    }

    public static string Name(ReportMonth month, ReportFormat format) => $"monthly/{month}.{format.ToString().ToLowerInvariant()}";
}
