using AfterSales.Domain.Tickets;

namespace AfterSales.Web.Pages;

/// <summary>Engineers' display names for pages.</summary>
public static class EngineerNames
{
    /// <summary>
    /// The name of the ticket's engineer (assignee, else the last visit's) as customers and printed records show
    /// it — "李工", never a sign-in name — or null when the engineer is not on the team any more.
    /// </summary>
    public static async Task<string?> ForAsync(AfterSales.Application.Dispatch.ITeamStore team, Ticket? ticket, CancellationToken ct)
    {
        var id = ticket?.AssignedTo ?? ticket?.Visits.LastOrDefault()?.Engineer;
        return id is null ? null : (await team.GetEngineerAsync(id, ct))?.Engineer.Name;
    }
}
