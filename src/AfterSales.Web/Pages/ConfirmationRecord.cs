using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages;

/// <summary>
/// The signed confirmation record (服务结果确认表) of a round, as a printable page for staff: ticket, service, result,
/// rating, time and the signature with its check. The API and the console both serve it.
/// </summary>
public static class ConfirmationRecord
{
    /// <summary>Maps <see cref="GetAsync"/> at <paramref name="pattern"/> (which names <c>{idOrNumber}</c> and <c>{round:int}</c>).</summary>
    public static RouteHandlerBuilder MapConfirmationRecord(this IEndpointRouteBuilder app, string pattern) => app.MapGet(pattern, GetAsync);

    /// <summary>The printable record (服务结果确认表) of a round's confirmation; the console serves it too.</summary>
    public static async Task<IResult> GetAsync(
        string idOrNumber, int round, ITicketStore store, ISignatureArchive archive, ITeamStore team, IOptions<BusinessOptions> business, HttpContext http, CancellationToken ct)
    {
        var (ticket, confirmation, error) = await FindAsync(idOrNumber, round, store, ct);
        if (error is not null)
        {
            return error;
        }

        var text = PageText.For(http.Request);
        var zone = business.Value.Zone;
        var c = confirmation!;
        var stored = c.Signature is { } signature ? await archive.OpenAsync(signature.BlobName, ct) : null;
        // No language link: staff open the record with credentials a plain link would not carry; ?lang=en works.
        return Rendered.Page<RecordPage>(text, StatusCodes.Status200OK, switchHref: null, new
        {
            Ticket = ticket!,
            Confirmation = c,
            Zone = zone,
            Engineer = await EngineerNames.ForAsync(team, ticket, ct),
            SignedVia = await SignedViaAsync(c, text, team, zone, ct),
            SignaturePng = stored?.Content,
            Verified = c.Signature is { } recorded && SignatureCheck.Verifies(recorded, stored),
        });
    }

    /// <summary>How the confirmation was given: the customer's own link, a staff device (whose, opened when), or a paper form.</summary>
    private static async Task<string> SignedViaAsync(CustomerConfirmation c, PageText text, ITeamStore team, TimeZoneInfo zone, CancellationToken ct)
    {
        if (c.Device is { } device)
        {
            var name = (await team.GetEngineerAsync(device.IssuedBy, ct))?.Engineer.Name ?? device.IssuedBy;
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, text["viaDevice"], name, text.Time(device.IssuedAt, zone));
        }

        return c.Signature is not null ? text["viaOwnLink"] : string.Format(System.Globalization.CultureInfo.InvariantCulture, text["viaPaper"], c.By.Name);
    }

    /// <summary>The ticket and its confirmation of <paramref name="round"/>; an answer naming what is missing otherwise.</summary>
    public static async Task<(Ticket? Ticket, CustomerConfirmation? Confirmation, IResult? Error)> FindAsync(
        string idOrNumber, int round, ITicketStore store, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return (null, null, TicketNotFound(idOrNumber));
        }

        var confirmation = found.Ticket.Confirmations.FirstOrDefault(c => c.Round == round);
        return confirmation is null
            ? (found.Ticket, null, Missing(found.Ticket, round, "was not confirmed by the customer"))
            : (found.Ticket, confirmation, null);
    }

    public static IResult Missing(Ticket ticket, int round, string what) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such signed confirmation",
        Detail = $"Round {round} of ticket {ticket.Number} {what}. Confirmed rounds: {string.Join(", ", ticket.Confirmations.Select(c => c.Round))}.",
    });

    private static IResult TicketNotFound(string idOrNumber) => TypedResults.Problem(new ProblemDetails
    {
        Title = "Ticket not found",
        Detail = $"No ticket has the id or number '{idOrNumber}'. Numbers look like AS-20261123-00042; ids are 26 characters.",
        Status = StatusCodes.Status404NotFound,
    });
}
