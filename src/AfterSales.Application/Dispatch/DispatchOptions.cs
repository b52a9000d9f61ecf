using System.ComponentModel.DataAnnotations;

namespace AfterSales.Application.Dispatch;

/// <summary>Dispatch settings (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions : IValidatableObject
{
    public const string Section = "Dispatch";

    /// <summary>How long an engineer has to accept or decline an offer (default 30 minutes).</summary>
    public TimeSpan AcceptWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The same for urgent tickets (default 10 minutes).</summary>
    public TimeSpan UrgentAcceptWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many runner-up candidates are written to the history beside the choice.</summary>
    [Range(0, 20)]
    public int CandidatesRecorded { get; set; } = 5;

    /// <summary>
    /// How long a department's settings and engineers, once read, serve later dispatches (default 15 seconds; zero reads
    /// them every time). A change made on another instance reaches this one's dispatching within that time.
    /// </summary>
    public TimeSpan TeamCacheFor { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AcceptWithin <= TimeSpan.Zero || AcceptWithin > TimeSpan.FromDays(2))
        {
            yield return new ValidationResult("Dispatch:AcceptWithin must be between 00:00:01 and 2.00:00:00.", [nameof(AcceptWithin)]);
        }

        if (UrgentAcceptWithin <= TimeSpan.Zero || UrgentAcceptWithin > AcceptWithin)
        {
            yield return new ValidationResult("Dispatch:UrgentAcceptWithin must be positive and no longer than Dispatch:AcceptWithin.", [nameof(UrgentAcceptWithin)]);
        }

        if (TeamCacheFor < TimeSpan.Zero || TeamCacheFor > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Dispatch:TeamCacheFor must be between 00:00:00 (off) and 00:05:00.", [nameof(TeamCacheFor)]);
        }
    }
}
