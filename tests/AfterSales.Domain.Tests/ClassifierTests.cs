using AfterSales.Domain.Classification;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Workflows;

namespace AfterSales.Domain.Tests;

public sealed class ClassifierTests
{
    private static readonly Classifier Classifier = new(Rules);

    // what it exercises | symptom | stated urgency | channel | requested type | type | urgency | type rule | urgency rule
    public static TheoryData<string, string, Urgency?, Channel, TicketType?, TicketType?, Urgency, string?, string> Cases => new()
    {
        { "Chinese urgent keyword and fault", "机器停机了", null, Channel.Phone, null, TicketType.Repair, Urgency.Urgent, "repair-hardware", "urgent-down" },
        { "English keyword, any case", "Smoke from the unit", null, Channel.Email, null, null, Urgency.Urgent, null, "urgent-down" },
        { "complaint before fault", "投诉：冒烟后没人来修", null, Channel.Phone, null, TicketType.Complaint, Urgency.Urgent, "complaint", "urgent-down" },
        { "caller's type kept when no rule decides", "想了解延保", null, Channel.Phone, TicketType.Consultation, TicketType.Consultation, Urgency.Normal, Classifier.Requested, Classifier.Default },
        { "stated urgency kept when no rule decides", "不制冷", Urgency.Routine, Channel.Phone, null, TicketType.Repair, Urgency.Routine, "repair-hardware", Classifier.Stated },
        { "rule beats stated urgency", "设备冒烟", Urgency.Routine, Channel.Phone, null, TicketType.Repair, Urgency.Urgent, "repair-hardware", "urgent-down" },
        { "field-only rule by channel", "随便问问", null, Channel.Web, null, TicketType.Consultation, Urgency.Normal, "web-consultation", Classifier.Default },
        { "stated type wins over a keyword rule", "投诉：冒烟后没人来修", null, Channel.Phone, TicketType.FollowUp, TicketType.FollowUp, Urgency.Urgent, Classifier.Requested, "urgent-down" },
        { "stated type agrees with the rule", "不制冷", null, Channel.Phone, TicketType.Repair, TicketType.Repair, Urgency.Normal, Classifier.Requested, Classifier.Default },
        { "nothing matches: unclassified, normal", "随便问问", null, Channel.Phone, null, null, Urgency.Normal, null, Classifier.Default },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify(string exercises, string symptom, Urgency? stated, Channel channel, TicketType? requested,
        TicketType? type, Urgency urgency, string? typeRule, string urgencyRule)
    {
        var result = Classifier.Classify(Intake(symptom, stated, channel, requested: requested));

        Assert.True((type, urgency, typeRule, urgencyRule) == (result.Type, result.Urgency, result.TypeRule, result.UrgencyRule),
            $"{exercises}: got {result}");
        Assert.Equal(ClassificationSource.Rules, result.Source);
    }

    [Fact]
    public void Suggest_KeepsWhatTheRulesSaid_BesideAStatedType()
    {
        var intake = Intake("投诉：冒烟后没人来修", null, Channel.Phone, requested: TicketType.FollowUp);

        var suggestion = Classifier.Suggest(intake);

        Assert.Equal((TicketType.Complaint, "complaint"), (suggestion.Type!.Value, suggestion.TypeRule!));
        Assert.Equal(TicketType.FollowUp, Classifier.Classify(intake).Type);
    }
}
