using System.Globalization;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Notifications;

/// <summary>What one pass over a ticket's outbox did.</summary>
public sealed record SmsPass(int Sent, int Retrying, int Failed, int Kept, int Cancelled, int Deferred)
{
    public static SmsPass Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static SmsPass operator +(SmsPass a, SmsPass b) =>
        new(a.Sent + b.Sent, a.Retrying + b.Retrying, a.Failed + b.Failed, a.Kept + b.Kept, a.Cancelled + b.Cancelled, a.Deferred + b.Deferred);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sent} sent, {Kept} kept in the local outbox, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Deferred} deferred");
}

/// <summary>
/// Moves a ticket's outbox messages along: each due message is claimed with a conditional write (so two
/// workers never attempt it at once), attempted through the configured <see cref="ISmsSender"/>, and its
/// outcome recorded — sent, kept locally, retried later with exponential backoff and jitter (at least the
/// provider's Retry-After), or failed after <see cref="SmsOptions.MaxAttempts"/>. An attempt that never
/// reports back (a crash) is retried when its lease runs out, with the same repeatability id, so the
/// provider does not send it twice. The ticket's entry in the due-index always points at the next moment
/// something is to be done, so the retry sweep reads only tickets with work.
/// </summary>
public sealed partial class SmsDelivery(
    ISmsOutbox outbox,
    ISmsSender sender,
    ISmsReceiptIndex receipts,
    ISmsNumberQuota quota,
    IDueIndex due,
    ITicketStore tickets,
    IOptions<SmsOptions> options,
    IOptions<BusinessOptions> business,
    TimeProvider time,
    ILogger<SmsDelivery> logger)
{
    /// <summary>The due-index kind of SMS work.</summary>
    public const string DueKind = "sms";

    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// Handles every open message of the ticket that is due now, then points the due-index at the next
    /// moment something is due and removes the entry at <paramref name="handled"/> that brought us here.
    /// </summary>
    public async Task<SmsPass> DeliverAsync(TicketId ticket, DateTimeOffset? handled, CancellationToken cancellationToken)
    {
        var pass = SmsPass.Empty;
        Ticket? current = null;
        DateTimeOffset? next = null;
        foreach (var stored in await outbox.ListAsync(ticket, cancellationToken))
        {
            if (!stored.Message.IsOpen)
            {
                continue;
            }

            // Only messages that a later change can make pointless need the ticket read.
            if (stored.Message.Kind is NotificationKind.VisitReminder or NotificationKind.QuoteApproval or NotificationKind.ResultConfirmation
                or NotificationKind.ConfirmationReminder or NotificationKind.SurveyInvitation or NotificationKind.JobOffered)
            {
                current ??= (await tickets.GetAsync(ticket, cancellationToken))?.Ticket;
            }

            var (message, step) = await HandleAsync(stored, current, cancellationToken);
            pass += step;
            if (message.NextLookAt is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        if (next is { } nextAt && nextAt != handled)
        {
            await due.ScheduleAsync(DueKind, nextAt, ticket, cancellationToken);
        }

        if (handled is { } entry && entry != next)
        {
            await due.RemoveAsync(new DueEntry(DueKind, entry, ticket), cancellationToken);
        }

        return pass;
    }

    /// <summary>Records a delivery report from the provider (delivered or not) on the message the tag names.</summary>
    public async Task<DeliveryReportOutcome> ReportAsync(SmsDeliveryReport report, CancellationToken cancellationToken)
    {
        if (!SmsMessage.TryParseTag(report.Tag, out var ticket, out var key))
        {
            return DeliveryReportOutcome.Unknown;
        }

        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var stored = await outbox.GetAsync(ticket, key, cancellationToken);
            if (stored is null)
            {
                return DeliveryReportOutcome.Unknown;
            }

            var message = stored.Message;
            if (message.Status is SmsStatus.Delivered || (message.Status is SmsStatus.Failed && !report.Delivered))
            {
                return DeliveryReportOutcome.AlreadyKnown;
            }

            var updated = (report.Delivered
                    ? message with { Status = SmsStatus.Delivered, DeliveredAt = report.At, Error = null }
                    : message with { Status = SmsStatus.Failed, Error = $"Not delivered: {report.Status} {report.Details}".Trim(), ErrorCode = report.Status })
                with
                {
                    ProviderMessageId = message.ProviderMessageId ?? report.ProviderMessageId,
                    SentAt = message.SentAt ?? report.At,
                    LeaseUntil = null,
                };
            updated = updated.With(report.At, report.Delivered ? "delivered" : "undelivered", $"{report.Status} {report.Details}".Trim());
            await outbox.PublishAsync(updated, cancellationToken);
            if (await outbox.TryReplaceAsync(updated, stored.ETag, cancellationToken) is not null)
            {
                if (!report.Delivered)
                {
                    LogUndelivered(logger, message.TicketNumber, message.Key, message.MaskedTo, report.Status, report.Details);
                }

                return report.Delivered ? DeliveryReportOutcome.Delivered : DeliveryReportOutcome.Undelivered;
            }
        }

        throw new InvalidOperationException($"The delivery report for {report.Tag} lost {MaxWriteAttempts} write races in a row.");
    }

    private async Task<(SmsMessage Message, SmsPass Step)> HandleAsync(StoredSms stored, Ticket? ticket, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = stored.Message;
        // A message no longer wanted is cancelled at once, even while it waits (quiet hours, a retry): not sent later.
        if (message.LeaseUntil is not { } lease || lease <= now)
        {
            if (NotWanted(message, ticket, now) is { } reason)
            {
                var cancelled = message with { Status = SmsStatus.Cancelled, LeaseUntil = null };
                return await SaveAsync(stored, cancelled.With(now, "cancelled", reason), SmsPass.Empty with { Cancelled = 1 }, cancellationToken);
            }
        }

        if (message.NextLookAt > now)
        {
            // Not yet due: make sure staff can see it. An attempt under way elsewhere publishes its own outcome, perhaps
            // already: publishing the state read here could put "sending" back over "sent".
            if (message.LeaseUntil is not { } held || held <= now)
            {
                await outbox.PublishAsync(message, cancellationToken);
            }

            return (message, SmsPass.Empty);
        }

        var quiet = options.Value.Quiet;
        if (message.Proactive && !message.Urgent && quiet.NextAllowed(now, business.Value.Zone) is var allowed && allowed > now)
        {
            var deferred = message with { Status = SmsStatus.Pending, NextAttemptAt = allowed, LeaseUntil = null };
            return await SaveAsync(stored, deferred.With(now, "deferred", $"quiet hours {quiet}: waits until {allowed:O}"), SmsPass.Empty with { Deferred = 1 }, cancellationToken);
        }

        // Claim the attempt: a second worker reading the same row loses this write and leaves the message alone.
        var attempt = message.Attempts + 1;
        var claimed = (message with
        {
            Status = SmsStatus.Sending,
            Attempts = attempt,
            FirstAttemptAt = message.FirstAttemptAt ?? now,
            LeaseUntil = now + options.Value.AttemptLease,
            // Taking over an attempt that never reported back: the provider may have its message.
            AnswerLostAt = message.Status == SmsStatus.Sending ? message.AnswerLostAt ?? now : message.AnswerLostAt,
        }).With(now, "attempt", string.Create(CultureInfo.InvariantCulture, $"{attempt} of {options.Value.MaxAttempts} via {sender.NameFor(message.To)}"));
        var claimTag = await outbox.TryReplaceAsync(claimed, stored.ETag, cancellationToken);
        if (claimTag is null)
        {
            var fresh = await outbox.GetAsync(message.Ticket, message.Key, cancellationToken);
            return (fresh?.Message ?? message, SmsPass.Empty);
        }

        // A message's first attempt takes one of its number's sends for the day; none left, it waits for tomorrow.
        if (attempt == 1 && options.Value is { SendsForReal: true, PerNumberDailyLimit: > 0 } limited
            && !await quota.TryTakeAsync(message.To, Today(now), limited.PerNumberDailyLimit, cancellationToken))
        {
            var tomorrow = limited.Quiet.NextAllowed(NextDayStarts(now), business.Value.Zone);
            var held = message with { Status = SmsStatus.Pending, NextAttemptAt = tomorrow, LeaseUntil = null }; // no attempt was made
            var reason = string.Create(CultureInfo.InvariantCulture, $"{limited.PerNumberDailyLimit} messages went to this number today (Sms:PerNumberDailyLimit): waits until {tomorrow:O}");
            return await SaveAsync(new StoredSms(claimed, claimTag), held.With(now, "deferred", reason), SmsPass.Empty with { Deferred = 1 }, cancellationToken);
        }

        // An earlier attempt may have reached the provider without our knowing (its answer lost, its worker gone): a
        // provider that does not recognise repeats is asked first, so the customer never gets the message twice.
        var found = message.Attempts > 0 ? await FindSentAsync(claimed, cancellationToken) : null;
        if (found is null && claimed.AnswerLostAt is { } lost && sender.RecordsLagBehind(message.To) is { } lag && now < lost + lag)
        {
            // Not in the provider's records yet, but they lag behind its sends: sending now could send it twice.
            var until = lost + lag;
            var waiting = message with { Status = SmsStatus.Pending, NextAttemptAt = until, LeaseUntil = null, AnswerLostAt = lost };
            var why = string.Create(CultureInfo.InvariantCulture, $"Not in {sender.NameFor(message.To)}'s records yet, which can lag behind a send whose answer was lost: not sent again before {until:O}.");
            return await SaveAsync(new StoredSms(claimed, claimTag), waiting.With(now, "retry", why), SmsPass.Empty with { Retrying = 1 }, cancellationToken);
        }

        var result = found ?? await AttemptAsync(claimed, cancellationToken);
        var after = time.GetUtcNow();
        var (outcome, step) = Apply(claimed, result, after);
        LogAttempt(logger, message.TicketNumber, message.Key, message.MaskedTo, attempt, outcome.Status, outcome.Error ?? string.Empty);
        var saved = await SaveAsync(new StoredSms(claimed, claimTag), outcome, step, cancellationToken);
        if (result is SmsSendResult.Accepted { ProviderMessageId: { } id } && sender.ReceiptsNameOnlyTheProviderId(message.To))
        {
            // The provider's receipts name only its id: index it, and take a receipt that came before this record.
            var provider = sender.NameFor(message.To);
            await receipts.RecordAsync(provider, id, message.Tag, cancellationToken);
            if (await receipts.TakeHeldAsync(provider, id, cancellationToken) is { } held)
            {
                await ReportAsync(held with { Tag = message.Tag }, cancellationToken);
            }
        }

        return saved;
    }

    private async Task<SmsSendResult?> FindSentAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            return await sender.FindSentAsync(Request(message), timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The provider cannot tell now: sending again could double the message, so wait for the next attempt.
            return new SmsSendResult.Retry($"Could not check with the provider whether the earlier attempt went out: {e.Message}", null);
        }
    }

    private static SmsSendRequest Request(SmsMessage message) =>
        new(message.To, message.Text, message.RepeatabilityRequestId, message.FirstAttemptAt!.Value, message.Tag)
        {
            Kind = message.Kind,
            Parameters = message.Parameters,
        };

    private async Task<SmsSendResult> AttemptAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            return await sender.SendAsync(Request(message), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SmsSendResult.Retry($"No answer within {options.Value.RequestTimeout.TotalSeconds:0} s.", null, AnswerLost: true);
        }
        catch (HttpRequestException e)
        {
            // A connection never made sent nothing; one broken while the answer was awaited may have.
            return new SmsSendResult.Retry($"No connection to the provider: {e.Message}", null, AnswerLost: e.HttpRequestError != HttpRequestError.ConnectionError);
        }
    }

    private (SmsMessage Message, SmsPass Step) Apply(SmsMessage message, SmsSendResult result, DateTimeOffset now)
    {
        var settings = options.Value;
        switch (result)
        {
            case SmsSendResult.Accepted accepted:
                return ((message with { Status = SmsStatus.Sent, SentAt = now, ProviderMessageId = accepted.ProviderMessageId, Provider = sender.NameFor(message.To), LeaseUntil = null, Error = null })
                    .With(now, "accepted", accepted.ProviderMessageId ?? accepted.Detail), SmsPass.Empty with { Sent = 1 });
            case SmsSendResult.Kept:
                return ((message with { Status = SmsStatus.Local, SentAt = now, Provider = sender.NameFor(message.To), LeaseUntil = null, Error = null })
                    .With(now, "kept", "No SMS provider is configured: kept in the local outbox."), SmsPass.Empty with { Kept = 1 });
            case SmsSendResult.Rejected rejected:
                return ((message with { Status = SmsStatus.Failed, Provider = sender.NameFor(message.To), LeaseUntil = null, Error = rejected.Error, ErrorCode = rejected.Code })
                    .With(now, "failed", rejected.Error), SmsPass.Empty with { Failed = 1 });
            case SmsSendResult.Retry retry when message.Attempts >= settings.MaxAttempts:
                var error = string.Create(CultureInfo.InvariantCulture, $"Gave up after {message.Attempts} attempts; the last said: {retry.Error}");
                return ((message with { Status = SmsStatus.Failed, Provider = sender.NameFor(message.To), LeaseUntil = null, Error = error })
                    .With(now, "failed", error), SmsPass.Empty with { Failed = 1 });
            case SmsSendResult.Retry retry:
                var wait = Backoff(message.Attempts, settings, Random.Shared.NextDouble());
                if (retry.RetryAfter is { } asked && asked > wait)
                {
                    wait = asked;
                }

                var at = now + wait;
                return ((message with
                        {
                            Status = SmsStatus.Pending, NextAttemptAt = at, Provider = sender.NameFor(message.To), LeaseUntil = null, Error = retry.Error,
                            AnswerLostAt = retry.AnswerLost ? message.AnswerLostAt ?? now : message.AnswerLostAt,
                        })
                    .With(now, "retry", $"{retry.Error} Next attempt at {at:O}."), SmsPass.Empty with { Retrying = 1 });
            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    /// <summary>The business day <paramref name="now"/> falls on.</summary>
    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, business.Value.Zone).DateTime);

    /// <summary>The start of the business day after <paramref name="now"/>'s.</summary>
    private DateTimeOffset NextDayStarts(DateTimeOffset now)
    {
        var midnight = Today(now).AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, business.Value.Zone.GetUtcOffset(midnight));
    }

    /// <summary>
    /// The wait after attempt <paramref name="attempts"/>: <see cref="SmsOptions.FirstRetryAfter"/> doubled per attempt,
    /// capped at <see cref="SmsOptions.MaxRetryAfter"/>, scaled by 0.75–1.25 from <paramref name="random"/> (0–1) so
    /// messages that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int attempts, SmsOptions settings, double random)
    {
        var doubled = settings.FirstRetryAfter.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = Math.Min(doubled, settings.MaxRetryAfter.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.75 + (0.5 * random)));
    }

    /// <summary>Why a message is no longer worth sending, or null while it is.</summary>
    private static string? NotWanted(SmsMessage message, Ticket? ticket, DateTimeOffset now)
    {
        if (ticket is null)
        {
            return null;
        }

        return message.Kind switch
        {
            NotificationKind.VisitReminder when ticket.Appointment?.From != message.AppointmentFrom => "The appointment changed.",
            NotificationKind.VisitReminder when ticket.Status is not (TicketStatus.Assigned or TicketStatus.Accepted) => $"The ticket is {EnumNames.Name(ticket.Status)}; the visit needs no reminder.",
            NotificationKind.VisitReminder when now >= message.AppointmentFrom => "The visit time has come.",
            NotificationKind.QuoteApproval when ticket.Status != TicketStatus.WaitingForApproval => "The quote was answered meanwhile.",
            NotificationKind.ResultConfirmation or NotificationKind.ConfirmationReminder when ticket.Status != TicketStatus.AwaitingConfirmation
                => "The result was confirmed meanwhile.",
            NotificationKind.SurveyInvitation when ticket.CurrentFollowUp is not { Status: FollowUpStatus.Open }
                => "The follow-up is over (survey answered, calls finished or ticket closed).",
            NotificationKind.JobOffered when ticket.Status != TicketStatus.Assigned || ticket.AssignedTo != message.OfferedTo || ticket.Dispatch.AcceptBy != message.AcceptBy
                => "The offer was answered or withdrawn.",
            NotificationKind.JobOffered when now >= message.AcceptBy => "The offer lapsed before the message could go.",
            _ => null,
        };
    }

    /// <summary>Writes the message's new state: the staff log first, then the row (on a lost race, onto the fresh row).</summary>
    private async Task<(SmsMessage, SmsPass)> SaveAsync(StoredSms stored, SmsMessage updated, SmsPass step, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            await outbox.PublishAsync(updated, cancellationToken);
            if (await outbox.TryReplaceAsync(updated, stored.ETag, cancellationToken) is not null)
            {
                return (updated, step);
            }

            // Only a delivery report writes a row another worker has claimed: keep its verdict, add what the attempt learned.
            var fresh = await outbox.GetAsync(updated.Ticket, updated.Key, cancellationToken);
            if (fresh is null || fresh.Message.Attempts != updated.Attempts || fresh.Message.IsOpen)
            {
                // Another attempt under way publishes its own outcome, perhaps already: "sending" must not go back over it.
                if (fresh is not null && fresh.Message.Status != SmsStatus.Sending)
                {
                    await outbox.PublishAsync(fresh.Message, cancellationToken);
                }

                return (fresh?.Message ?? updated, SmsPass.Empty);
            }

            stored = fresh;
            updated = fresh.Message with
            {
                ProviderMessageId = fresh.Message.ProviderMessageId ?? updated.ProviderMessageId,
                Provider = updated.Provider,
                SentAt = fresh.Message.SentAt ?? updated.SentAt,
                Steps = [.. fresh.Message.Steps, .. updated.Steps.Skip(fresh.Message.Steps.Count)],
            };
        }

        throw new InvalidOperationException($"SMS {updated.Tag} lost {MaxWriteAttempts} write races in a row.");
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: SMS {Key} to {MaskedPhone}, attempt {Attempt}: {Status}. {Error}")]
    private static partial void LogAttempt(ILogger logger, string ticketNumber, string key, string maskedPhone, int attempt, SmsStatus status, string error);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
        Message = "Ticket {TicketNumber}: SMS {Key} to {MaskedPhone} was not delivered: {Status} {Details}")]
    private static partial void LogUndelivered(ILogger logger, string ticketNumber, string key, string maskedPhone, string status, string? details);
}

/// <summary>A provider's delivery report for one message.</summary>
/// <param name="Tag">The tag the message was sent with.</param>
/// <param name="ProviderMessageId">The provider's message id.</param>
/// <param name="Delivered">True when it reached the handset.</param>
/// <param name="Status">The provider's word (<c>Delivered</c>, <c>Failed</c>, …).</param>
/// <param name="Details">The provider's explanation.</param>
/// <param name="At">When the report was made.</param>
public sealed record SmsDeliveryReport(string? Tag, string? ProviderMessageId, bool Delivered, string Status, string? Details, DateTimeOffset At);

/// <summary>What a delivery report did.</summary>
public enum DeliveryReportOutcome
{
    Delivered,
    Undelivered,
    AlreadyKnown,
    Unknown,
}
