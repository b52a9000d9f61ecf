using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Classification;

/// <summary>
/// Classifies a request by rules, in order: the first matching rule that sets a type suggests type and
/// tag; the first matching rule that sets an urgency decides urgency. A type the caller stated wins over
/// the rules' suggestion (the suggestion is kept beside it, <see cref="Suggest"/>); without either the type
/// stays open for a supervisor. Without an urgency rule the customer's stated urgency, else normal.
/// </summary>
public sealed class Classifier(IReadOnlyList<ClassificationRule> rules)
{
    /// <summary>Rule name recorded when the caller's requested type is kept.</summary>
    public const string Requested = "requested";

    /// <summary>Rule name recorded when the customer's stated urgency is kept.</summary>
    public const string Stated = "stated";

    /// <summary>Rule name recorded when nothing decided the urgency.</summary>
    public const string Default = "default";

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<ClassificationRule> Rules { get; } = rules;

    /// <summary>Classifies a request: the caller's stated type when valid, else the rules' suggestion.</summary>
    public TicketClassification Classify(TicketIntake intake)
    {
        var suggestion = Suggest(intake);
        return intake.RequestedType is { } requested
            ? suggestion with
            {
                Type = requested,
                Tag = intake.RequestedTag ?? (suggestion.Type == requested ? suggestion.Tag : null),
                TypeRule = Requested,
            }
            : suggestion;
    }

    /// <summary>What the rules alone make of a request, whatever the caller stated.</summary>
    public TicketClassification Suggest(TicketIntake intake)
    {
        var typeRule = Rules.FirstOrDefault(r => r.Type is not null && r.Matches(intake));
        var urgencyRule = Rules.FirstOrDefault(r => r.Urgency is not null && r.Matches(intake));

        var (type, tag, typeSource) = typeRule is not null
            ? (typeRule.Type, typeRule.Tag ?? intake.RequestedTag, typeRule.Name)
            : ((TicketType?)null, intake.RequestedTag, (string?)null);

        var (urgency, urgencySource) = urgencyRule is not null
            ? (urgencyRule.Urgency!.Value, urgencyRule.Name)
            : intake.StatedUrgency is { } stated ? (stated, Stated) : (Urgency.Normal, Default);

        return new TicketClassification(type, tag, urgency, ClassificationSource.Rules, typeSource, urgencySource, null);
    }
}
