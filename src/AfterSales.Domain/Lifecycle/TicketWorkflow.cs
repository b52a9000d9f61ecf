using AfterSales.Domain.Classification;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Lifecycle.CommandOutcome;

namespace AfterSales.Domain.Lifecycle;

/// <summary>
/// Decides what a command does to a ticket: checks it against the lifecycle table and the caller's
/// role, then returns the new snapshot and the events that explain it (status change, who, when, why,
/// and every SLA clock started, paused, resumed, stopped or replanned). Pure: the caller stores the
/// result in one atomic write.
/// </summary>
public sealed class TicketWorkflow(SlaClocks clocks, Classifier classifier, FollowUpPolicy? followUps = null, ConsentPolicy? consent = null)
{
    /// <summary>How far staff may act for the customer.</summary>
    public ConsentPolicy Consent { get; } = consent ?? ConsentPolicy.Default;

    /// <summary>How much earlier than the request's arrival a visit's start may be recorded (clocks of phones differ).</summary>
    public static readonly TimeSpan VisitTolerance = TimeSpan.FromMinutes(5);

    /// <summary>When follow-ups are due and how calls are retried.</summary>
    public FollowUpPolicy FollowUps { get; } = followUps ?? FollowUpPolicy.Default;

    /// <summary>The clock arithmetic (policy and calendar).</summary>
    public SlaClocks Clocks { get; } = clocks;

    /// <summary>The intake classifier.</summary>
    public Classifier Classifier { get; } = classifier;

    /// <summary>
    /// Registers a request: the received ticket, classified by the rules (status
    /// <see cref="TicketStatus.Classified"/> when they decide the type), with its clocks started.
    /// </summary>
    public (Ticket Ticket, IReadOnlyList<TicketEvent> Events) Register(
        TicketId id, TicketNumber number, TicketIntake intake, Actor actor, DateTimeOffset now)
    {
        var (ticket, received) = Ticket.Receive(id, number, intake, actor, now, Clocks.Calendar.Zone);
        var computed = Classifier.Classify(intake);
        var suggested = Classifier.Suggest(intake);
        ticket = ticket with { Classification = computed, ComputedClassification = suggested };

        var changes = new List<ClockChange>();
        ticket = Reach(ticket, Milestone.Contacted, intake.ContactedAt is { } contacted && contacted < now ? contacted : now, changes);
        ticket = Reach(ticket, Milestone.Registered, now, changes);
        var events = new List<TicketEvent> { received with { Data = received.Data with { Clocks = changes } } };
        if (computed.Type is not null)
        {
            ticket = ticket with { Status = TicketStatus.Classified, Version = 2 };
            events.Add(new TicketEvent(2, now, Actor.System, ClassifiedEvent(computed) with
            {
                From = TicketStatus.Received,
                To = TicketStatus.Classified,
                Note = computed.TypeRule == Classification.Classifier.Requested && suggested.Type is { } rule && rule != computed.Type
                    ? $"Type as stated by the caller; the rules suggested {rule} ({suggested.TypeRule}). Urgency {computed.UrgencyRule}."
                    : $"Matched rules: type {computed.TypeRule}, urgency {computed.UrgencyRule}.",
            }));
        }

        return (ticket, events);
    }

    /// <summary>Decides a command at <paramref name="now"/>.</summary>
    public CommandOutcome Decide(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now)
    {
        var transition = TicketLifecycle.Find(ticket.Status, command.Kind);
        if (transition is null)
        {
            return new NotAllowed(ticket.Status, AllowedNow(ticket));
        }

        if (!transition.Roles.Contains(actor.Role))
        {
            return new Forbidden($"The {actor.Role} role may not {TicketLifecycle.Name(command.Kind)} a ticket that is {ticket.Status}.", transition.Roles);
        }

        if (transition.AssigneeOnly && actor.Role == StaffRoles.Engineer && actor.Name != ticket.AssignedTo)
        {
            return new Forbidden($"Only the assigned engineer ({ticket.AssignedTo ?? "none"}) may {TicketLifecycle.Name(command.Kind)} this ticket.", transition.Roles);
        }

        if (Check(ticket, command, actor, now) is { } invalid)
        {
            return invalid;
        }

        var changes = new List<ClockChange>();
        var (next, data) = Apply(ticket with { Status = transition.To }, command, actor, now, changes);
        if (transition.Milestone is { } milestone)
        {
            next = Reach(next, milestone, now, changes);
        }

        next = FollowStatus(next, now, changes);
        next = next with { Version = ticket.Version + 1, UpdatedAt = now };
        data = data with { From = ticket.Status, To = transition.To, Note = command.Note, Clocks = changes };
        return new Accepted(next, [new TicketEvent(next.Version, now, actor, data)]);
    }

