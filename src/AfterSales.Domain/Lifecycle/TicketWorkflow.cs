using AfterSales.Domain.Classification;
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
public sealed class TicketWorkflow(SlaClocks clocks, Classifier classifier)
{
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
        ticket = ticket with { Classification = computed, ComputedClassification = computed };

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
                Note = $"Matched rules: type {computed.TypeRule}, urgency {computed.UrgencyRule}.",
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
            return new NotAllowed(ticket.Status, TicketLifecycle.AllowedFrom(ticket.Status));
        }

        if (!transition.Roles.Contains(actor.Role))
        {
            return new Forbidden($"The {actor.Role} role may not {TicketLifecycle.Name(command.Kind)} a ticket that is {ticket.Status}.", transition.Roles);
        }

        if (transition.AssigneeOnly && actor.Role == StaffRoles.Engineer && actor.Name != ticket.AssignedTo)
        {
            return new Forbidden($"Only the assigned engineer ({ticket.AssignedTo ?? "none"}) may {TicketLifecycle.Name(command.Kind)} this ticket.", transition.Roles);
        }

        if (Check(ticket, command) is { } invalid)
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

    /// <summary>Reads every clock of a ticket at <paramref name="now"/>.</summary>
    public IReadOnlyList<ClockReading> ReadClocks(Ticket ticket, DateTimeOffset now) =>
        ticket.Clocks.Select(c => Clocks.Read(c, now)).ToList();

    private static Invalid? Check(Ticket ticket, TicketCommand command) => command switch
    {
        ClassifyTicket when ticket.Classification?.Type is not null && string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", "Overriding a classification needs a reason; it is kept in the history."),
        AssignTicket assign when string.IsNullOrWhiteSpace(assign.Engineer)
            => new Invalid("engineer", "Name the engineer to assign."),
        AssignTicket assign when assign.Engineer == ticket.AssignedTo && ticket.Status != TicketStatus.Reopened
            => new Invalid("engineer", $"The ticket is already assigned to {assign.Engineer}."),
        SimpleCommand { Command: TicketCommandKind.Decline or TicketCommandKind.Reopen } when string.IsNullOrWhiteSpace(command.Note)
            => new Invalid("reason", $"Say why ({TicketLifecycle.Name(command.Kind)}); it is kept in the history."),
        CancelTicket { Reason: CancelReason.Duplicate, DuplicateOf: null or "" }
            => new Invalid("duplicateOf", "A duplicate names the ticket it duplicates."),
        RecordResult result when string.IsNullOrWhiteSpace(result.Summary)
            => new Invalid("summary", "Describe the result."),
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
                return (ticket with { AssignedTo = assign.Engineer }, new TicketAssigned(assign.Engineer, ticket.AssignedTo));
            case PauseService pause:
                return (ticket, new ServicePaused(pause.Reason));
            case RecordResult { Command: TicketCommandKind.Resolve } result:
                return (ticket with { Resolution = result.Summary }, new TicketResolved(result.Summary));
            case RecordResult result:
                return (ticket, new ResultReported(result.Summary));
            case ConfirmResult confirm:
                return (ticket with { Rating = confirm.Rating }, new TicketConfirmed(confirm.Rating));
            case CancelTicket cancel:
                var stopped = ticket.Clocks.Select(c => c.IsActive ? Record(Clocks.Stop(c, now, ClockOutcome.Cancelled), ClockChangeKind.Cancelled, changes) : c).ToList();
                return (ticket with { CancelReason = cancel.Reason, Clocks = stopped }, new TicketCancelled(cancel.Reason, cancel.DuplicateOf));
            case SimpleCommand simple:
                return simple.Command switch
                {
                    TicketCommandKind.Accept => (ticket, new AssignmentAccepted(actor.Name)),
                    TicketCommandKind.Decline => (ticket with { AssignedTo = null }, new AssignmentDeclined(actor.Name)),
                    TicketCommandKind.Start => (ticket, new ServiceStarted(ticket.AssignedTo)),
                    TicketCommandKind.Resume => (ticket, new ServiceResumed(WaitingFor(ticket))),
                    TicketCommandKind.StartFollowUp => (ticket, new FollowUpStarted()),
                    TicketCommandKind.Close => (ticket, new TicketClosed()),
                    TicketCommandKind.Reopen => (ticket with { Round = ticket.Round + 1, Rating = null }, new TicketReopened(ticket.Round + 1)),
                    _ => throw new InvalidOperationException($"No effect defined for {simple.Command}."),
                };
            default:
                throw new InvalidOperationException($"No effect defined for {command.GetType().Name}.");
        }
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
