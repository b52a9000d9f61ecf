namespace AfterSales.Domain.Lifecycle;

/// <summary>Who may act on tickets. The names are the roles staff authenticate with.</summary>
public static class StaffRoles
{
    /// <summary>Service agent (客服专员).</summary>
    public const string Agent = "agent";
    /// <summary>Supervisor (客服主管).</summary>
    public const string Supervisor = "supervisor";
    /// <summary>Engineer or product specialist (技术工程师/产品专员).</summary>
    public const string Engineer = "engineer";
    /// <summary>Follow-up agent (回访专员).</summary>
    public const string FollowUp = "followup";
    /// <summary>Service manager (客服经理).</summary>
    public const string Manager = "manager";
    /// <summary>A call-centre or web-form system that submits tickets.</summary>
    public const string Integration = "integration";
    /// <summary>The product itself, acting on rules and schedules.</summary>
    public const string System = "system";

    /// <summary>The customer, acting through a signed link (never a staff sign-in).</summary>
    public const string Customer = "customer";
}