    /// <summary>
    /// Decides several commands one after the other, as one change: each sees the ticket the previous one
    /// left. The first refusal refuses the whole chain, so nothing of it is stored.
    /// </summary>
    public CommandOutcome DecideAll(Ticket ticket, IEnumerable<(TicketCommand Command, Actor Actor)> steps, DateTimeOffset now)
    {
        var events = new List<TicketEvent>();
        var current = ticket;
        foreach (var (command, actor) in steps)
        {
            var outcome = Decide(current, command, actor, now);
            if (outcome is not Accepted accepted)
            {
                return outcome;
            }

            current = accepted.Ticket;
            events.AddRange(accepted.Events);
        }

        return events.Count == 0 ? throw new ArgumentException("Give at least one command.", nameof(steps)) : new Accepted(current, events);
    }

    /// <summary>Reads every clock of a ticket at <paramref name="now"/>.</summary>
    public IReadOnlyList<ClockReading> ReadClocks(Ticket ticket, DateTimeOffset now) =>
        ticket.Clocks.Select(c => Clocks.Read(c, now)).ToList();

    /// <summary>
    /// The commands someone may give the ticket now: those its status allows (<see cref="TicketLifecycle.AllowedFrom"/>)
    /// that its state does not refuse whatever the fields (<see cref="StateProblem"/>). "Allowed" means allowed.
    /// </summary>
    public static IReadOnlyList<TicketCommandKind> AllowedNow(Ticket ticket) =>
        TicketLifecycle.AllowedFrom(ticket.Status).Where(kind => StateProblem(ticket, kind) is null).ToList();

    /// <summary>Why the ticket's state refuses a command its status allows, whatever the command's fields; null when it does not.</summary>
    public static Invalid? StateProblem(Ticket ticket, TicketCommandKind kind) => kind switch
    {
        TicketCommandKind.StartFollowUp when ticket.Status == TicketStatus.Classified && ticket.Classification?.Type != TicketType.FollowUp
            => new Invalid("type", "Only a follow-up visit (回访类) goes to the follow-up queue before it is served."),
        TicketCommandKind.StartFollowUp when ticket.CurrentFollowUp is { IsPending: false } done
            => new Invalid("followUp", $"Round {ticket.Round}'s follow-up is already {done.Status}."),
        TicketCommandKind.RecordCall when ticket.CurrentFollowUp is not { Status: FollowUpStatus.Open }
            => new Invalid("followUp", "No follow-up call is open."),
        TicketCommandKind.RecordSurvey when ticket.CurrentFollowUp is not { Status: FollowUpStatus.Open }
            => new Invalid("followUp", "No follow-up is open; the survey has already been answered or the task closed."),
        _ => null,
    };

    private static (Ticket, TicketEventData) IssueDeviceLink(Ticket ticket, Actor actor, DateTimeOffset now)
    {
        int? quote = ticket.Status == TicketStatus.WaitingForApproval ? ticket.Quotes[^1].Number : null;
        var link = new DeviceLink(ticket.Version + 1, actor.Name, now, ticket.Round, quote);
        return (ticket with { DeviceLinks = [.. ticket.DeviceLinks, link] }, new DeviceLinkIssued(ticket.Round, quote));
    }

    /// <summary>The reason given with the round's approved quote for charging a product under warranty, if any.</summary>
    private static string? ApprovedChargeReason(Ticket ticket) =>
        ticket.Quotes.LastOrDefault(q => q.Round == ticket.Round && q.Status == QuoteStatus.Approved)?.ChargeReason;

    /// <summary>When the request reached the company: the contact time it was registered with, else its registration.</summary>
    private static DateTimeOffset Earliest(Ticket ticket) =>
        ticket.Intake.ContactedAt is { } contacted && contacted < ticket.ReceivedAt ? contacted : ticket.ReceivedAt;

