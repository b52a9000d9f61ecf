namespace AfterSales.Domain.Lifecycle;

/// <summary>A milestone a ticket reached, in which handling round.</summary>
public sealed record MilestoneReached(Milestone Milestone, DateTimeOffset At, int Round);
