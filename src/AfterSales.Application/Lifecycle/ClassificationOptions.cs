using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Classification;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Lifecycle;

/// <summary>
/// Classification rules (section <c>Classification</c>), tried in order. Without <c>Classification:Rules</c>
/// the built-in rules apply (<see cref="DefaultClassificationRules"/>); with it, the list replaces them.
/// </summary>
public sealed class ClassificationOptions : IValidatableObject
{
    public const string Section = "Classification";

    public List<ClassificationRuleOptions> Rules { get; set; } = [];

    public IReadOnlyList<ClassificationRule> ToRules() =>
        Rules.Count == 0 ? DefaultClassificationRules.All : Rules.Select(r => r.ToRule()).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                yield return new ValidationResult($"Classification:Rules:{i}:Name is required.");
            }

            if (rule.Type is null && rule.Urgency is null)
            {
                yield return new ValidationResult($"Classification:Rules:{i} ('{rule.Name}') sets neither Type nor Urgency.");
            }

            if (rule.Keywords.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"Classification:Rules:{i} ('{rule.Name}') has an empty keyword.");
            }
        }

        foreach (var duplicate in Rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Classification:Rules has the name '{duplicate.Key}' twice.");
        }
    }
}

/// <summary>One configured classification rule.</summary>
public sealed class ClassificationRuleOptions
{
    public string Name { get; set; } = string.Empty;
    public List<string> Keywords { get; set; } = [];
    public TicketType? Type { get; set; }
    public string? Tag { get; set; }
    public Urgency? Urgency { get; set; }
    public List<Channel> Channels { get; set; } = [];
    public List<WarrantyStatus> Warranty { get; set; } = [];

    public ClassificationRule ToRule() => new(Name, Keywords, Type, Tag, Urgency, Channels, Warranty);
}