    private Invalid? Check(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now) => command switch
    {
        _ when StateProblem(ticket, command.Kind) is { } state => state,
        AnswerQuote { Approve: true } answer when (actor.Role != StaffRoles.Customer || answer.Device is not null)
            && ticket.Quotes.LastOrDefault() is { } quote && quote.Total > Consent.StaffApprovalLimit
            => new Invalid("quote", $"A quote above ¥{Consent.StaffApprovalLimit:0.##} (this one: ¥{quote.Total:0.00}) is approved only by the customer through the link sent to their phone; send it again with resend-link."),
        SimpleCommand { Command: TicketCommandKind.IssueDeviceLink } when ticket.Status == TicketStatus.WaitingForApproval
            && ticket.Quotes.LastOrDefault() is { } quote && quote.Total > Consent.StaffApprovalLimit
            => new Invalid("quote", $"A quote above ¥{Consent.StaffApprovalLimit:0.##} (this one: ¥{quote.Total:0.00}) is approved only on the customer's own phone; send the link with resend-link."),
        AssignTicket assign when string.IsNullOrWhiteSpace(assign.Engineer)
            => new Invalid("engineer", "Name the engineer to assign."),
        AnswerQuote when actor.Role != StaffRoles.Customer && string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Say how the customer answered (e.g. 电话确认 14:05); it is kept in the history."),
        LapseOffer when ticket.Dispatch.AcceptBy is not { } due || due > now
            => new Invalid("acceptBy", "The engineer still has time to answer the offer."),
        AgreeAppointment { Appointment: var a } when a.To <= a.From
            => new Invalid("appointment.to", "The window must end after it starts."),
        AgreeAppointment { Appointment: var a } when a.To < now
            => new Invalid("appointment.to", "The window is already over; agree a time that is still to come."),
        RecordVisit visit when visit.EndedAt <= visit.StartedAt
            => new Invalid("endedAt", "The visit must end after it starts."),
        RecordVisit visit when visit.StartedAt < Earliest(ticket).AddMinutes(-VisitTolerance.TotalMinutes)
            => new Invalid("startedAt", $"The visit cannot start before the request reached us ({Earliest(ticket):O}); check the date."),
        RecordVisit visit when visit.EndedAt > now.AddMinutes(5)
            => new Invalid("endedAt", "Record a visit once it is over; its end is in the future."),
        RecordVisit visit when string.IsNullOrWhiteSpace(visit.Findings) || string.IsNullOrWhiteSpace(visit.Measures)
            => new Invalid(string.IsNullOrWhiteSpace(visit.Findings) ? "findings" : "measures", "The service record needs what was found and what was done."),
        RecordVisit visit when Charged(ticket) + Charge(visit) > Approved(ticket)
            => new Invalid("parts", $"This work costs the customer ¥{Charged(ticket) + Charge(visit):0.00} in this round, but the approved quotes cover ¥{Approved(ticket):0.00}. Send a quote and get the customer's approval before charging."),
        ProposeQuote quote when quote.Parts.Sum(p => p.Amount) + quote.Labour <= 0
            => new Invalid("parts", "A quote is for chargeable work: give parts or labour with a price."),
        ProposeQuote quote when string.IsNullOrWhiteSpace(quote.Plan) || string.IsNullOrWhiteSpace(quote.Risks)
            => new Invalid(string.IsNullOrWhiteSpace(quote.Plan) ? "plan" : "risks", "Explain the cause and plan, and the risks, before asking the customer to pay."),
        AnswerQuote answer when answer.QuoteNumber is { } n && n != ticket.Quotes.LastOrDefault()?.Number
            => new Invalid("quote", $"Quote {n} is no longer the one waiting for an answer."),
        ConfirmResult confirm when confirm.Round is { } round && round != ticket.Round
            => new Invalid("round", $"This confirmation is for handling round {round}; the ticket is in round {ticket.Round}."),
        RecordResult { Command: TicketCommandKind.Resolve, Result: { } result } when ResultProblem(ticket, result) is { } problem
            => problem,
        ClassifyTicket when ticket.Classification?.Type is not null && string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Overriding a classification needs a reason; it is kept in the history."),
        AssignTicket { Automatic: false } when string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Say why you assign by hand (e.g. the customer asked for this engineer); it is kept in the history."),
        AssignTicket assign when assign.Engineer == ticket.AssignedTo && ticket.Status != TicketStatus.Reopened
            => new Invalid("engineer", $"The ticket is already assigned to {assign.Engineer}."),
        SimpleCommand { Command: TicketCommandKind.Decline or TicketCommandKind.Reopen } when string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", $"Say why ({TicketLifecycle.Name(command.Kind)}); it is kept in the history."),
        CancelTicket { Reason: CancelReason.Duplicate, DuplicateOf: null or "" }
            => new Invalid("duplicateOf", "A duplicate names the ticket it duplicates."),
        RecordResult result when string.IsNullOrWhiteSpace(result.Summary)
            => new Invalid("summary", "Describe the result."),
        Escalate { Escalation: var e } when ticket.Escalations.Any(x => x.Key == e.Key)
            => new Invalid("escalation", $"Escalation {e.Key} has already been made."),
        ScheduleFollowUp when ticket.CurrentFollowUp is not null
            => new Invalid("followUp", $"Round {ticket.Round} already has its follow-up."),
        RecordSurvey { Survey: var survey } when survey.Problem() is { } problem
            => new Invalid(problem.Field, problem.Message),
        ProposeQuote q when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && string.IsNullOrWhiteSpace(q.ChargeReason)
            => new Invalid("chargeReason", "The product is under warranty: say why the customer pays (e.g. 人为损坏, 耗材, 保修范围外); the customer sees it with the quote."),
        RecordVisit v when ticket.Intake.Product.Warranty == WarrantyStatus.InWarranty && (v.Parts.Any(p => p.Amount > 0) || v.Labour?.Amount > 0)
            && string.IsNullOrWhiteSpace(v.ChargeReason) && ApprovedChargeReason(ticket) is null
            => new Invalid("chargeReason", "The product is under warranty: say why the customer pays for this visit (e.g. 人为损坏, 耗材, 保修范围外), or charge 0."),
        _ => null,
    };

