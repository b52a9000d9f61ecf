using AfterSales.Domain.Explanations;
using System.Text.Json;
using AfterSales.Application.Timers;
using AfterSales.Infrastructure.Storage;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Timers;

/// <summary>The last run of each timer function: partition <c>last</c>, row key = function name.</summary>
public sealed class TableTimerRunLog(StorageClients storage) : ITimerRunLog
{
    private const string Partition = "last";
    private const int MaxLogChars = 30_000;

    public async Task RecordAsync(TimerRun run, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.TimerRunsTable, cancellationToken);
        var logs = JsonSerializer.Serialize(run.Logs);
        if (logs.Length > MaxLogChars)
        {
            logs = JsonSerializer.Serialize(run.Logs.Take(50).Append(Explanation.Of(MessageCodes.TimerMoreLines, run.Logs.Count - 50)).ToList());
        }

        await table.UpsertEntityAsync(new TableEntity(Partition, run.Name)
        {
            ["Trigger"] = run.Trigger.ToString(),
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["Succeeded"] = run.Succeeded,
            ["Logs"] = logs,
            ["Error"] = run.Error,
            ["RunBy"] = run.RunBy,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, TimerRun>> LastRunsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(storage.Options.TimerRunsTable, cancellationToken);
        var runs = new Dictionary<string, TimerRun>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            runs[e.RowKey] = new TimerRun(
                e.RowKey,
                Enum.TryParse<TimerTrigger>(e.GetString("Trigger"), out var trigger) ? trigger : TimerTrigger.Schedule,
                e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset("FinishedAt") ?? DateTimeOffset.MinValue,
                e.GetBoolean("Succeeded") ?? false,
                JsonSerializer.Deserialize<List<Explanation>>(e.GetString("Logs") ?? "[]") ?? [],
                e.GetString("Error"),
                e.GetString("RunBy"));
        }

        return runs;
    }
}
