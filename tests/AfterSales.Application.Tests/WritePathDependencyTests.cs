using AfterSales.Testing;

namespace AfterSales.Application.Tests;

/// <summary>
/// The write path does not depend on the lifecycle orchestration: the orchestration's activities issue commands
/// through the write path, and the write path (commands, the writer, the relay, the sweeps, the staff views) knows the
/// orchestration only by its contract. Checked on the source, since the contract's constants are compiled into their
/// users and leave no reference a reflection test could see.
/// </summary>
public sealed class WritePathDependencyTests
{
    [Fact]
    public void TheWritePathAndTheRelay_KnowTheOrchestrationOnlyByItsContract()
    {
        var application = Path.Combine(GeneratedDocs.RepositoryRoot(), "src", "AfterSales.Application");
        var sources = Directory.GetFiles(Path.Combine(application, "Lifecycle"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(application, "Workflow"), "*.cs").Where(f => Path.GetFileName(f) is not ("TicketLifecycleOrchestration.cs" or "LifecycleDiagram.cs" or "TicketLifecycleContract.cs")))
            .ToList();

        Assert.Contains(sources, f => f.EndsWith("WorkflowRelay.cs", StringComparison.Ordinal));
        Assert.Contains(sources, f => f.EndsWith("TicketWriter.cs", StringComparison.Ordinal));
        var offending = sources.Where(f => File.ReadAllText(f).Contains("TicketLifecycleOrchestration", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        Assert.True(offending.Count == 0, $"These name the orchestration instead of its contract: {string.Join(", ", offending)}");
    }
}