    private (Ticket Ticket, TicketEventData Data) Apply(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now, List<ClockChange> changes)
    {
        switch (command)
        {
            case ClassifyTicket classify:
                var classification = new TicketClassification(
                    classify.TicketType, classify.Tag, classify.Urgency, ClassificationSource.Staff, null, null, command.Note);
                var classified = Replan(ticket with { Classification = classification }, now, changes);
                return (classified, ClassifiedEvent(classification));
            case AssignTicket assign:
                var passedOver = ticket.Dispatch.AcceptBy is not null && ticket.AssignedTo is { } previous && previous != assign.Engineer
                    ? [.. ticket.Dispatch.PassedOver, previous]
                    : ticket.Dispatch.PassedOver;
                return (ticket with { AssignedTo = assign.Engineer, Dispatch = new DispatchState(passedOver, assign.AcceptBy, null) },
                    new TicketAssigned(assign.Engineer, ticket.AssignedTo)
                    {
                        Automatic = assign.Automatic,
                        AcceptBy = assign.AcceptBy,
                        Candidates = assign.Candidates,
                        Ineligible = assign.Ineligible,
                        Warnings = assign.Warnings is { Count: > 0 } ? assign.Warnings : null,
                    });
            case QueueTicket queue:
                return (ticket with { Dispatch = ticket.Dispatch with { AcceptBy = null, Queue = queue.Department } },
                    new TicketQueued(queue.Department, queue.Ineligible));
            case LapseOffer:
                return (ticket with { AssignedTo = null, Dispatch = new DispatchState([.. ticket.Dispatch.PassedOver, ticket.AssignedTo!], null, null) },
                    new OfferLapsed(ticket.AssignedTo!, ticket.Dispatch.AcceptBy!.Value));
            case AgreeAppointment appointment:
                return (ticket with { Appointment = appointment.Appointment }, new AppointmentAgreed(appointment.Appointment));
            case RecordVisit v:
                var visit = new ServiceVisit(ticket.Visits.Count + 1, actor.Name, v.StartedAt, v.EndedAt, v.Mode, v.Findings, v.Measures, v.Parts, v.Labour, v.Remarks, ticket.Round)
                {
                    // A charge covered by an approved quote carries the quote's reason for charging under warranty.
                    ChargeReason = string.IsNullOrWhiteSpace(v.ChargeReason) && (v.Parts.Any(p => p.Amount > 0) || v.Labour?.Amount > 0)
                        ? ApprovedChargeReason(ticket)
                        : v.ChargeReason,
                };
                return (ticket with { Visits = [.. ticket.Visits, visit] }, new ServiceVisitRecorded(visit));
            case ProposeQuote q:
                var quote = new Quote(ticket.Quotes.Count + 1, q.Parts, q.Labour, q.Plan, q.Risks, now, ticket.Round) { ChargeReason = q.ChargeReason };
                return (ticket with { Quotes = [.. ticket.Quotes, quote] }, new QuoteProposed(quote));
            case AnswerQuote answer:
                var pending = ticket.Quotes[^1];
                var answered = pending with
                {
                    Status = answer.Approve ? QuoteStatus.Approved : QuoteStatus.Refused,
                    AnsweredAt = now,
                    AnsweredBy = actor.Name,
                    Comment = answer.Comment,
                };
                answered = answered with { AnsweredOnDevice = answer.Device };
                TicketEventData answerEvent = answer.Approve
                    ? new QuoteApproved(pending.Number, pending.Total, answer.Comment) { Device = answer.Device }
                    : new QuoteRefused(pending.Number, pending.Total, answer.Comment) { Device = answer.Device };
                return (ticket with { Quotes = [.. ticket.Quotes.Take(ticket.Quotes.Count - 1), answered] }, answerEvent);
            case PauseService pause:
                return (ticket, new ServicePaused(pause.Reason));
            case RecordResult { Command: TicketCommandKind.Resolve } result:
                return (ticket with { Resolution = result.Summary, Result = result.Result }, new TicketResolved(result.Summary) { Result = result.Result });
            case RecordResult result:
                return (ticket, new ResultReported(result.Summary));
            case ConfirmResult confirm:
                var confirmation = new CustomerConfirmation(confirm.Rating, confirm.Comment, confirm.Signature, now, actor, ticket.Round) { Device = confirm.Device };
                return (ticket with { Rating = confirm.Rating, Confirmations = [.. ticket.Confirmations, confirmation] },
                    new TicketConfirmed(confirm.Rating) { Comment = confirm.Comment, Signature = confirm.Signature, Device = confirm.Device });
            case CancelTicket cancel:
                var stopped = ticket.Clocks.Select(c => c.IsActive ? Record(Clocks.Stop(c, now, ClockOutcome.Cancelled), ClockChangeKind.Cancelled, changes) : c).ToList();
                return (Finish(ticket, now, FollowUpStatus.Withdrawn) with { CancelReason = cancel.Reason, Clocks = stopped }, new TicketCancelled(cancel.Reason, cancel.DuplicateOf));
            case Escalate escalate:
                return (ticket with { Escalations = [.. ticket.Escalations, escalate.Escalation] }, new SlaEscalated(escalate.Escalation));
            case ScheduleFollowUp schedule:
                var planned = new FollowUpTask { Reason = schedule.Reason, Round = ticket.Round, TriggeredAt = now, DueFrom = schedule.DueFrom };
                return (ticket with { FollowUps = [.. ticket.FollowUps, planned] }, new FollowUpScheduled(schedule.Reason, schedule.DueFrom));
            case StartFollowUp start:
                var task = (ticket.CurrentFollowUp ?? new FollowUpTask { Reason = FollowUpReason.Staff, Round = ticket.Round, TriggeredAt = now, DueFrom = now }) with
                {
                    Status = FollowUpStatus.Open,
                    OpenedAt = now,
                    Agent = start.Agent ?? (actor.Role == StaffRoles.FollowUp ? actor.Name : null),
                };
                return (WithFollowUp(ticket, task), new FollowUpStarted { Reason = task.Reason, Agent = task.Agent });
            case RecordCall call:
                return Call(ticket, call, actor, now);
            case RecordSurvey survey:
                var surveyed = ticket.CurrentFollowUp! with { Survey = survey.Survey, Status = FollowUpStatus.Done, FinishedAt = now, NextCallAt = null };
                return (WithFollowUp(ticket, surveyed), new SurveyRecorded(survey.Survey) { Below = survey.Survey.Below(FollowUps.PassScore) });
            case SimpleCommand simple:
                return simple.Command switch
                {
                    TicketCommandKind.Accept => (ticket with { Dispatch = ticket.Dispatch with { AcceptBy = null } }, new AssignmentAccepted(actor.Name)),
                    TicketCommandKind.Decline => (ticket with { AssignedTo = null, Dispatch = new DispatchState([.. ticket.Dispatch.PassedOver, actor.Name], null, null) },
                        new AssignmentDeclined(actor.Name)),
                    TicketCommandKind.Start => (ticket, new ServiceStarted(ticket.AssignedTo)),
                    TicketCommandKind.Resume => (ticket, new ServiceResumed(WaitingFor(ticket))),
                    TicketCommandKind.Close => (Finish(ticket, now, ClosedFollowUp(ticket.CurrentFollowUp)), new TicketClosed()),
                    TicketCommandKind.Reopen => (Finish(ticket, now, FollowUpStatus.Withdrawn) with
                    {
                        Round = ticket.Round + 1, Rating = null, Dispatch = DispatchState.None, Appointment = null, AssignedTo = null,
                        // The earlier round's promises have lost their meaning: the new round starts its own.
                        Clocks = ticket.Clocks.Select(c => c.IsActive ? Record(Clocks.Stop(c, now, ClockOutcome.Withdrawn), ClockChangeKind.Withdrawn, changes) : c).ToList(),
                    }, new TicketReopened(ticket.Round + 1)),
                    TicketCommandKind.ResendLink => (ticket, new CustomerLinkResent()),
                    TicketCommandKind.IssueDeviceLink => IssueDeviceLink(ticket, actor, now),
                    _ => throw new InvalidOperationException($"No effect defined for {simple.Command}."),
                };
            default:
                throw new InvalidOperationException($"No effect defined for {command.GetType().Name}.");
        }
    }

