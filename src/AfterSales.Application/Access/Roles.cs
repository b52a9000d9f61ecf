using AfterSales.Domain.Lifecycle;

namespace AfterSales.Application.Access;

/// <summary>The roles of AfterSales users, as API-key roles and as Entra ID app-role values.</summary>
public static class Roles
{
    public const string Agent = StaffRoles.Agent;
    public const string Supervisor = StaffRoles.Supervisor;
    public const string Engineer = StaffRoles.Engineer;
    public const string FollowUp = StaffRoles.FollowUp;
    public const string Manager = StaffRoles.Manager;
    /// <summary>A call-centre or web-form system that submits tickets.</summary>
    public const string Integration = StaffRoles.Integration;

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Engineer, FollowUp, Manager, Integration];

    /// <summary>May register a request as a ticket.</summary>
    public static IReadOnlyList<string> Intake { get; } = [Agent, Supervisor, Manager, Integration];

    /// <summary>Staff who work on tickets; the lifecycle table decides which command each role may give.</summary>
    public static IReadOnlyList<string> Staff { get; } = [Agent, Supervisor, Engineer, FollowUp, Manager];

    /// <summary>May try out calendars and SLA rules (the preview endpoint).</summary>
    public static IReadOnlyList<string> SlaAdministration { get; } = [Supervisor, Manager];

    /// <summary>Who manages engineers and departments, sees the dispatch queue and dispatches by hand.</summary>
    public static IReadOnlyList<string> Supervision { get; } = [Supervisor, Manager];

    /// <summary>Who runs timer functions on demand and reads their last runs (the service manager).</summary>
    public static IReadOnlyList<string> Operations { get; } = [Manager];

    /// <summary>Who reads and makes the monthly service reports.</summary>
    public static IReadOnlyList<string> Reports { get; } = [Supervisor, Manager];

    /// <summary>
    /// Who opens the follow-up call list (回访) in the console: the follow-up agents, supervisors (who may record a call
    /// too) and managers (who see the list).
    /// </summary>
    public static IReadOnlyList<string> FollowUpCalls { get; } = [FollowUp, Supervisor, Manager];

    /// <summary>Who opens 我的工单 in the console: the jobs in their own hands (engineers only).</summary>
    public static IReadOnlyList<string> EngineerJobs { get; } = [Engineer];

    /// <summary>May read tickets and their history.</summary>
    public static IReadOnlyList<string> ReadTickets { get; } = All;

    /// <summary>
    /// See customers' full phone numbers and addresses: the people who call or visit them. Others get
    /// the masked form (business rules: privacy, visible only to those who need it).
    /// </summary>
    public static IReadOnlyList<string> SeeContactDetails { get; } = [Agent, Supervisor, Engineer, FollowUp];
}
