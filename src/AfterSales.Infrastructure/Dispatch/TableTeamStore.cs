using System.Net;
using System.Text.Json;
using AfterSales.Application.Dispatch;
using AfterSales.Domain.Dispatch;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Dispatch;

/// <summary>
/// Engineers and department settings in one small table: partition <c>engineer</c> (row key = sign-in
/// name, column <c>Department</c> for filtering, <c>Data</c> = JSON) and partition <c>department</c>.
/// A team is hundreds of rows at most, so a department's engineers are one partition query.
/// </summary>
public sealed class TableTeamStore(StorageClients storage) : ITeamStore
{
    private const string EngineerPartition = "engineer";
    private const string DepartmentPartition = "department";

    public async Task<StoredEngineer?> GetEngineerAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidKey(id))
        {
            return null;
        }

        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(EngineerPartition, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToStored(entity) : null;
    }

    public async Task<IReadOnlyList<StoredEngineer>> ListEngineersAsync(Department? department, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = department is { } d
            ? TableClient.CreateQueryFilter($"PartitionKey eq {EngineerPartition} and Department eq {d.ToString()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {EngineerPartition}");
        var list = new List<StoredEngineer>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(ToStored(entity));
        }

        return list;
    }

    public async Task<string?> TrySaveEngineerAsync(Engineer engineer, string? etag, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = new TableEntity(EngineerPartition, engineer.Id)
        {
            ["Department"] = engineer.Department.ToString(),
            ["Active"] = engineer.Active,
            ["Data"] = JsonSerializer.Serialize(engineer, TicketJson.Options),
        };
        try
        {
            var response = etag is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<DepartmentSettings> GetDepartmentAsync(Department department, CancellationToken cancellationToken) =>
        (await ReadDepartmentAsync(department, cancellationToken)).Settings;

    public async Task<StoredDepartment> ReadDepartmentAsync(Department department, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(DepartmentPartition, department.ToString(), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new StoredDepartment(JsonSerializer.Deserialize<DepartmentSettings>(entity.GetString("Data"), TicketJson.Options)!, entity.ETag.ToString())
            : new StoredDepartment(new DepartmentSettings(department, [], AutoDispatch: true), null);
    }

    public async Task<string?> TrySaveDepartmentAsync(DepartmentSettings settings, string? ifMatch, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = new TableEntity(DepartmentPartition, settings.Department.ToString()) { ["Data"] = JsonSerializer.Serialize(settings, TicketJson.Options) };
        try
        {
            var response = ifMatch switch
            {
                null => await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
                StoredDepartment.NeverSaved => await table.AddEntityAsync(entity, cancellationToken),
                _ => await table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken),
            };
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Row keys may not hold / \ # ? or control characters.</summary>
    public static bool IsValidKey(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 100 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static StoredEngineer ToStored(TableEntity entity) =>
        new(JsonSerializer.Deserialize<Engineer>(entity.GetString("Data"), TicketJson.Options)!, entity.ETag.ToString());

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        storage.TableAsync(storage.Options.TeamTable, cancellationToken);
}