    /// <summary>
    /// The steps the rules take by themselves after a change: plan the follow-up of a confirmed repair or complaint
    /// (or of a follow-up visit requested as a ticket), and finish a follow-up whose survey or calls are done —
    /// a score below the pass score reopens the ticket for a second handling, anything else closes it.
    /// </summary>
    public IReadOnlyList<(TicketCommand Command, Actor Actor)> SystemSteps(Ticket ticket, DateTimeOffset now)
    {
        var task = ticket.CurrentFollowUp;
        var type = ticket.Classification?.Type;
        if (task is null)
        {
            var reason = ticket.Status switch
            {
                TicketStatus.Confirmed when ticket.Rating != ConfirmationRating.NotSatisfied && type == TicketType.Repair => FollowUpReason.Repair,
                TicketStatus.Confirmed when ticket.Rating != ConfirmationRating.NotSatisfied && type == TicketType.Complaint => FollowUpReason.Complaint,
                TicketStatus.Classified when type == TicketType.FollowUp => FollowUpReason.Request,
                _ => (FollowUpReason?)null,
            };
            return reason is { } r
                ? [(new ScheduleFollowUp(r, FollowUps.DueFrom(r, now, Clocks.Calendar)) { Note = $"Follow-up planned ({r})." }, Actor.System)]
                : [];
        }

        if (ticket.Status != TicketStatus.FollowUp)
        {
            return [];
        }

        if (task.Survey is { } survey && survey.Below(FollowUps.PassScore) is { Count: > 0 } low)
        {
            var scores = string.Join(", ", survey.Scores().Where(s => low.Contains(s.Dimension)).Select(s => $"{SurveyAnswer.ChineseName(s.Dimension)}{s.Score}分"));
            return [(new SimpleCommand(TicketCommandKind.Reopen) { Note = $"二次处理：回访评分低于{FollowUps.PassScore}分（{scores}）。" }, Actor.System)];
        }

        return task.Status switch
        {
            FollowUpStatus.Done => [(new SimpleCommand(TicketCommandKind.Close) { Note = "回访完成。" }, Actor.System)],
            FollowUpStatus.Unreachable => [(new SimpleCommand(TicketCommandKind.Close) { Note = $"回访未联系上客户（{task.Attempts.Count}次）。" }, Actor.System)],
            _ => [],
        };
    }

