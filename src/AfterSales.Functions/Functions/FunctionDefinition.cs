namespace AfterSales.Functions.Functions;

/// <summary>One Azure Function of the app, as the Functions host sees it (one folder with a function.json).</summary>
public abstract record FunctionDefinition(string Name);

/// <summary>
/// An HTTP-triggered function. With request forwarding on, the host passes matching requests to the
/// app unchanged; only routes listed here are reachable from outside.
/// </summary>
public sealed record HttpFunctionDefinition(string Name, string Route) : FunctionDefinition(Name);

/// <summary>A timer-triggered function with its 6-field NCRONTAB schedule (seconds first, UTC).</summary>
public sealed record TimerFunctionDefinition(string Name, string Schedule) : FunctionDefinition(Name);
