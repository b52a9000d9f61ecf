using AfterSales.Domain.Explanations;
using AfterSales.Application.Lifecycle;
using AfterSales.Domain.FollowUps;

namespace AfterSales.Application.FollowUps;

/// <summary>Reads a survey (template 4) from a request, naming every field that is wrong.</summary>
public static class SurveyRequests
{
    public const int MaxText = 1000;

    public static SurveyAnswer? Parse(SurveyRequest? request, FieldErrors errors, SurveyChannel channel)
    {
        if (request is null)
        {
            errors.Report("survey", MessageCodes.SurveyMissing);
            return null;
        }

        Score(errors, "survey.attitude", request.Attitude, 1);
        Score(errors, "survey.skill", request.Skill, 1);
        Score(errors, "survey.efficiency", request.Efficiency, 1);
        if (request.Overall is null)
        {
            errors.Report("survey.overall", MessageCodes.SurveyOverall);
        }

        Score(errors, "survey.overall", request.Overall, 1);
        Score(errors, "survey.recommend", request.Recommend, 0);
        BuyAgain? buyAgain = null;
        if (!string.IsNullOrWhiteSpace(request.BuyAgain))
        {
            if (EnumNames.TryParse<BuyAgain>(request.BuyAgain.Trim(), out var parsed))
            {
                buyAgain = parsed;
            }
            else
            {
                errors.Report("survey.buyAgain", MessageCodes.SurveyBuyAgain, request.BuyAgain);
            }
        }

        foreach (var (field, text) in new[] { ("newProblems", request.NewProblems), ("suggestions", request.Suggestions), ("respondent", request.Respondent) })
        {
            if (text?.Trim().Length > MaxText)
            {
                errors.Report($"survey.{field}", MessageCodes.TooLong, MaxText);
            }
        }

        if (errors.Count > 0 || request.Overall is not { } overall)
        {
            return null;
        }

        return new SurveyAnswer
        {
            Attitude = request.Attitude,
            Skill = request.Skill,
            Efficiency = request.Efficiency,
            Overall = overall,
            Recommend = request.Recommend,
            ProductWorking = request.ProductWorking,
            NewProblems = Clean(request.NewProblems),
            BuyAgain = buyAgain,
            Suggestions = Clean(request.Suggestions),
            Respondent = Clean(request.Respondent),
            Channel = channel,
        };
    }

    private static void Score(FieldErrors errors, string field, int? value, int min)
    {
        if (value is { } v && (v < min || v > 10))
        {
            errors.Report(field, MessageCodes.SurveyScore, min);
        }
    }

    /// <summary>
    /// Trimmed text without control characters (a NUL pasted into a phone's text box is not part of an answer);
    /// line breaks and tabs stay.
    /// </summary>
    private static string? Clean(string? text)
    {
        var kept = text is null ? null : new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
        return string.IsNullOrWhiteSpace(kept) ? null : kept;
    }
}
