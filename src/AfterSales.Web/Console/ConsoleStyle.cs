namespace AfterSales.Web.Console;

/// <summary>The console's style classes chosen in code; the stylesheet itself is <c>wwwroot/console.css</c>.</summary>
public static class ConsoleStyle
{
    /// <summary>The badge colour of a clock in <paramref name="state"/>: on track, at risk, breached, paused (or not counted).</summary>
    public static string StateClass(AfterSales.Domain.Sla.ClockState state) => state switch
    {
        AfterSales.Domain.Sla.ClockState.Breached => "bad",
        AfterSales.Domain.Sla.ClockState.AtRisk => "warn",
        AfterSales.Domain.Sla.ClockState.Paused or AfterSales.Domain.Sla.ClockState.NotCounted => "paused",
        _ => "ok",
    };
}
