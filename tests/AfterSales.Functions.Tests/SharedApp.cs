using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// One app (and durable engine) for all the tests of a class, for classes whose tests each use data of their own and
/// assert nothing about what the others stored (bad input, the SLA preview, authentication): starting and stopping
/// an app per test was most of their time. Its log scan runs when the class is done.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public AppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        App = new AppFactory(_azurite);
        _ = App.Server;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