    private (Ticket Ticket, TicketEventData Data) Call(Ticket ticket, RecordCall call, Actor actor, DateTimeOffset now)
    {
        var task = ticket.CurrentFollowUp!;
        var attempt = new CallAttempt(task.Attempts.Count + 1, now, call.Outcome, actor.Name, call.Note);
        var unreachable = call.Outcome == CallOutcome.WrongNumber || (call.Outcome == CallOutcome.NoAnswer && attempt.Number >= FollowUps.MaxAttempts);
        DateTimeOffset? next = call.Outcome == CallOutcome.NoAnswer && !unreachable ? FollowUps.NextCall(attempt.Number, now, Clocks.Calendar) : null;
        var updated = task with
        {
            Attempts = [.. task.Attempts, attempt],
            NextCallAt = next,
            Status = unreachable ? FollowUpStatus.Unreachable : FollowUpStatus.Open,
            FinishedAt = unreachable ? now : null,
        };
        return (WithFollowUp(ticket, updated), new FollowUpCallRecorded(attempt) { NextCallAt = next, Unreachable = unreachable });
    }

    /// <summary>Replaces the current round's follow-up (or adds it).</summary>
    private static Ticket WithFollowUp(Ticket ticket, FollowUpTask task) => ticket with
    {
        FollowUps = [.. ticket.FollowUps.Where(f => f.Round != task.Round), task],
    };

