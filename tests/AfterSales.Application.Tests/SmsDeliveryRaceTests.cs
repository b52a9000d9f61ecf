using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using AfterSales.Testing.InMemory;

namespace AfterSales.Application.Tests;

/// <summary>
/// Two workers can look at one ticket's messages at once (the dispatcher woken by two quick changes, or the dispatcher
/// and the retry sweep). The staff SMS log must end with the newest state, whoever looked last.
/// </summary>
public sealed class SmsDeliveryRaceTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryApp _app = new(Monday);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AWorkerThatFindsAnAttemptUnderWayElsewhere_DoesNotPutItsOlderStateOverTheLog()
    {
        var created = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None);
        var ticket = Assert.IsType<SubmitTicketResult.Created>(created).Ticket;
        var stored = Assert.Single(await _app.Tickets.ListAsync(ticket.Id, CancellationToken.None));

        // Another worker claimed the message, sent it and published "sent"; it has not replaced the row yet.
        var now = _app.Time.GetUtcNow();
        var claimed = stored.Message with { Status = SmsStatus.Sending, Attempts = 1, FirstAttemptAt = now, LeaseUntil = now + TimeSpan.FromMinutes(2) };
        Assert.NotNull(await _app.Tickets.TryReplaceAsync(claimed, stored.ETag, CancellationToken.None));
        await _app.Tickets.PublishAsync(claimed with { Status = SmsStatus.Sent, SentAt = now, LeaseUntil = null }, CancellationToken.None);

        // This worker reads the row as "sending" under a lease: it leaves the message, and the log, alone.
        var pass = await _app.Get<SmsDelivery>().DeliverAsync(ticket.Id, null, CancellationToken.None);

        Assert.Equal(SmsPass.Empty, pass);
        Assert.Empty(_app.Sms.Sent);
        Assert.Equal(SmsStatus.Sent, _app.Tickets.Logged(ticket.Id, stored.Message.Key)!.Status);
    }

    [Fact]
    public async Task AWorkerThatLosesItsOutcomeWriteToAnotherAttempt_LeavesTheLogToThatAttempt()
    {
        var created = await _app.Get<SubmitTicket>().HandleAsync(TicketIntakeValidatorTests.ValidRequest(), null, new Actor("agent-li", StaffRoles.Agent), CancellationToken.None);
        var ticket = Assert.IsType<SubmitTicketResult.Created>(created).Ticket;
        var key = Assert.Single(await _app.Tickets.ListAsync(ticket.Id, CancellationToken.None)).Message.Key;

        // While this worker's attempt is with the provider, its lease looks run out to a second worker (the clock moved on),
        // which claims the message again, sends it and publishes "sent" before it replaces the row.
        _app.Sms.WhileSending = async _ =>
        {
            _app.Sms.WhileSending = null;
            var held = (await _app.Tickets.GetAsync(ticket.Id, key, CancellationToken.None))!;
            var now = _app.Time.GetUtcNow();
            var second = held.Message with { Attempts = 2, LeaseUntil = now + TimeSpan.FromMinutes(2) };
            Assert.NotNull(await _app.Tickets.TryReplaceAsync(second, held.ETag, CancellationToken.None));
            await _app.Tickets.PublishAsync(second with { Status = SmsStatus.Sent, SentAt = now, LeaseUntil = null }, CancellationToken.None);
        };

        await _app.Get<SmsDelivery>().DeliverAsync(ticket.Id, null, CancellationToken.None);

        // This worker's write lost: the row is the second attempt's, still "sending". The log is not put back to "sending".
        Assert.Equal(SmsStatus.Sending, (await _app.Tickets.GetAsync(ticket.Id, key, CancellationToken.None))!.Message.Status);
        Assert.Equal(SmsStatus.Sent, _app.Tickets.Logged(ticket.Id, key)!.Status);
    }
}
