using AfterSales.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The tests that start, kill and restart the app as real processes: they run one after another (their timing is
/// the point), while the other test classes — each with the shared emulator as a class fixture — run in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Processes";
}
