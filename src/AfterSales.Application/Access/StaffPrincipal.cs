using System.Security.Claims;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Access;

/// <summary>What the signed-in caller's claims mean to the product: who acts, and what they may see.</summary>
public static class StaffPrincipal
{
    /// <summary>The caller as it appears in ticket history.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "unknown";
        return new Actor(user.Identity?.Name ?? "unknown", role);
    }

    /// <summary>Whether the caller sees customers' full phone numbers and addresses (<see cref="Roles.SeeContactDetails"/>).</summary>
    public static bool MaySeeContactDetails(this ClaimsPrincipal user) => Roles.SeeContactDetails.Any(user.IsInRole);
}
