namespace AfterSales.Application.Access;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Intake = nameof(Intake);
    public const string ReadTickets = nameof(ReadTickets);
    public const string Staff = nameof(Staff);
    public const string SlaAdministration = nameof(SlaAdministration);
    public const string Supervision = nameof(Supervision);
    public const string Operations = nameof(Operations);
    public const string Reports = nameof(Reports);
    public const string FollowUpCalls = nameof(FollowUpCalls);
    public const string EngineerJobs = nameof(EngineerJobs);
}
