namespace AfterSales.Domain.Tickets;

/// <summary>The problem in the customer's words (问题描述).</summary>
/// <param name="Symptom">What happens (故障现象).</param>
/// <param name="Frequency">How often it happens (发生频率).</param>
/// <param name="AlreadyTried">What the customer already tried (已尝试的解决方法).</param>
public sealed record ProblemDescription(string Symptom, string? Frequency, string? AlreadyTried);
