using AfterSales.Web.Pages;
using AfterSales.Application.Views;
using AfterSales.Application.Access;
using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Tickets;

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
        group.MapConfirmationRecord("/confirmations/{round:int}/record")
            .WithSummary("The signed confirmation record (服务结果确认表) as a printable page: ticket, service, result, rating, time and signature");
        return app;
    }

    private static async Task<IResult> ListAsync(string idOrNumber, ITicketStore store, ISignatureArchive archive, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
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
                verified = SignatureCheck.Verifies(signature, stored);
            }

            var basePath = $"/api/tickets/{found.Ticket.Id.Value}/confirmations/{c.Round}";
            list.Add(new ConfirmationView(c.Round, c.Rating, c.Comment, c.At, new ActorView(c.By.Name, c.By.Role), c.Signature, verified,
                c.Signature is null ? null : $"{basePath}/signature", $"{basePath}/record", c.Device));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> SignatureAsync(string idOrNumber, int round, ITicketStore store, ISignatureArchive archive, HttpContext http, CancellationToken ct)
    {
        var (ticket, confirmation, error) = await ConfirmationRecord.FindAsync(idOrNumber, round, store, ct);
        if (error is not null)
        {
            return error;
        }

        if (confirmation!.Signature is not { } signature || await archive.OpenAsync(signature.BlobName, ct) is not { } stored)
        {
            return ConfirmationRecord.Missing(ticket!, round, "has no stored signature (it was confirmed on a paper form)");
        }

        http.Response.Headers["X-Signature-Sha256"] = stored.ActualSha256;
        http.Response.Headers["X-Signature-Verified"] = SignatureCheck.Verifies(signature, stored) ? "true" : "false";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(stored.Content, "image/png", $"{ticket!.Number}-round-{round}-signature.png");
    }

    private static string Name(TicketStatus status) => EnumNames.Name(status);
}
