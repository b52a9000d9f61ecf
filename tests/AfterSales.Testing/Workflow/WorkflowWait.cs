using AfterSales.Application.Workflow;

namespace AfterSales.Testing.Workflow;

/// <summary>Polls an orchestration instance on a real engine until it gets somewhere.</summary>
public static class WorkflowWait
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The instance's state once <paramref name="condition"/> holds; a timeout that says where it was last seen otherwise.</summary>
    public static async Task<WorkflowState> UntilAsync(IWorkflowEngine engine, string instance, Func<WorkflowState, bool> condition)
    {
        var until = DateTimeOffset.UtcNow + Patience;
        WorkflowState? last = null;
        while (DateTimeOffset.UtcNow < until)
        {
            last = await engine.GetAsync(instance, CancellationToken.None);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{instance} did not get there in {Patience.TotalSeconds} s; last seen: {last}");
    }

    /// <summary>
    /// Completes once every alive ticket orchestration is parked — waiting on a timer that is still ahead, with nothing
    /// in its history after that — and none of them has changed for <paramref name="quiet"/> (an event just sent may
    /// not be in a history yet). <paramref name="sent"/> completes when the app has sent everything it was going to.
    /// </summary>
    public static async Task AllParkedAsync(IWorkflowEngine engine, Func<Task> sent, TimeSpan quiet)
    {
        await sent();
        var until = DateTimeOffset.UtcNow + Patience;
        var seen = string.Empty;
        var since = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < until)
        {
            var page = await engine.ListAsync(new WorkflowQuery(["Pending", "Running"], TicketLifecycleContract.InstancePrefix, 1000, null), CancellationToken.None);
            var parked = true;
            var signature = new System.Text.StringBuilder();
            foreach (var state in page.Items)
            {
                var history = await engine.GetHistoryAsync(state.InstanceId, CancellationToken.None);
                signature.Append(state.InstanceId).Append(':').Append(history.Count).Append(';');
                var waiting = history.LastOrDefault(e => e.Kind == "TimerCreated");
                parked &= waiting is { FireAt: { } fireAt } && fireAt > DateTimeOffset.UtcNow
                    && history.SkipWhile(e => e != waiting).All(e => e.Kind is "TimerCreated" or "OrchestratorCompleted");
            }

            var now = DateTimeOffset.UtcNow;
            if (!parked || signature.ToString() != seen)
            {
                seen = signature.ToString();
                since = now;
            }
            else if (now - since >= quiet)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The orchestrations were not all parked within {Patience.TotalSeconds} s.");
    }

    /// <summary>
    /// For tests on a fake clock: the engine's timers run on the real clock, so a deadline of the test's days has already
    /// fired and been told "too early by the app's clock". Once the test has moved its clock past it, this sends the
    /// instance the change event (as any change of the ticket would), waits until the instance has it, and until every
    /// orchestration is parked again.
    /// </summary>
    public static async Task NudgeAsync(IWorkflowEngine engine, Func<Task> sent, string instance)
    {
        await AllParkedAsync(engine, sent, TimeSpan.FromSeconds(1));
        var before = await RaisedAsync(engine, instance);
        await engine.RaiseEventAsync(instance, TicketLifecycleContract.Changed, 0, CancellationToken.None);
        var until = DateTimeOffset.UtcNow + Patience;
        while (await RaisedAsync(engine, instance) <= before)
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"{instance} did not receive the event within {Patience.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }

        await AllParkedAsync(engine, sent, TimeSpan.FromSeconds(1));
    }

    private static async Task<int> RaisedAsync(IWorkflowEngine engine, string instance) =>
        (await engine.GetHistoryAsync(instance, CancellationToken.None)).Count(e => e.Kind == "EventRaised");
}