    /// <summary>A ticket closed by hand: a planned follow-up is no longer wanted; an open one ends as its calls went.</summary>
    private static FollowUpStatus ClosedFollowUp(FollowUpTask? task) => task switch
    {
        { Status: FollowUpStatus.Scheduled } => FollowUpStatus.Withdrawn,
        { Attempts: [.., { Outcome: not CallOutcome.Reached }] } => FollowUpStatus.Unreachable,
        _ => FollowUpStatus.Done,
    };

    /// <summary>Ends a pending follow-up of the current round with <paramref name="status"/>.</summary>
    private static Ticket Finish(Ticket ticket, DateTimeOffset now, FollowUpStatus status) =>
        ticket.CurrentFollowUp is { IsPending: true } pending
            ? WithFollowUp(ticket, pending with { Status = status, FinishedAt = now, NextCallAt = null })
            : ticket;

    /// <summary>What the customer is charged for in the current round's visits.</summary>
    private static decimal Charged(Ticket ticket) => ticket.Visits.Where(v => v.Round == ticket.Round).Sum(v => v.Charge);

    private static decimal Charge(RecordVisit visit) => visit.Parts.Sum(p => p.Amount) + (visit.Labour?.Amount ?? 0);

    /// <summary>What the customer agreed to pay in the current round.</summary>
    private static decimal Approved(Ticket ticket) =>
        ticket.Quotes.Where(q => q.Round == ticket.Round && q.Status == QuoteStatus.Approved).Sum(q => q.Total);

    /// <summary>The result must fit the ticket: a cause for repairs, a resolution for complaints, and no "repaired" against a refused quote.</summary>
    private static Invalid? ResultProblem(Ticket ticket, ServiceResult result)
    {
        var lastQuote = ticket.Quotes.LastOrDefault(q => q.Round == ticket.Round);
        return result switch
        {
            _ when string.IsNullOrWhiteSpace(result.Solution)
                => new Invalid("solution", "Say what was done or answered."),
            { Outcome: ServiceOutcome.Repaired } when lastQuote is { Status: QuoteStatus.Refused }
                => new Invalid("outcome", $"The customer refused quote {lastQuote.Number}; send a new quote, or resolve as notRepairedQuoteRefused."),
            { Outcome: ServiceOutcome.NotRepairedQuoteRefused } when lastQuote is not { Status: QuoteStatus.Refused }
                => new Invalid("outcome", "No refused quote in this round; choose another outcome."),
            { Cause: null or "" } when ticket.Classification?.Type == TicketType.Repair
                => new Invalid("cause", "A repair result names the cause found."),
            { ComplaintResolution: null or "" } when ticket.Classification?.Type == TicketType.Complaint
                => new Invalid("complaintResolution", "A complaint result says how the complaint was resolved."),
            _ => null,
        };
    }

    /// <summary>What a ticket resuming now was waiting for (read from its open pauses).</summary>
    private static PauseReason WaitingFor(Ticket ticket) =>
        ticket.Clocks.LastOrDefault(c => c.IsPaused)?.Pauses[^1].Status == TicketStatus.WaitingForParts ? PauseReason.Parts : PauseReason.Customer;

    private static TicketClassified ClassifiedEvent(TicketClassification c) =>
        new(c.Type, c.Tag, c.Urgency, c.Source, c.TypeRule, c.UrgencyRule);

