using AfterSales.Domain.Explanations;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Lifecycle;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace AfterSales.Application.Customers;

/// <summary>Where a customer link stands.</summary>
public enum LinkState
{
    /// <summary>Valid, and the ticket waits for this answer.</summary>
    Ready,
    /// <summary>Not a link we made, or changed since.</summary>
    Invalid,
    /// <summary>Past its time.</summary>
    Expired,
    /// <summary>Already answered through this link (or by staff).</summary>
    Used,
    /// <summary>The ticket moved on (cancelled, reopened, a newer quote): the link no longer applies.</summary>
    Superseded,
}

/// <summary>A customer link and the ticket behind it (the ticket only when the link is genuine).</summary>
public sealed record CustomerPage(LinkState State, CustomerLink? Link, Ticket? Ticket)
{
    /// <summary>The concurrency tag of <see cref="Ticket"/> as it was read, so an answer decides on it without reading it again.</summary>
    public string? ETag { get; init; }
}

/// <summary>What became of a customer's answer.</summary>
/// <param name="Page">The link's state after the attempt (Used after a successful answer).</param>
/// <param name="Stored">True when the answer was recorded now.</param>
/// <param name="Problem">What to fix in the input (nothing stored), in words for the customer.</param>
public sealed record CustomerAnswer(CustomerPage Page, bool Stored, Explanation? Problem);

