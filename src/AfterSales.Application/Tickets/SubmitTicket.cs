using AfterSales.Domain.Explanations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Tickets;

/// <summary>
/// Registers a customer request as a ticket (step 1 of the service process). The ticket and its first
/// history event are one atomic write. With an Idempotency-Key, the key is claimed first and bound to
/// the ticket id, so a retry — even after a crash between the two writes — finds or finishes the same
/// ticket instead of making a second one. A ticket the rules classify is dispatched in the same write.
/// </summary>
public sealed partial class SubmitTicket(
    ITicketStore tickets,
    ITicketNumberAllocator numbers,
    IIdempotencyStore idempotency,
    TicketIntakeValidator validator,
    TicketWorkflow workflow,
    Lifecycle.TicketCommands commands,
    Lifecycle.TicketChanges changes,
    Lifecycle.TicketWriter writer,
    IOptions<BusinessOptions> options,
    TimeProvider time,
    ILogger<SubmitTicket> logger)
{
    public const int MaxIdempotencyKeyLength = 128;

    public async Task<SubmitTicketResult> HandleAsync(
        TicketIntakeRequest request, string? idempotencyKey, Actor actor, CancellationToken cancellationToken,
        Func<Ticket, IReadOnlyList<TicketCommand>>? firstSteps = null)
    {
        // Ticket ids hold milliseconds; the receipt instant is truncated to match them exactly.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var validation = validator.Validate(request, now);
        var keyError = CheckKey(idempotencyKey);
        if (!validation.IsValid || keyError is not null)
        {
            var errors = new Dictionary<string, Explanation[]>(validation.Errors, StringComparer.Ordinal);
            if (keyError is not null)
            {
                errors["Idempotency-Key"] = [keyError];
            }

            return new SubmitTicketResult.Invalid(errors);
        }

        var intake = validation.Intake!;
        var id = NewId(now);
        if (idempotencyKey is not null)
        {
            var requestHash = Hash(JsonSerializer.Serialize(intake));
            var candidate = new IdempotencyRecord(
                Hash($"{actor.Name}\n{idempotencyKey}"), requestHash, id.Value, now, now + options.Value.IdempotencyRetention);
            var claim = await idempotency.ClaimAsync(candidate, now, cancellationToken);
            if (claim.RequestHash != requestHash)
            {
                return new SubmitTicketResult.KeyReused(claim.TicketId);
            }

            if (claim.TicketId != id.Value)
            {
                TicketId.TryParse(claim.TicketId, out id);
                var earlier = await tickets.GetAsync(id, cancellationToken);
                if (earlier is not null)
                {
                    return new SubmitTicketResult.Created(earlier.Ticket, Replayed: true);
                }

                // The first call claimed the key but never stored its ticket (crash or still running):
                // finish it under the same id, with the receipt time the first call saw.
                now = id.ReceivedAt;
            }
        }

        return await CreateAsync(id, intake, actor, now, firstSteps, cancellationToken);
    }

    private async Task<SubmitTicketResult> CreateAsync(
        TicketId id, TicketIntake intake, Actor actor, DateTimeOffset receivedAt,
        Func<Ticket, IReadOnlyList<TicketCommand>>? firstSteps, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone;
        var date = BusinessTime.LocalDate(receivedAt, zone);
        var sequence = await numbers.NextAsync(date, cancellationToken);
        var number = TicketNumber.Create(options.Value.TicketNumberPrefix, date, sequence);
        var (registered, received) = workflow.Register(id, number, intake, actor, receivedAt);
        var start = new CommandOutcome.Accepted(registered, received);
        if (firstSteps?.Invoke(registered) is { Count: > 0 } steps
            && workflow.DecideAll(registered, steps.Select(s => (s, Actor.System)), receivedAt) is CommandOutcome.Accepted planned)
        {
            start = new CommandOutcome.Accepted(planned.Ticket, [.. received, .. planned.Events]);
        }

        // A classified ticket goes straight to the best engineer (or the supervisor's queue) in the same write.
        var full = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (ticket, events) = await commands.FollowAsync(start, receivedAt, full, cancellationToken);
            var change = await changes.PlanAsync(null, ticket, events, receivedAt, cancellationToken);
            switch (await writer.ApplyAsync(change, receivedAt, cancellationToken))
            {
                case Lifecycle.TicketWrite.Full refused:
                    // The dispatcher's choice filled up meanwhile: choose again without them (nothing was stored; each
                    // round passes over one more engineer, so this ends at the supervisor's queue at the latest).
                    full.Add(refused.Key);
                    continue;
                case Lifecycle.TicketWrite.Stored:
                    LogRegistered(logger, ticket.Number.ToString(), id.Value, intake.Channel, intake.Customer.Phone.Masked, actor.Name);
                    return new SubmitTicketResult.Created(ticket, Replayed: false);
            }

            // Another call with the same Idempotency-Key finished the same ticket first.
            var winner = await tickets.GetAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Ticket {id} was reported as existing but cannot be read.");
            return new SubmitTicketResult.Created(winner.Ticket, Replayed: true);
        }
    }

    private static TicketId NewId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return TicketId.Create(now, random);
    }

    private static Explanation? CheckKey(string? key) => key switch
    {
        null => null,
        { Length: 0 } => Explanation.Of(MessageCodes.IdempotencyKeyEmpty),
        { Length: > MaxIdempotencyKeyLength } => Explanation.Of(MessageCodes.IdempotencyKeyLength, MaxIdempotencyKeyLength),
        _ when key.Any(c => c is < '!' or > '~') => Explanation.Of(MessageCodes.IdempotencyKeyCharacters),
        _ => null,
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Registered ticket {TicketNumber} ({TicketId}) from {Channel} for customer phone {MaskedPhone}, by {Actor}")]
    private static partial void LogRegistered(ILogger logger, string ticketNumber, string ticketId, Channel channel, string maskedPhone, string actor);
}
