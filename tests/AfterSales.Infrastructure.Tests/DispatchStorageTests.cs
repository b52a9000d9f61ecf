using AfterSales.Application.Dispatch;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Infrastructure.Dispatch;
using AfterSales.Infrastructure.Signatures;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;
using Azure;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DispatchStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TeamStore_RoundTripsAnEngineerWithRosterAndLeave_AndRefusesDuplicatesAndStaleWrites()
    {
        var store = new TableTeamStore(TestStorage.Clients(azurite));
        var engineer = new Engineer
        {
            Id = "li-gong",
            Name = "李工",
            Phone = PhoneNumber.FromE164("+8613900001111"),
            Department = Department.Repair,
            Skills = [new Skill("空调", "*", 4)],
            Regions = [new ServiceRegion("上海市", "浦东新区")],
            Base = new GeoPoint(31.22, 121.55),
            Duty = WorkingWeek.Weekdays(new WorkingWindow(TimeSpan.FromHours(8), TimeSpan.FromHours(20))),
            Leave = [new LeavePeriod(Noon, Noon.AddDays(2), "年假")],
        };

        var etag = await store.TrySaveEngineerAsync(engineer, null, CancellationToken.None);

        Assert.NotNull(etag);
        Assert.Null(await store.TrySaveEngineerAsync(engineer, null, CancellationToken.None));
        var read = (await store.GetEngineerAsync("li-gong", CancellationToken.None))!;
        Assert.Equal("李工", read.Engineer.Name);
        Assert.Equal(engineer.Skills, read.Engineer.Skills);
        Assert.Equal(engineer.Leave, read.Engineer.Leave);
        Assert.Equal("08:00-20:00", read.Engineer.Duty![DayOfWeek.Monday].Single().ToString());
        Assert.Empty(read.Engineer.Duty[DayOfWeek.Sunday]);
        Assert.NotNull(await store.TrySaveEngineerAsync(engineer with { MaxConcurrent = 2 }, etag, CancellationToken.None));
        Assert.Null(await store.TrySaveEngineerAsync(engineer with { MaxConcurrent = 3 }, etag, CancellationToken.None));
        Assert.Single(await store.ListEngineersAsync(Department.Repair, CancellationToken.None));
        Assert.Empty(await store.ListEngineersAsync(Department.Complaints, CancellationToken.None));
        Assert.True((await store.GetDepartmentAsync(Department.Repair, CancellationToken.None)).AutoDispatch);
    }

    [Fact]
    public async Task TeamStore_SavesDepartmentSettingsOnlyOverTheVersionTheWriterRead()
    {
        var store = new TableTeamStore(TestStorage.Clients(azurite));
        var defaults = await store.ReadDepartmentAsync(Department.Complaints, CancellationToken.None);
        Assert.Null(defaults.ETag);
        Assert.True(defaults.Settings.AutoDispatch);

        var first = await store.TrySaveDepartmentAsync(new DepartmentSettings(Department.Complaints, ["wang"], AutoDispatch: false), StoredDepartment.NeverSaved, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(await store.TrySaveDepartmentAsync(new DepartmentSettings(Department.Complaints, [], AutoDispatch: true), StoredDepartment.NeverSaved, CancellationToken.None));
        var second = await store.TrySaveDepartmentAsync(new DepartmentSettings(Department.Complaints, ["wang", "zhao"], AutoDispatch: false), first, CancellationToken.None);
        Assert.NotNull(second);
        Assert.Null(await store.TrySaveDepartmentAsync(new DepartmentSettings(Department.Complaints, [], AutoDispatch: true), first, CancellationToken.None));
        var read = await store.ReadDepartmentAsync(Department.Complaints, CancellationToken.None);
        Assert.Equal(second, read.ETag);
        Assert.Equal(["wang", "zhao"], read.Settings.Supervisors);
        Assert.NotNull(await store.TrySaveDepartmentAsync(new DepartmentSettings(Department.Complaints, [], AutoDispatch: true), ifMatch: null, CancellationToken.None));
        Assert.True((await store.GetDepartmentAsync(Department.Complaints, CancellationToken.None)).AutoDispatch);
    }

    [Fact]
    public async Task DueIndex_ReturnsOnlyWhatIsDue_EarliestFirst_AndRemovesIdempotently()
    {
        var due = new TableDueIndex(TestStorage.Clients(azurite));
        var ids = Enumerable.Range(0, 4).Select(i => TicketId.Create(Noon, Enumerable.Repeat((byte)i, 10).ToArray())).ToList();
        await due.ScheduleAsync("offer", Noon.AddMinutes(10), ids[0], CancellationToken.None);
        await due.ScheduleAsync("offer", Noon.AddMinutes(5), ids[1], CancellationToken.None);
        await due.ScheduleAsync("offer", Noon.AddMinutes(30), ids[2], CancellationToken.None);
        await due.ScheduleAsync("other", Noon, ids[3], CancellationToken.None);

        var entries = await due.DueAsync("offer", Noon.AddMinutes(10), 100, CancellationToken.None);

        Assert.Equal([ids[1], ids[0]], entries.Select(e => e.Ticket));
        Assert.Equal(Noon.AddMinutes(5), entries[0].DueAt);
        await due.RemoveAsync(entries[0], CancellationToken.None);
        await due.RemoveAsync(entries[0], CancellationToken.None);
        Assert.Single(await due.DueAsync("offer", Noon.AddMinutes(10), 100, CancellationToken.None));
    }

    [Fact]
    public async Task SignatureArchive_StoresWriteOnce_WithTheHashInMetadata()
    {
        var clients = TestStorage.Clients(azurite);
        var archive = new BlobSignatureArchive(clients);
        var ticket = TicketId.Create(Noon, new byte[10]);
        var png = TestPng.Signature();

        var first = await archive.StoreAsync(ticket, 1, png, Noon, CancellationToken.None);
        var again = await archive.StoreAsync(ticket, 1, png, Noon.AddMinutes(1), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal($"{ticket.Value}/round-1/{first.Sha256}.png", first.BlobName);
        var stored = (await archive.OpenAsync(first.BlobName, CancellationToken.None))!;
        Assert.Equal(png, stored.Content);
        Assert.Equal(first.Sha256, stored.RecordedSha256);
        Assert.Equal(first.Sha256, stored.ActualSha256);

        // The name cannot be overwritten: a raw upload with If-None-Match: * is refused.
        var blob = (await clients.ContainerAsync(clients.Options.SignaturesContainer, CancellationToken.None)).GetBlobClient(first.BlobName);
        var overwrite = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            new BinaryData(TestPng.Blank()),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.Equal(409, overwrite.Status);
        Assert.Equal(png, (await archive.OpenAsync(first.BlobName, CancellationToken.None))!.Content);
        Assert.Null(await archive.OpenAsync($"{ticket.Value}/round-1/missing.png", CancellationToken.None));
    }

    [Fact]
    public async Task SignatureArchive_SealsWithAPolicy_WhichTheLocalEmulatorDoesNotImplement_AndDiscardsAnUnsealedUpload()
    {
        var clients = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            NamePrefix = azurite.NewPrefix(),
            SignatureImmutabilityDays = 3650,
        }));

        var archive = new BlobSignatureArchive(clients);
        var ticket = TicketId.Create(Noon, new byte[10]);
        var stored = await archive.StoreAsync(ticket, 1, TestPng.Signature(), Noon, CancellationToken.None);
        var loser = await archive.StoreAsync(ticket, 1, TestPng.Signature(310, 120), Noon, CancellationToken.None);

        // The upload no confirmation took is removed; the winner is sealed once its confirmation is committed.
        await archive.DiscardAsync(loser.BlobName, CancellationToken.None);
        Assert.Null(await archive.OpenAsync(loser.BlobName, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => archive.SealAsync(stored, Noon, CancellationToken.None));

        // Azurite answers 501 Not Implemented for immutability policies; in Azure the container's version-level immutability takes it.
        Assert.Equal(501, refused.Status);
    }

    [Fact]
    public async Task AssignmentIndex_ListsAnEngineersTickets_WithWhenTheyWereAnnounced()
    {
        var index = new TableAssignmentIndex(TestStorage.Clients(azurite));
        var a = TicketId.Create(Noon, Enumerable.Repeat((byte)1, 10).ToArray());
        var b = TicketId.Create(Noon, Enumerable.Repeat((byte)2, 10).ToArray());
        Assert.True(await index.TryAddAsync("li", a, Noon, 2, CancellationToken.None));
        Assert.True(await index.TryAddAsync("li", b, Noon.AddMinutes(1), 2, CancellationToken.None));
        Assert.True(await index.TryAddAsync("li", b, Noon.AddMinutes(2), 2, CancellationToken.None));
        Assert.False(await index.TryAddAsync("li", TicketId.Create(Noon, new byte[10]), Noon, 2, CancellationToken.None));
        Assert.True(await index.TryAddAsync("wang", b, Noon, null, CancellationToken.None));

        await index.RemoveAsync("li", a, CancellationToken.None);
        await index.RemoveAsync("li", a, CancellationToken.None);

        var entry = Assert.Single(await index.ListAsync("li", CancellationToken.None));
        Assert.Equal(new AssignmentEntry(b, Noon.AddMinutes(1)), entry);
        Assert.Equal(["li", "wang"], (await index.ListAllAsync(CancellationToken.None)).Keys.Order());
    }

    [Fact]
    public async Task AssignmentIndex_ManyWritersForTheLastPlaces_ExactlyTheCapacityWins()
    {
        var index = new TableAssignmentIndex(TestStorage.Clients(azurite));
        var tickets = Enumerable.Range(0, 12).Select(i => TicketId.Create(Noon, Enumerable.Repeat((byte)i, 10).ToArray())).ToList();

        var results = await Task.WhenAll(tickets.Select(t => Task.Run(() => index.TryAddAsync("li", t, Noon, 3, CancellationToken.None))));

        Assert.Equal(3, results.Count(r => r));
        Assert.Equal(3, (await index.ListAsync("li", CancellationToken.None)).Count);
    }
}