/// <summary>
/// What customers do through signed links: approve or refuse a quote, confirm the result with a rating and
/// a drawn signature. Nothing is stored for an invalid, expired, used or superseded link. A "not
/// satisfied" confirmation reopens the ticket for second handling (二次处理) in the same write.
/// </summary>
public sealed partial class CustomerActions(
    ITicketStore store,
    ICustomerCodeStore codes,
    TicketCommands commands,
    TicketWorkflow workflow,
    CustomerLinks links,
    ISignatureArchive signatures,
    TimeProvider time,
    ILogger<CustomerActions> logger)
{
    public const int MaxComment = 500;

    /// <summary>The service hotline for pages that cannot help further.</summary>
    public string? ContactPhone => links.Options.ContactPhone;

    /// <summary>The customer, as the actor of what they do through a link.</summary>
    public static Actor Customer { get; } = new("customer", StaffRoles.Customer);

    /// <summary>Checks a link — a signed token or a short code — and loads its ticket.</summary>
    public async Task<CustomerPage> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, problem) = CustomerCode.Normalize(token) is { } code
            ? await FindCodeAsync(code, cancellationToken)
            : links.Validate(token, time.GetUtcNow());
        if (link is null)
        {
            return new CustomerPage(LinkState.Invalid, null, null);
        }

        var stored = await store.GetAsync(link.Ticket, cancellationToken);
        if (stored is null)
        {
            return new CustomerPage(LinkState.Invalid, null, null);
        }

        // A device link is good only with the record of who opened it on their device.
        if (link.DeviceLink is { } sequence && !stored.Ticket.DeviceLinks.Any(d => d.Sequence == sequence))
        {
            return new CustomerPage(LinkState.Invalid, null, null);
        }

        var state = problem == LinkProblem.Expired ? LinkState.Expired : StateOf(link, stored.Ticket);
        return new CustomerPage(state, link, stored.Ticket) { ETag = stored.ETag };
    }

    /// <summary>A short code's link: its stored entry under the signing key or a previous one, and whether it has expired.</summary>
    private async Task<(CustomerLink? Link, LinkProblem? Problem)> FindCodeAsync(string code, CancellationToken cancellationToken)
    {
        foreach (var key in links.CodeKeys(code))
        {
            if (await codes.FindAsync(key, cancellationToken) is { } entry)
            {
                var link = new CustomerLink(entry.Ticket, entry.Purpose, entry.Subject, entry.ExpiresAt);
                return time.GetUtcNow() >= entry.ExpiresAt ? (link, LinkProblem.Expired) : (link, null);
            }
        }

        return (null, LinkProblem.Invalid);
    }

    /// <summary>Who opened the customer's page on their device, when the link is a device link.</summary>
    public static StaffDevice? DeviceOf(CustomerPage page) =>
        page.Link?.DeviceLink is { } sequence && page.Ticket?.DeviceLinks.FirstOrDefault(d => d.Sequence == sequence) is { } issued
            ? new StaffDevice(issued.IssuedBy, issued.IssuedAt)
            : null;

    /// <summary>Approves or refuses the quote the link names.</summary>
    public async Task<CustomerAnswer> AnswerQuoteAsync(string? token, bool approve, string? comment, CancellationToken cancellationToken)
    {
        var page = await OpenAsync(token, cancellationToken);
        if (page.State != LinkState.Ready || page.Link!.Purpose != LinkPurpose.Quote)
        {
            return new CustomerAnswer(page with { State = page.State == LinkState.Ready ? LinkState.Invalid : page.State }, false, null);
        }

        if (Clean(comment) is var (text, tooLong) && tooLong)
        {
            return new CustomerAnswer(page, false, Explanation.Of(MessageCodes.CommentTooLong, MaxComment));
        }

        var device = DeviceOf(page);
        var command = new AnswerQuote(approve, page.Link.Subject, text)
        {
            Device = device,
            Note = (approve ? "客户在线同意报价" : "客户在线拒绝报价") + (device is null ? string.Empty : $"（在服务人员 {device.IssuedBy} 的设备上）"),
        };
        return await CommitAsync(page, (ticket, now, _) => Task.FromResult(
            StateOf(page.Link, ticket) == LinkState.Ready ? workflow.Decide(ticket, command, Customer, now) : Used(ticket)), cancellationToken);
    }

    /// <summary>
    /// Confirms the round the link names: checks the signature image, stores it write-once, then records the
    /// confirmation (and, when not satisfied, the reopening the rules add) in one write.
    /// </summary>
    public async Task<CustomerAnswer> ConfirmAsync(
        string? token, ConfirmationRating rating, string? comment, byte[] signature, CancellationToken cancellationToken)
    {
        var page = await OpenAsync(token, cancellationToken);
        if (page.State != LinkState.Ready || page.Link!.Purpose != LinkPurpose.Confirm)
        {
            return new CustomerAnswer(page with { State = page.State == LinkState.Ready ? LinkState.Invalid : page.State }, false, null);
        }

        if (Clean(comment) is var (text, tooLong) && tooLong)
        {
            return new CustomerAnswer(page, false, Explanation.Of(MessageCodes.CommentTooLong, MaxComment));
        }

        if (SignatureImage.Problem(signature) is { } problem)
        {
            return new CustomerAnswer(page, false, problem);
        }

        var round = page.Link.Subject;
        var signedAt = time.GetUtcNow();
        var reference = await signatures.StoreAsync(page.Link.Ticket, round, signature, signedAt, cancellationToken);
        LogSignatureStored(logger, page.Ticket!.Number.ToString(), round, reference.BlobName, reference.Sha256);

        var device = DeviceOf(page);
        var confirm = new ConfirmResult(rating)
        {
            Comment = text,
            Signature = reference,
            Round = round,
            Device = device,
            Note = device is null ? "客户在线签字确认" : $"客户在服务人员 {device.IssuedBy} 的设备上签字确认",
        };
        var answer = await CommitAsync(page, (ticket, now, _) =>
        {
            if (StateOf(page.Link, ticket) != LinkState.Ready)
            {
                return Task.FromResult(Used(ticket));
            }

            // A rating of not satisfied reopens the ticket in the same write: the system's own step after any confirmation.
            return Task.FromResult(workflow.Decide(ticket, confirm, Customer, now));
        }, cancellationToken);

        // Exactly one request confirms a round: the winner's image is sealed. A loser's upload is removed once the
        // link is settled (used or superseded) and the round's confirmation names another image; while the link is
        // still open (a request that lost every write race) an identical signature may yet win, so it stays.
        var kept = answer.Page.Ticket?.Confirmations.Any(c => c.Round == round && c.Signature?.BlobName == reference.BlobName) == true;
        if (kept)
        {
            await signatures.SealAsync(reference, signedAt, cancellationToken);
        }
        else if (answer.Page.State != LinkState.Ready)
        {
            await signatures.DiscardAsync(reference.BlobName, cancellationToken);
        }

        return answer;
    }

    /// <summary>
    /// Records the survey of the follow-up the link names (the customer answering instead of the call); a score
    /// below the pass score reopens the ticket for a second handling in the same write.
    /// </summary>
    public async Task<CustomerAnswer> SurveyAsync(string? token, Domain.FollowUps.SurveyAnswer answer, CancellationToken cancellationToken)
    {
        var page = await OpenAsync(token, cancellationToken);
        if (page.State != LinkState.Ready || page.Link!.Purpose != LinkPurpose.Survey)
        {
            return new CustomerAnswer(page with { State = page.State == LinkState.Ready ? LinkState.Invalid : page.State }, false, null);
        }

        if (answer.Problem() is { } problem)
        {
            return new CustomerAnswer(page, false, problem.Message);
        }

        var command = new RecordSurvey(answer with { Channel = Domain.FollowUps.SurveyChannel.Link }) { Note = "客户通过短信链接完成回访问卷" };
        return await CommitAsync(page, (ticket, now, _) => Task.FromResult(
            StateOf(page.Link, ticket) == LinkState.Ready ? workflow.Decide(ticket, command, Customer, now) : Used(ticket)), cancellationToken);
    }

    /// <summary>Where the link stands against the ticket as it is now.</summary>
    public static LinkState StateOf(CustomerLink link, Ticket ticket) => link.Purpose switch
    {
        LinkPurpose.Confirm when ticket.Confirmations.Any(c => c.Round == link.Subject) => LinkState.Used,
        LinkPurpose.Confirm when ticket.Round == link.Subject && ticket.Status == TicketStatus.AwaitingConfirmation => LinkState.Ready,
        LinkPurpose.Survey when ticket.FollowUps.FirstOrDefault(f => f.Round == link.Subject) is { } followUp => followUp.Survey is not null ? LinkState.Used
            : followUp.Status == Domain.FollowUps.FollowUpStatus.Open && ticket.Status == TicketStatus.FollowUp && ticket.Round == link.Subject ? LinkState.Ready
            : LinkState.Superseded,
        LinkPurpose.Quote when ticket.Quotes.FirstOrDefault(q => q.Number == link.Subject) is { } quote => quote.Status != QuoteStatus.Pending ? LinkState.Used
            : ticket.Status == TicketStatus.WaitingForApproval && ticket.Quotes[^1].Number == quote.Number ? LinkState.Ready
            : LinkState.Superseded,
        _ => LinkState.Superseded,
    };

    private async Task<CustomerAnswer> CommitAsync(CustomerPage page, TicketDecision decide, CancellationToken cancellationToken)
    {
        var known = page is { Ticket: { } ticket, ETag: { } etag } ? new StoredTicket(ticket, etag) : null;
        var result = await commands.ExecuteAsync(page.Link!.Ticket, decide, ifMatch: null, cancellationToken, known);
        return result switch
        {
            TicketCommandResult.Done done => new CustomerAnswer(new CustomerPage(LinkState.Used, page.Link, done.Ticket.Ticket), true, null),
            TicketCommandResult.Rejected { Outcome: CommandOutcome.Invalid invalid } rejected =>
                new CustomerAnswer(page with { Ticket = rejected.Current.Ticket }, false, invalid.Message),
            TicketCommandResult.Rejected rejected => new CustomerAnswer(
                new CustomerPage(StateOf(page.Link, rejected.Current.Ticket) is var s && s == LinkState.Ready ? LinkState.Superseded : s, page.Link, rejected.Current.Ticket), false, null),
            TicketCommandResult.Busy => new CustomerAnswer(page, false, Explanation.Of(MessageCodes.Busy)),
            _ => new CustomerAnswer(page with { State = LinkState.Invalid }, false, null),
        };
    }

    private static CommandOutcome Used(Ticket ticket) => new CommandOutcome.NotAllowed(ticket.Status, TicketLifecycle.AllowedFrom(ticket.Status));

    private static (string? Text, bool TooLong) Clean(string? comment)
    {
        var text = comment?.Trim();
        return (string.IsNullOrEmpty(text) ? null : text, text?.Length > MaxComment);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Ticket {TicketNumber}: signature for round {Round} stored as {BlobName} (SHA-256 {Sha256})")]
    private static partial void LogSignatureStored(ILogger logger, string ticketNumber, int round, string blobName, string sha256);
}
