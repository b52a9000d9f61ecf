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
}