    /// <summary>Stops the clocks the milestone ends, starts the ones it begins, and records it.</summary>
    private Ticket Reach(Ticket ticket, Milestone milestone, DateTimeOffset at, List<ClockChange> changes)
    {
        var list = ticket.Clocks
            .Select(c => c.IsActive && SlaKinds.StopsAt(c.Kind) == milestone ? StopAndRecord(c, at, changes) : c)
            .ToList();
        var (type, urgency) = (ticket.Classification?.Type, ticket.Classification?.Urgency ?? Urgency.Normal);
        foreach (var kind in Enum.GetValues<SlaKind>())
        {
            if (!SlaClocks.Starts(kind, milestone) || list.Any(c => c.IsActive && c.Kind == kind && c.Round == ticket.Round)
                || Clocks.Policy.TargetFor(kind, type, urgency) is not { } target)
            {
                continue;
            }

            // A clock of an earlier round still running has lost its meaning in the new round.
            list = list.Select(c => c.IsActive && c.Kind == kind ? Record(Clocks.Stop(c, at, ClockOutcome.Withdrawn), ClockChangeKind.Withdrawn, changes) : c).ToList();
            list.Add(Record(Clocks.Start(target, at, ticket.Round), ClockChangeKind.Started, changes));
        }

        return ticket with { Clocks = list, Milestones = [.. ticket.Milestones, new MilestoneReached(milestone, at, ticket.Round)] };
    }

    /// <summary>Pauses clocks the new status holds and resumes the ones it releases.</summary>
    private Ticket FollowStatus(Ticket ticket, DateTimeOffset at, List<ClockChange> changes) => ticket with
    {
        Clocks = ticket.Clocks.Select(c =>
        {
            var holds = c.PausedBy.Contains(ticket.Status);
            return !c.IsActive ? c
                : holds && !c.IsPaused ? Record(Clocks.Pause(c, at, ticket.Status), ClockChangeKind.Paused, changes)
                : !holds && c.IsPaused ? Record(Clocks.Resume(c, at), ClockChangeKind.Resumed, changes)
                : c;
        }).ToList(),
    };

    /// <summary>
    /// After a classification change: active clocks move to the target that now applies (or stop as
    /// withdrawn), and kinds that now have a target get a clock from their start milestone of this round.
    /// </summary>
    private Ticket Replan(Ticket ticket, DateTimeOffset at, List<ClockChange> changes)
    {
        var (type, urgency) = (ticket.Classification?.Type, ticket.Classification?.Urgency ?? Urgency.Normal);
        var list = ticket.Clocks.Select(c =>
        {
            if (!c.IsActive)
            {
                return c;
            }

            var target = Clocks.Policy.TargetFor(c.Kind, type, urgency);
            return target is null ? Record(Clocks.Stop(c, at, ClockOutcome.Withdrawn), ClockChangeKind.Withdrawn, changes)
                : target.Name != c.Target ? Record(Clocks.Replan(c, target), ClockChangeKind.Replanned, changes)
                : c;
        }).ToList();

        foreach (var kind in Enum.GetValues<SlaKind>())
        {
            var started = ticket.Milestones.LastOrDefault(m => m.Round == ticket.Round && SlaKinds.StartsAt(kind).Contains(m.Milestone));
            var stoppedSince = started is not null && ticket.Milestones.Any(m => m.Milestone == SlaKinds.StopsAt(kind) && m.At >= started.At && m.Round == ticket.Round);
            if (started is null || stoppedSince || list.Any(c => c.Kind == kind && c.Round == ticket.Round && c.StartedAt >= started.At && c.Outcome != ClockOutcome.Withdrawn)
                || Clocks.Policy.TargetFor(kind, type, urgency) is not { } target)
            {
                continue;
            }

            list.Add(Record(Clocks.Start(target, started.At, ticket.Round), ClockChangeKind.Started, changes));
        }

        return ticket with { Clocks = list };
    }

    private SlaClock StopAndRecord(SlaClock clock, DateTimeOffset at, List<ClockChange> changes)
    {
        var stopped = Clocks.Stop(clock, at);
        return Record(stopped, stopped.Outcome == ClockOutcome.Met ? ClockChangeKind.Met : ClockChangeKind.Breached, changes);
    }

    private static SlaClock Record(SlaClock clock, ClockChangeKind change, List<ClockChange> changes)
    {
        changes.Add(new ClockChange(clock.Target, clock.Kind, change, clock.IsActive ? clock.DueAt : null));
        return clock;
    }
}
