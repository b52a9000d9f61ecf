using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AfterSales.Testing.Workflow;

/// <summary>
/// An orchestration context with a virtual clock, for running an orchestrator class in milliseconds (no engine takes a
/// fake clock). Activities run at once through <c>activities</c>; timers wait until the test moves the clock
/// (<see cref="AdvanceToNextTimer"/>, <see cref="AdvanceTo"/>); events wait until the test raises them
/// (<see cref="Raise"/>), and an event raised before anyone waits is kept for the first wait, as the engine keeps it.
/// Everything completes on the test's thread, in order. The engine's own wiring, serialisation and replay are tested
/// on the real engine.
/// </summary>
public sealed class FakeOrchestrationContext(
    string name, string instanceId, DateTime startUtc, Func<TaskName, object?, Task<object?>> activities, object? input = null)
    : TaskOrchestrationContext
{
    private readonly List<(DateTime FireAt, TaskCompletionSource Done)> _timers = [];
    private readonly List<(string Name, Func<object?, bool> Deliver)> _waits = [];
    private readonly List<(string Name, object? Payload)> _buffered = [];
    private DateTime _now = startUtc;
    private object? _input = input;
    private int _guids;

    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>The activities called, in order, with their inputs.</summary>
    public List<(string Name, object? Input)> ActivityCalls { get; } = [];

    /// <summary>The custom status last set, as the engine stores it (JSON).</summary>
    public string? CustomStatus { get; private set; }

    /// <summary>Events sent to other instances.</summary>
    public List<(string InstanceId, string Name, object Payload)> SentEvents { get; } = [];

    /// <summary>The input the orchestration continued as new with, once it did.</summary>
    public object? ContinuedAsNewWith { get; private set; }

    public bool ContinuedAsNew { get; private set; }

    /// <summary>How many executions <see cref="RunAsync{TInput, TOutput}"/> has begun (one, plus one per continue-as-new).</summary>
    public int Executions { get; private set; }

    /// <summary>Told the new time before a timer fires (e.g. to move the app's clock along with the orchestration's).</summary>
    public Action<DateTime>? ClockMoved { get; set; }

    /// <summary>When the pending timers fire, earliest first.</summary>
    public IReadOnlyList<DateTime> PendingTimers => [.. _timers.Select(t => t.FireAt).Order()];

    public override T? GetInput<T>() where T : default => _input is T typed ? typed : default;

    /// <summary>
    /// Runs <paramref name="orchestrator"/> as the engine would, execution after execution while it continues as new
    /// (each new execution with the input it asked for, its unprocessed events kept); returns the last execution's output.
    /// </summary>
    public async Task<TOutput> RunAsync<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, TInput input)
    {
        _input = input;
        while (true)
        {
            Executions++;
            ContinuedAsNew = false;
            var output = await orchestrator.RunAsync(this, (TInput)_input!);
            if (!ContinuedAsNew)
            {
                return output;
            }

            _input = ContinuedAsNewWith;
        }
    }

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ActivityCalls.Add((name.Name, input));
        var result = await activities(name, input);
        return result is null ? default! : (TResult)result;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource();
        var timer = (fireAt, done);
        _timers.Add(timer);
        cancellationToken.Register(() =>
        {
            _timers.Remove(timer);
            done.TrySetCanceled(cancellationToken);
        });
        return done.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var buffered = _buffered.FindIndex(e => e.Name == eventName);
        if (buffered >= 0)
        {
            var payload = _buffered[buffered].Payload;
            _buffered.RemoveAt(buffered);
            return Task.FromResult((T)payload!);
        }

        var done = new TaskCompletionSource<T>();
        (string, Func<object?, bool>) wait = (eventName, payload => done.TrySetResult((T)payload!));
        _waits.Add(wait);
        cancellationToken.Register(() =>
        {
            _waits.Remove(wait);
            done.TrySetCanceled(cancellationToken);
        });
        return done.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => SentEvents.Add((instanceId, eventName, payload));

    public override void SetCustomStatus(object? customStatus) =>
        CustomStatus = customStatus is null ? null : JsonSerializer.Serialize(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("The product's orchestrations call no sub-orchestrations.");

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        ContinuedAsNewWith = newInput;
    }

    public override Guid NewGuid() => new(++_guids, 0, 0, new byte[8]);

    /// <summary>Delivers an event: to the first wait for it, or kept for the next one.</summary>
    public void Raise(string eventName, object? payload)
    {
        var wait = _waits.FindIndex(w => w.Name == eventName);
        if (wait < 0)
        {
            _buffered.Add((eventName, payload));
            return;
        }

        var deliver = _waits[wait].Deliver;
        _waits.RemoveAt(wait);
        deliver(payload);
    }

    /// <summary>Moves the clock to the earliest pending timer and fires it; false when none is pending.</summary>
    public bool AdvanceToNextTimer() => FireNextTimer(TimeSpan.Zero);

    /// <summary>
    /// Fires the earliest pending timer <paramref name="early"/> before its time, as the engine's timers can (queue
    /// visibility is whole seconds); false when none is pending.
    /// </summary>
    public bool FireNextTimer(TimeSpan early)
    {
        if (_timers.Count == 0)
        {
            return false;
        }

        var next = _timers.MinBy(t => t.FireAt);
        _timers.Remove(next);
        var at = next.FireAt - early;
        _now = at > _now ? at : _now;
        ClockMoved?.Invoke(_now);
        next.Done.TrySetResult();
        return true;
    }

    /// <summary>Moves the clock to <paramref name="until"/>, firing every timer due by then in order.</summary>
    public void AdvanceTo(DateTime until)
    {
        while (_timers.Count > 0 && _timers.Min(t => t.FireAt) <= until)
        {
            AdvanceToNextTimer();
        }

        _now = until > _now ? until : _now;
    }
}

/// <summary>The context an activity runs with, for calling activity classes directly.</summary>
public sealed class FakeActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
