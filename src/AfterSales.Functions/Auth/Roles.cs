namespace AfterSales.Functions.Auth;

/// <summary>The roles of AfterSales users, as API-key roles and as Entra ID app-role values.</summary>
public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Engineer = "engineer";
    public const string FollowUp = "followup";
    public const string Manager = "manager";
    /// <summary>A call-centre or web-form system that submits tickets.</summary>
    public const string Integration = "integration";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Engineer, FollowUp, Manager, Integration];

    /// <summary>May register a request as a ticket.</summary>
    public static IReadOnlyList<string> Intake { get; } = [Agent, Supervisor, Manager, Integration];

    /// <summary>May read tickets and their history.</summary>
    public static IReadOnlyList<string> ReadTickets { get; } = All;

    /// <summary>
    /// See customers' full phone numbers and addresses: the people who call or visit them. Others get
    /// the masked form (business rules: privacy, visible only to those who need it).
    /// </summary>
    public static IReadOnlyList<string> SeeContactDetails { get; } = [Agent, Supervisor, Engineer, FollowUp];
}
