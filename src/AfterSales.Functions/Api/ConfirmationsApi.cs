using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Dispatch;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Functions.Auth;
using AfterSales.Functions.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static AfterSales.Functions.Pages.HtmlPage;

namespace AfterSales.Functions.Api;

/// <summary>A confirmation as staff see it, with the check of the stored signature against its recorded hash.</summary>
public sealed record ConfirmationView(
    int Round,
    ConfirmationRating Rating,
    string? Comment,
    DateTimeOffset At,
    ActorView By,
    SignatureRef? Signature,
    bool? SignatureVerified,
    string? SignatureUrl,
    string RecordUrl,
    StaffDevice? SignedOnDevice);

/// <summary>
/// Signed confirmations for staff: the list with a verification of every stored signature
/// (<c>GET /api/tickets/{id}/confirmations</c>), the signature image, and the rendered confirmation record
/// (服务结果确认表) ready to print or archive.
/// </summary>
public static class ConfirmationsApi
{
    public static IEndpointRouteBuilder MapConfirmationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets/{idOrNumber}").WithTags("Customer confirmation").RequireAuthorization(Policies.Staff);
        group.MapGet("/confirmations", ListAsync)
            .WithSummary("The customer's confirmations, one per round, each with its signature verified against the hash in the history");
        group.MapGet("/confirmations/{round:int}/signature", SignatureAsync)
            .WithSummary("The signature image (PNG) of a round's confirmation; X-Signature-Verified says whether it still matches its recorded SHA-256");
        group.MapGet("/confirmations/{round:int}/record", RecordAsync)
            .WithSummary("The signed confirmation record (服务结果确认表) as a printable page: ticket, service, result, rating, time and signature");
        return app;
    }

    private static async Task<IResult> ListAsync(string idOrNumber, ITicketStore store, ISignatureArchive archive, CancellationToken ct)
    {
        var found = await TicketsApi.FindAsync(idOrNumber, store, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var list = new List<ConfirmationView>();
        foreach (var c in found.Ticket.Confirmations)
        {
            bool? verified = null;
            if (c.Signature is { } signature)
            {
                var stored = await archive.OpenAsync(signature.BlobName, ct);
                verified = Verifies(signature, stored);
            }

            var basePath = $"/api/tickets/{found.Ticket.Id.Value}/confirmations/{c.Round}";
            list.Add(new ConfirmationView(c.Round, c.Rating, c.Comment, c.At, new ActorView(c.By.Name, c.By.Role), c.Signature, verified,
                c.Signature is null ? null : $"{basePath}/signature", $"{basePath}/record", c.Device));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> SignatureAsync(string idOrNumber, int round, ITicketStore store, ISignatureArchive archive, HttpContext http, CancellationToken ct)
    {
        var (ticket, confirmation, error) = await FindAsync(idOrNumber, round, store, ct);
        if (error is not null)
        {
            return error;
        }

        if (confirmation!.Signature is not { } signature || await archive.OpenAsync(signature.BlobName, ct) is not { } stored)
        {
            return Missing(ticket!, round, "has no stored signature (it was confirmed on a paper form)");
        }

        http.Response.Headers["X-Signature-Sha256"] = stored.ActualSha256;
        http.Response.Headers["X-Signature-Verified"] = Verifies(signature, stored) ? "true" : "false";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(stored.Content, "image/png", $"{ticket!.Number}-round-{round}-signature.png");
    }

    /// <summary>Whether the stored image still is the one signed: its bytes and the hash stored with it both match the hash the ticket recorded.</summary>
    public static bool Verifies(SignatureRef signature, StoredSignature? stored) =>
        stored is not null && stored.ActualSha256 == signature.Sha256 && stored.RecordedSha256 == signature.Sha256;

    /// <summary>The printable record (服务结果确认表) of a round's confirmation; the console serves it too.</summary>
    internal static async Task<IResult> RecordAsync(
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
        var page = new HtmlPage(text, $"{text["recordTitle"]} {ticket!.Number}")
            .Raw($"<h1>{Encode(text["recordTitle"])}</h1>")
            .Summary(ticket, await EngineerNames.ForAsync(team, ticket, ct))
            .ServiceRecord(ticket, round, zone);
        if (round == ticket.Round)
        {
            page.ResultSection(ticket);
        }

        var signatureHtml = Encode(text["noSignature"]);
        if (c.Signature is { } signature)
        {
            var stored = await archive.OpenAsync(signature.BlobName, ct);
            var verified = Verifies(signature, stored);
            signatureHtml = (stored is null ? string.Empty : $"<img class=\"sig\" alt=\"{Encode(text["signature"])}\" src=\"data:image/png;base64,{Convert.ToBase64String(stored.Content)}\">")
                + $"<p class=\"muted\">{Encode(text["sha256"])}: <code>{Encode(signature.Sha256)}</code> — {Encode(text[verified ? "verified" : "tampered"])}</p>";
        }

        page.Facts(
                null,
                (text["round"], c.Round.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (text["customerRating"], text.Rating(c.Rating)),
                (text["customerComment"], c.Comment),
                (text["confirmedAt"], text.Time(c.At, zone)),
                (text["signedVia"], await SignedViaAsync(c, text, team, zone, ct)))
            .Raw($"<section class=\"card\"><h2>{Encode(text["signature"])}</h2>{signatureHtml}</section>");
        // No language link: staff open the record with credentials a plain link would not carry; ?lang=en works.
        return page.ToResult(StatusCodes.Status200OK, switchHref: null);
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

    private static async Task<(Ticket? Ticket, CustomerConfirmation? Confirmation, IResult? Error)> FindAsync(
        string idOrNumber, int round, ITicketStore store, CancellationToken ct)
    {
        var found = await TicketsApi.FindAsync(idOrNumber, store, ct);
        if (found is null)
        {
            return (null, null, TicketsApi.NotFound(idOrNumber));
        }

        var confirmation = found.Ticket.Confirmations.FirstOrDefault(c => c.Round == round);
        return confirmation is null
            ? (found.Ticket, null, Missing(found.Ticket, round, "was not confirmed by the customer"))
            : (found.Ticket, confirmation, null);
    }

    private static IResult Missing(Ticket ticket, int round, string what) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such signed confirmation",
        Detail = $"Round {round} of ticket {ticket.Number} {what}. Confirmed rounds: {string.Join(", ", ticket.Confirmations.Select(c => c.Round))}.",
    });

    private static string Name(TicketStatus status) => EnumNames.Name(status);
}
