using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Time;

namespace AfterSales.Application.FollowUps;

/// <summary>
/// Follow-up calls and surveys (section <c>FollowUp</c>). <see cref="Agents"/> are the sign-in names of the
/// follow-up agents (回访专员) tasks are shared among, fewest open tasks first; without any, tasks wait in the
/// shared follow-up queue. <see cref="RetryAfter"/> lists the waits between unanswered calls in business time,
/// each like <c>2h</c>, <c>30m</c> or <c>1d</c> (working days).
/// </summary>
public sealed class FollowUpOptions : IValidatableObject
{
    public const string Section = "FollowUp";

    public List<string> Agents { get; set; } = [];

    public int AfterRepairDays { get; set; } = FollowUpPolicy.Default.AfterRepairDays;

    public int AfterComplaintDays { get; set; } = FollowUpPolicy.Default.AfterComplaintDays;

    public int AfterPurchaseMonths { get; set; } = FollowUpPolicy.Default.AfterPurchaseMonths;

    public List<string> RetryAfter { get; set; } = ["2h", "1d"];

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = FollowUpPolicy.Default.MaxAttempts;

    [Range(1, 10)]
    public int PassScore { get; set; } = FollowUpPolicy.Default.PassScore;

    /// <summary>The policy these options describe; throws when a wait cannot be read.</summary>
    public FollowUpPolicy ToPolicy() => new()
    {
        AfterRepairDays = AfterRepairDays,
        AfterComplaintDays = AfterComplaintDays,
        AfterPurchaseMonths = AfterPurchaseMonths,
        RetryAfter = RetryAfter.Select(Parse).ToList(),
        MaxAttempts = MaxAttempts,
        PassScore = PassScore,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bad = RetryAfter.Where(r => TryParse(r) is null).ToList();
        if (RetryAfter.Count == 0 || bad.Count > 0)
        {
            yield return new ValidationResult(
                $"FollowUp:RetryAfter needs one or more waits like 2h, 30m or 1d (working days); cannot read: {string.Join(", ", bad)}.", [nameof(RetryAfter)]);
        }

        if (AfterRepairDays < 0 || AfterComplaintDays < 0 || AfterPurchaseMonths < 0)
        {
            yield return new ValidationResult("FollowUp: AfterRepairDays, AfterComplaintDays and AfterPurchaseMonths cannot be negative.");
        }
    }

    private static TimeAllowance Parse(string text) => TryParse(text) ?? throw new ArgumentException($"FollowUp:RetryAfter '{text}' is not like 2h, 30m or 1d.");

    private static TimeAllowance? TryParse(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length < 2 || !double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return char.ToLowerInvariant(value[^1]) switch
        {
            'm' => TimeAllowance.Minutes(amount),
            'h' => TimeAllowance.Hours(amount),
            'd' when amount == Math.Floor(amount) => TimeAllowance.Days((int)amount),
            _ => null,
        };
    }
}
