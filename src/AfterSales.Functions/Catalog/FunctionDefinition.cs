namespace AfterSales.Functions.Catalog;

/// <summary>One Azure Function of the app, as the Functions host sees it in <c>functions.metadata</c>.</summary>
public abstract record FunctionDefinition(string Name)
{
    /// <summary>The binding type of the function's trigger in <c>functions.metadata</c>.</summary>
    public abstract string Trigger { get; }
}

/// <summary>An HTTP-triggered function: requests on <paramref name="Route"/> (any method) reach the app's pipeline.</summary>
public sealed record HttpFunctionDefinition(string Name, string Route) : FunctionDefinition(Name)
{
    public override string Trigger => "httpTrigger";
}

/// <summary>A timer-triggered function with its 6-field NCRONTAB schedule (seconds first, UTC).</summary>
public sealed record TimerFunctionDefinition(string Name, string Schedule) : FunctionDefinition(Name)
{
    public override string Trigger => "timerTrigger";
}

/// <summary>A durable orchestrator function.</summary>
public sealed record OrchestratorFunctionDefinition(string Name) : FunctionDefinition(Name)
{
    public override string Trigger => "orchestrationTrigger";
}

/// <summary>A durable activity function.</summary>
public sealed record ActivityFunctionDefinition(string Name) : FunctionDefinition(Name)
{
    public override string Trigger => "activityTrigger";
}
