using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application;

/// <summary>Business settings (section <c>Business</c>).</summary>
public sealed class BusinessOptions : IValidatableObject
{
    public const string Section = "Business";

    /// <summary>IANA time zone the business day is counted in; China by default.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Prefix of ticket numbers (AS-20261123-00042).</summary>
    [Required]
    public string TicketNumberPrefix { get; set; } = "AS";

    /// <summary>How long an Idempotency-Key keeps answering with the ticket it created.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The resolved <see cref="TimeZone"/>.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Business:TimeZone '{TimeZone}' is not a known time zone (use an IANA name such as Asia/Shanghai).", [nameof(TimeZone)]);
        }

        if (!TicketNumber.IsValidPrefix(TicketNumberPrefix))
        {
            yield return new ValidationResult("Business:TicketNumberPrefix must be 1-8 upper-case letters A-Z.", [nameof(TicketNumberPrefix)]);
        }
    }
}
