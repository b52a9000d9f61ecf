using AfterSales.Domain.Explanations;
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
/// result in one atomic write. In parts, one reason to change each: this file decides (register, decide,
/// what is allowed now); <c>.Checks</c> says whether a command's data fits the ticket; <c>.Effects</c> what an
/// accepted command does to the snapshot; <c>.Clocks</c> the SLA clock bookkeeping; <c>.FollowUps</c> the
/// system's own steps and the follow-up calls. The waits' rules (offer lapse, escalations, follow-up due) are
/// in <see cref="DueWork"/>.
/// </summary>
public sealed partial class TicketWorkflow(SlaClocks clocks, Classifier classifier, FollowUpPolicy? followUps = null, ConsentPolicy? consent = null)
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
                Why = computed.TypeRule == Classification.Classifier.Requested && suggested.Type is { } suggestedType && suggestedType != computed.Type
                    ? Explanation.Of("classified.stated", suggestedType, suggested.TypeRule, computed.UrgencyRule)
                    : Explanation.Of("classified.matched", computed.TypeRule, computed.UrgencyRule),
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
        data = data with { From = ticket.Status, To = transition.To, Note = command.Note, Why = command.Why, Clocks = changes };
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

    /// <summary>
    /// The commands <paramref name="actor"/> may give the ticket now: <see cref="AllowedNow"/> less those their role may
    /// not give, and for an engineer less those only the assigned engineer gives on someone else's ticket. A front end
    /// offers exactly these; <see cref="Decide"/> still checks each command as it comes.
    /// </summary>
    public static IReadOnlyList<TicketCommandKind> AllowedFor(Ticket ticket, Actor actor) =>
        AllowedNow(ticket).Where(kind => TicketLifecycle.Find(ticket.Status, kind) is { } t
            && t.Roles.Contains(actor.Role)
            && !(t.AssigneeOnly && actor.Role == StaffRoles.Engineer && actor.Name != ticket.AssignedTo)).ToList();

    /// <summary>Why the ticket's state refuses a command its status allows, whatever the command's fields; null when it does not.</summary>
    public static Invalid? StateProblem(Ticket ticket, TicketCommandKind kind) => kind switch
    {
        TicketCommandKind.StartFollowUp when ticket.Status == TicketStatus.Classified && ticket.Classification?.Type != TicketType.FollowUp
            => Refuse("type", MessageCodes.FollowUpOnlyVisits),
        TicketCommandKind.StartFollowUp when ticket.CurrentFollowUp is { IsPending: false } done
            => Refuse("followUp", MessageCodes.FollowUpDone, ticket.Round, done.Status),
        TicketCommandKind.RecordCall when ticket.CurrentFollowUp is not { Status: FollowUpStatus.Open }
            => Refuse("followUp", MessageCodes.NoCallOpen),
        TicketCommandKind.RecordSurvey when ticket.CurrentFollowUp is not { Status: FollowUpStatus.Open }
            => Refuse("followUp", MessageCodes.NoFollowUpOpen),
        _ => null,
    };
}
