using AfterSales.Application.Reports;
using AfterSales.Domain.Reports;
using AfterSales.Infrastructure.Storage;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Reports;

/// <summary>Report runs: partition = month, row key = run id (time-ordered, so the newest is found by sorting).</summary>
public sealed class TableReportRunStore(StorageClients storage) : IReportRunStore
{
    public async Task SaveAsync(ReportRun run, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.ReportRunsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(run.Month.ToString(), run.Id)
        {
            ["Status"] = run.Status.ToString(),
            ["Step"] = run.Step,
            ["Progress"] = run.Progress,
            ["RowsRead"] = run.RowsRead,
            ["Trigger"] = run.Trigger,
            ["RequestedBy"] = run.RequestedBy,
            ["QueuedAt"] = run.QueuedAt,
            ["UpdatedAt"] = run.UpdatedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["Error"] = run.Error,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ReportRun?> GetAsync(ReportMonth month, string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id))
        {
            return null;
        }

        var table = await storage.TableAsync(storage.Options.ReportRunsTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(month.ToString(), id, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<ReportRun>> RecentAsync(ReportMonth month, int max, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.ReportRunsTable, cancellationToken);
        var pk = month.ToString();
        var all = new List<ReportRun>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken))
        {
            all.Add(Read(entity));
        }

        return [.. all.OrderByDescending(r => r.Id, StringComparer.Ordinal).Take(max)];
    }

    private static ReportRun Read(TableEntity e) => new()
    {
        Id = e.RowKey,
        Month = ReportMonth.TryParse(e.PartitionKey, out var month) ? month : default,
        Status = Enum.TryParse<ReportRunStatus>(e.GetString("Status"), out var status) ? status : ReportRunStatus.Failed,
        Step = e.GetString("Step") ?? string.Empty,
        Progress = e.GetInt32("Progress") ?? 0,
        RowsRead = e.GetInt32("RowsRead") ?? 0,
        Trigger = e.GetString("Trigger") ?? string.Empty,
        RequestedBy = e.GetString("RequestedBy"),
        QueuedAt = e.GetDateTimeOffset("QueuedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        FinishedAt = e.GetDateTimeOffset("FinishedAt"),
        Error = e.GetString("Error"),
    };
}
