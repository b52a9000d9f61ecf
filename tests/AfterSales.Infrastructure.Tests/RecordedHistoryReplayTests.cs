using AfterSales.Application.Workflow;
using AfterSales.Testing;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace AfterSales.Infrastructure.Tests;

/// <summary>
/// Versioning: histories the engine recorded for earlier versions of the lifecycle orchestration (under
/// <c>Recorded/</c>, made with <c>AFTERSALES_RECORD_HISTORY=1</c> and never regenerated) are replayed against the
/// orchestrator as it is now, the way the engine replays an execution that was in flight during a deployment. A
/// change to the order or kind of the orchestrator's calls fails here; such a change ships as a new orchestration name
/// (docs/workflow.md, "Versioning").
/// </summary>
public class RecordedHistoryReplayTests
{
    private static readonly string Folder = Path.Combine(GeneratedDocs.RepositoryRoot(), "tests", "AfterSales.Infrastructure.Tests", "Recorded");

    public static TheoryData<string> Recordings() => new(Directory.GetFiles(Folder, "TicketLifecycle.*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void ThereAreRecordings()
    {
        Assert.NotEmpty(Recordings());
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void ARecordedExecution_ReplaysOnTheCurrentOrchestrator_ToTheSameEnd(string file)
    {
        var history = Read(file);
        var recordedEnd = history.OfType<ExecutionCompletedEvent>().SingleOrDefault();

        var actions = Replay(history, new TicketLifecycleOrchestration());

        Assert.DoesNotContain(actions, a => a is OrchestrationCompleteOrchestratorAction { OrchestrationStatus: OrchestrationStatus.Failed });
        if (recordedEnd is not null)
        {
            var end = Assert.Single(actions.OfType<OrchestrationCompleteOrchestratorAction>());
            Assert.Equal(recordedEnd.OrchestrationStatus, end.OrchestrationStatus);
            Assert.Equal(recordedEnd.Result, end.Result);
        }
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void AnOrchestratorThatCallsDifferently_FailsTheReplay(string file)
    {
        // The control: proof that the replay above would notice a change that breaks in-flight executions.
        var actions = Replay(Read(file), new ActsFirst());

        var failed = Assert.Single(actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
        Assert.Contains("NonDeterministic", failed.FailureDetails?.ErrorType ?? failed.Result, StringComparison.Ordinal);
    }

    private static List<OrchestratorAction> Replay(IList<HistoryEvent> history, ITaskOrchestrator orchestrator)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = JsonDataConverter.Default }, NullLoggerFactory.Instance);
        var orchestration = shims.CreateOrchestration(new TaskName(TicketLifecycleContract.Name), orchestrator);
        var result = new TaskOrchestrationExecutor(new OrchestrationRuntimeState(history), orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
        return [.. result.Actions];
    }

    /// <summary>The provider's history JSON (event types as numbers, no type names) as typed history events.</summary>
    private static List<HistoryEvent> Read(string file)
    {
        var events = JArray.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return [.. events.Cast<JObject>().Select(e => (HistoryEvent)e.ToObject(TypeOf((EventType)e["EventType"]!.Value<int>()))!)];
    }

    private static Type TypeOf(EventType type) => type switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.GenericEvent => typeof(GenericEvent),
        _ => throw new NotSupportedException($"The recording has a {type} event, which the lifecycle orchestration does not produce."),
    };

    /// <summary>A changed orchestrator: it acts on a deadline before it has read the ticket.</summary>
    private sealed class ActsFirst : TaskOrchestrator<LifecycleInput, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, LifecycleInput input)
        {
            await context.CallActivityAsync<DeadlineResult>(TicketLifecycleOrchestration.ActOnDeadline.Name, new LifecycleDeadline(input.TicketId, Domain.Lifecycle.ProcessStep.Acceptance, context.CurrentUtcDateTime));
            return "changed";
        }
    }
}
