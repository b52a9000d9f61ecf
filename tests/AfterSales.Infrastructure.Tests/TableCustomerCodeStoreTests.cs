using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Customers;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableCustomerCodeStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AStoredCode_IsFoundByItsKeyWithOneRead_AndAnUnknownKeyFindsNothing()
    {
        var store = new TableCustomerCodeStore(TestStorage.Clients(azurite));
        var ticket = TicketId.Create(Now, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var entry = new CustomerCodeEntry(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), ticket, LinkPurpose.Survey, 2, Now.AddDays(7), Now);

        await store.AddAsync([entry], CancellationToken.None);

        Assert.Equal(entry, await store.FindAsync(entry.Key, CancellationToken.None));
        Assert.Null(await store.FindAsync(new string('0', 64), CancellationToken.None));
        Assert.Null(await store.FindAsync("x", CancellationToken.None));
    }
}
