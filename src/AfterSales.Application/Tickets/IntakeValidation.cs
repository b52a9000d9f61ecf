using AfterSales.Domain.Explanations;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tickets;

/// <summary>Either a valid intake or the errors of each invalid field (never both).</summary>
public sealed record IntakeValidation(TicketIntake? Intake, IReadOnlyDictionary<string, Explanation[]> Errors)
{
    public bool IsValid => Intake is not null;
}
