using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Lifecycle;

/// <summary>The SLA clocks a change starts, stops, pauses, resumes or replans, each recorded in the event.</summary>
public sealed partial class TicketWorkflow
{
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
