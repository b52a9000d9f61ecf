using System.Security.Claims;
using System.Security.Cryptography;
using AfterSales.Infrastructure.Storage;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AfterSales.Functions.Auth;

/// <summary>
/// Console sign-ins as sessions the server can end. Each sign-in carries a random session id and the instant it was
/// made; signing out records the id as ended in Table Storage (<c>ConsoleSessions</c>), and every request checks it
/// there with one point read, so a copy of the cookie taken before signing out opens nothing on any instance. A
/// sign-in also ends at its absolute lifetime however much it is used (<see cref="ConsoleOptions.AbsoluteLifetime"/>).
/// </summary>
public sealed class ConsoleSessions(StorageClients storage, TimeProvider time)
{
    public const string SessionClaim = "aftersales:sid";
    public const string IssuedClaim = "aftersales:issued";
    private const string EndedRow = "ended";

    /// <summary>Gives a new sign-in its session id and time (the cookie's own events call it for every way of signing in).</summary>
    public void Stamp(ClaimsPrincipal principal)
    {
        if (principal.Identity is ClaimsIdentity identity && identity.FindFirst(SessionClaim) is null)
        {
            identity.AddClaim(new Claim(SessionClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
            identity.AddClaim(new Claim(IssuedClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Whether the sign-in may still be used: stamped, within its absolute lifetime, and not ended.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, TimeSpan absoluteLifetime, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(SessionClaim)?.Value is not { Length: 32 } id
            || !long.TryParse(principal.FindFirst(IssuedClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var issued)
            || time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(issued) + absoluteLifetime)
        {
            return false;
        }

        var table = await storage.TableAsync(storage.Options.ConsoleSessionsTable, cancellationToken);
        var ended = await table.GetEntityIfExistsAsync<TableEntity>(id, EndedRow, ["PartitionKey"], cancellationToken);
        return !ended.HasValue;
    }

    /// <summary>Ends the sign-in on every instance: its id is recorded as ended (kept until its absolute lifetime is over).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, TimeSpan absoluteLifetime, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(SessionClaim)?.Value is not { Length: 32 } id)
        {
            return;
        }

        var now = time.GetUtcNow();
        var table = await storage.TableAsync(storage.Options.ConsoleSessionsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(id, EndedRow)
        {
            ["EndedAt"] = now,
            ["ForgetAfter"] = now + absoluteLifetime,
        }, TableUpdateMode.Replace, cancellationToken);

        // Ended sessions past their lifetime can no longer be used anyway: each sign-out clears them, so the table
        // holds about one working day of sign-outs.
        await foreach (var old in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ForgetAfter lt {now}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteIfExistsAsync(old.PartitionKey, old.RowKey, cancellationToken);
        }
    }

    /// <summary>The cookie events that stamp each sign-in and refuse an ended or expired one on every request.</summary>
    public static void Attach(CookieAuthenticationOptions cookie, Func<ConsoleOptions> options)
    {
        cookie.Events.OnSigningIn = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().Stamp(context.Principal!);
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>();
            if (!await sessions.IsLiveAsync(context.Principal!, options().AbsoluteLifetime, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(ConsoleAuthentication.Scheme);
            }
        };
    }
}
