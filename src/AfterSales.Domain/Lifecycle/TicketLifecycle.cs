using System.Text;
using System.Text.Json;
using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Lifecycle.StaffRoles;
using static AfterSales.Domain.Lifecycle.TicketCommandKind;
using static AfterSales.Domain.Tickets.TicketStatus;

namespace AfterSales.Domain.Lifecycle;

/// <summary>
/// The ticket lifecycle as an explicit table: every allowed (status, command) pair, who may give it and
/// where it leads. A pair that is not in the table is not allowed. Intake creates tickets in
/// <see cref="TicketStatus.Received"/>, or <see cref="TicketStatus.Classified"/> when the classification
/// rules decide the type.
/// </summary>
public static class TicketLifecycle
{
    private static readonly string[] Dispatchers = [Supervisor, Manager];
    private static readonly string[] Dispatch = [Supervisor, Manager, StaffRoles.System];
    private static readonly string[] OnSite = [Engineer, Agent, Supervisor];
    private static readonly string[] Desk = [Agent, Supervisor];
    private static readonly string[] Reopeners = [Agent, Supervisor, StaffRoles.FollowUp, Manager, StaffRoles.System];
    private static readonly string[] Automatic = [StaffRoles.System];
    private static readonly string[] Technician = [Engineer, Supervisor];
    private static readonly string[] Consent = [Customer, Agent, Supervisor];

    /// <summary>Statuses in which the ticket is still being worked on and can be cancelled or reclassified.</summary>
    public static IReadOnlyList<TicketStatus> Open { get; } =
        [Received, Classified, Assigned, Accepted, InService, WaitingForCustomer, WaitingForParts, WaitingForApproval, Reopened];

    /// <summary>Every allowed transition.</summary>
    public static IReadOnlyList<Transition> Table { get; } = Build();

    /// <summary>The transition for a command in a status, or null when the command is not allowed there.</summary>
    public static Transition? Find(TicketStatus from, TicketCommandKind command) =>
        Table.FirstOrDefault(t => t.From == from && t.Command == command);

    /// <summary>The commands people may give in a status, in table order (commands only the system gives are left out).</summary>
    public static IReadOnlyList<TicketCommandKind> AllowedFrom(TicketStatus from) =>
        Table.Where(t => t.From == from && !t.Roles.SequenceEqual(Automatic)).Select(t => t.Command).Distinct().ToList();

    /// <summary>The table as a Mermaid state diagram, one edge per row labelled "command (roles)".</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> Received: intake\n");
        text.Append("    [*] --> Classified: intake, rules matched\n");
        // Escalation is allowed in every status but the ends and changes none; drawn, it would only clutter the diagram.
        text.Append("    %% escalate (system) is allowed in every status except Closed and Cancelled and keeps the status\n");
        foreach (var t in Table.Where(t => t.Command != TicketCommandKind.Escalate))
        {
            var roles = string.Join(", ", t.Roles) + (t.AssigneeOnly ? "; engineer: assignee only" : string.Empty);
            text.Append($"    {t.From} --> {t.To}: {Name(t.Command)} ({roles})\n");
        }

