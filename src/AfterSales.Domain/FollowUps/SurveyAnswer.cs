namespace AfterSales.Domain.FollowUps;

/// <summary>Whether the customer would buy from us again (再次购买意向).</summary>
public enum BuyAgain
{
    /// <summary>Yes.</summary>
    Yes,
    /// <summary>Perhaps.</summary>
    Maybe,
    /// <summary>No.</summary>
    No,
}

/// <summary>How the answers were given.</summary>
public enum SurveyChannel
{
    /// <summary>On the follow-up call, recorded by the agent.</summary>
    Phone,
    /// <summary>By the customer, through the signed link in the survey SMS.</summary>
    Link,
}

/// <summary>
/// The satisfaction survey (Template 4, 客户满意度调研表). Attitude, professional skill, efficiency and overall
/// satisfaction are scored 1-10; any of them below the pass score starts a second handling. Likelihood to recommend
/// is 0-10 (for NPS) and measures loyalty rather than this service, so it does not reopen the ticket; neither do
/// new problems, which are a request of their own.
/// </summary>
public sealed record SurveyAnswer
{
    /// <summary>Service attitude (服务态度), 1-10; null when not asked (a purchase follow-up has no service to rate).</summary>
    public int? Attitude { get; init; }

    /// <summary>Professional skill (专业技能), 1-10; null when not asked.</summary>
    public int? Skill { get; init; }

    /// <summary>Efficiency (处理效率), 1-10; null when not asked.</summary>
    public int? Efficiency { get; init; }

    /// <summary>Overall satisfaction (总体满意度), 1-10.</summary>
    public required int Overall { get; init; }

    /// <summary>Likelihood to recommend us (推荐意愿), 0-10.</summary>
    public int? Recommend { get; init; }

    /// <summary>True when the product works well now (产品使用状况).</summary>
    public bool? ProductWorking { get; init; }

    /// <summary>New problems the customer mentions (新问题).</summary>
    public string? NewProblems { get; init; }

    /// <summary>Interest in buying again, upgrading or referring (再次购买意向).</summary>
    public BuyAgain? BuyAgain { get; init; }

    /// <summary>Suggestions (意见建议).</summary>
    public string? Suggestions { get; init; }

    /// <summary>Who answered (受访人), e.g. the customer or a family member.</summary>
    public string? Respondent { get; init; }

    /// <summary>Phone or link.</summary>
    public SurveyChannel Channel { get; init; }

    /// <summary>The scored dimensions by name, those not asked left out.</summary>
    public IEnumerable<(string Dimension, int Score)> Scores()
    {
        if (Attitude is { } attitude)
        {
            yield return ("attitude", attitude);
        }

        if (Skill is { } skill)
        {
            yield return ("skill", skill);
        }

        if (Efficiency is { } efficiency)
        {
            yield return ("efficiency", efficiency);
        }

        yield return ("overall", Overall);
    }

    /// <summary>A dimension's Chinese name as notes and pages show it (服务态度, 专业技能, 处理效率, 总体满意度).</summary>
    public static string ChineseName(string dimension) => dimension switch
    {
        "attitude" => "服务态度",
        "skill" => "专业技能",
        "efficiency" => "处理效率",
        "overall" => "总体满意度",
        _ => dimension,
    };

    /// <summary>The dimensions scored below <paramref name="passScore"/>.</summary>
    public IReadOnlyList<string> Below(int passScore) => Scores().Where(s => s.Score < passScore).Select(s => s.Dimension).ToList();

    /// <summary>The first problem with the answers (field and message), or null when they are valid.</summary>
    public (string Field, Explanations.Explanation Message)? Problem()
    {
        foreach (var (dimension, score) in Scores())
        {
            if (score is < 1 or > 10)
            {
                return ($"survey.{dimension}", Explanations.Explanation.Of(Explanations.MessageCodes.SurveyScores));
            }
        }

        return Recommend is < 0 or > 10
            ? ("survey.recommend", Explanations.Explanation.Of(Explanations.MessageCodes.SurveyRecommend))
            : null;
    }
}
