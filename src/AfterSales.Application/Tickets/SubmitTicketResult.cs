using AfterSales.Domain.Explanations;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tickets;

/// <summary>What became of a submitted request.</summary>
public abstract record SubmitTicketResult
{
    private SubmitTicketResult()
    {
    }

    /// <summary>A ticket exists for the request; <paramref name="Replayed"/> when an earlier call with the same key made it.</summary>
    public sealed record Created(Ticket Ticket, bool Replayed) : SubmitTicketResult;

    /// <summary>The request has invalid fields; nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, Explanation[]> Errors) : SubmitTicketResult;

    /// <summary>The Idempotency-Key was already used with a different request; nothing was stored.</summary>
    public sealed record KeyReused(string TicketId) : SubmitTicketResult;
}