        text.Append("    Closed --> [*]\n");
        text.Append("    Cancelled --> [*]\n");
        return text.ToString();
    }

    /// <summary>
    /// The command's one name: the last segment of its URL (<c>POST /api/tickets/{id}/approve-quote</c>), used the same
    /// way in <c>allowedCommands</c>, refusals and the docs. Commands only the system gives (queue, lapse-offer,
    /// escalate, schedule-follow-up, remind-customer) have no URL but are named the same way.
    /// </summary>
    public static string Name(TicketCommandKind command) => command switch
    {
        TicketCommandKind.PauseForCustomer or TicketCommandKind.PauseForParts => "pause",
        TicketCommandKind.Appoint => "appointment",
        TicketCommandKind.RecordVisit => "visits",
        TicketCommandKind.ProposeQuote => "quote",
        TicketCommandKind.RecordCall => "calls",
        TicketCommandKind.RecordSurvey => "survey",
        TicketCommandKind.IssueDeviceLink => "device-link",
        _ => JsonNamingPolicy.KebabCaseLower.ConvertName(command.ToString()),
    };

    private static List<Transition> Build()
    {
        var table = new List<Transition>
        {
            new(Received, Classify, Classified, Dispatchers),
        };
        foreach (var status in Open.Where(s => s != Received))
        {
            table.Add(new(status, Classify, status, Dispatchers));
        }

        table.AddRange(
        [
            new(Classified, Assign, Assigned, Dispatch, Milestone.Assigned),
            new(Assigned, Assign, Assigned, Dispatch, Milestone.Assigned),
            new(Accepted, Assign, Assigned, Dispatch, Milestone.Assigned),
            new(Reopened, Assign, Assigned, Dispatch, Milestone.Assigned),
            new(Assigned, Accept, Accepted, [Engineer], Milestone.Responded, AssigneeOnly: true),
            new(Assigned, Decline, Classified, [Engineer], AssigneeOnly: true),
            new(Accepted, Start, InService, [Engineer, Supervisor], AssigneeOnly: true),
            new(InService, PauseForCustomer, WaitingForCustomer, OnSite, AssigneeOnly: true),
            new(InService, PauseForParts, WaitingForParts, OnSite, AssigneeOnly: true),
            new(WaitingForParts, PauseForCustomer, WaitingForCustomer, OnSite, AssigneeOnly: true),
            new(WaitingForCustomer, PauseForParts, WaitingForParts, OnSite, AssigneeOnly: true),
            new(WaitingForCustomer, Resume, InService, OnSite, AssigneeOnly: true),
            new(WaitingForParts, Resume, InService, OnSite, AssigneeOnly: true),
            new(Accepted, Resolve, Resolved, [Engineer, Supervisor], Milestone.Resolved, AssigneeOnly: true),
            new(InService, Resolve, Resolved, [Engineer, Supervisor], Milestone.Resolved, AssigneeOnly: true),
            new(Resolved, ReportResult, AwaitingConfirmation, [Agent, Supervisor, Engineer], Milestone.ResultReported, AssigneeOnly: true),
            new(AwaitingConfirmation, Confirm, Confirmed, [Customer, Agent, Supervisor], Milestone.Confirmed),
            new(Confirmed, TicketCommandKind.StartFollowUp, TicketStatus.FollowUp, [StaffRoles.FollowUp, Supervisor, StaffRoles.System], Milestone.FollowUpDue),
            new(Classified, TicketCommandKind.StartFollowUp, TicketStatus.FollowUp, [StaffRoles.FollowUp, Supervisor, StaffRoles.System], Milestone.FollowUpDue),
            new(Confirmed, Close, Closed, [Agent, Supervisor, StaffRoles.FollowUp, StaffRoles.System]),
            new(TicketStatus.FollowUp, Close, Closed, [StaffRoles.FollowUp, Supervisor, StaffRoles.System], Milestone.FollowedUp),
            new(TicketStatus.FollowUp, TicketCommandKind.RecordCall, TicketStatus.FollowUp, [StaffRoles.FollowUp, Supervisor]),
            new(TicketStatus.FollowUp, TicketCommandKind.RecordSurvey, TicketStatus.FollowUp, [StaffRoles.FollowUp, Supervisor, Customer], Milestone.FollowedUp),
            new(Confirmed, TicketCommandKind.ScheduleFollowUp, Confirmed, Automatic),
            new(Classified, TicketCommandKind.ScheduleFollowUp, Classified, Automatic),
        ]);
        table.AddRange(
        [
            new(Classified, Queue, Classified, Automatic),
            new(Reopened, Queue, Reopened, Automatic),
            new(Assigned, TicketCommandKind.LapseOffer, Classified, Automatic),
            new(Accepted, Appoint, Accepted, OnSite, AssigneeOnly: true),
            new(InService, Appoint, InService, OnSite, AssigneeOnly: true),
            new(WaitingForCustomer, Appoint, WaitingForCustomer, OnSite, AssigneeOnly: true),
            new(InService, TicketCommandKind.RecordVisit, InService, Technician, AssigneeOnly: true),
            new(WaitingForCustomer, TicketCommandKind.RecordVisit, WaitingForCustomer, Technician, AssigneeOnly: true),
            new(WaitingForParts, TicketCommandKind.RecordVisit, WaitingForParts, Technician, AssigneeOnly: true),
            new(Accepted, TicketCommandKind.ProposeQuote, WaitingForApproval, Technician, AssigneeOnly: true),
            new(InService, TicketCommandKind.ProposeQuote, WaitingForApproval, Technician, AssigneeOnly: true),
            new(WaitingForApproval, ApproveQuote, InService, Consent),
            new(WaitingForApproval, RefuseQuote, InService, Consent),
            new(WaitingForApproval, ResendLink, WaitingForApproval, [Agent, Supervisor, Engineer], AssigneeOnly: true),
            new(AwaitingConfirmation, ResendLink, AwaitingConfirmation, [Agent, Supervisor, Engineer], AssigneeOnly: true),
            new(TicketStatus.FollowUp, ResendLink, TicketStatus.FollowUp, [StaffRoles.FollowUp, Agent, Supervisor]),
            new(WaitingForApproval, IssueDeviceLink, WaitingForApproval, [Engineer, Agent, Supervisor], AssigneeOnly: true),
            new(AwaitingConfirmation, IssueDeviceLink, AwaitingConfirmation, [Engineer, Agent, Supervisor], AssigneeOnly: true),
            new(AwaitingConfirmation, TicketCommandKind.RemindCustomer, AwaitingConfirmation, Automatic),
        ]);
        table.AddRange(Open.Select(status => new Transition(status, Cancel, Cancelled, Desk)));
        table.AddRange(Enum.GetValues<TicketStatus>().Where(s => s is not (Closed or Cancelled))
            .Select(status => new Transition(status, TicketCommandKind.Escalate, status, Automatic)));
        table.AddRange(new[] { AwaitingConfirmation, Confirmed, TicketStatus.FollowUp, Closed }
            .Select(status => new Transition(status, Reopen, Reopened, Reopeners, Milestone.Reopened)));
        return table;
    }
}
