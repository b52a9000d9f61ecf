using Xunit.Abstractions;

[assembly: TestCollectionOrderer("AfterSales.Functions.Tests.SlowestFirst", "AfterSales.Functions.Tests")]

namespace AfterSales.Functions.Tests;

/// <summary>
/// Test classes run two at a time; starting the longest first keeps one long class from running alone at the end
/// (longest-first is the classic rule for the shortest finish). The order is by measured time, longest first; the
/// rest follow by name. An order only: every collection runs whatever its place.
/// </summary>
public sealed class SlowestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        ProcessCollection.Name, "ConsoleWalkBrowserTests", "InputFuzzTests", "HealthApiTests", "TicketIntakeApiTests", "SmsOutboxTests",
        "TicketLifecycleApiTests", "DispatchApiTests", "TicketListApiTests", "CustomerPagesApiTests", "ConsoleTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Rank(c.DisplayName))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string displayName)
    {
        var rank = Array.FindIndex(Longest, name => displayName == name || displayName.EndsWith("." + name, StringComparison.Ordinal));
        return rank < 0 ? Longest.Length : rank;
    }
}
