using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Application.Notifications;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Sms;

/// <summary>How requests to Azure Communication Services are authorised: the access key (HMAC) or Microsoft Entra ID.</summary>
public sealed record AcsAuthorization(Uri Endpoint, byte[]? AccessKey, TokenCredential? Credential)
{
    /// <summary>The token scope of Azure Communication Services.</summary>
    public const string Scope = "https://communication.azure.com//.default";
}

/// <summary>
/// Sends SMS through the Azure Communication Services REST API (<c>POST {endpoint}/sms?api-version=2021-03-07</c>),
/// one recipient per request. Each request is signed (HMAC-SHA256 over date, host and body hash) or carries an
/// Entra ID token, and carries the message's repeatability id and first-sent time, so a retry of a request the
/// service already took is answered without a second SMS. Faults become results: 429 and 5xx (and 401/403,
/// which a fixed key or role assignment cures) are retried; other refusals, overall or for the recipient, fail.
/// </summary>
public sealed class AcsSmsSender(HttpClient http, AcsAuthorization authorization, IOptions<SmsOptions> options, TimeProvider time) : ISmsSender
{
    public const string ApiVersion = "2021-03-07";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name => "acs";

    public async Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new SendRequest(
                options.Value.From!,
                [new Recipient(request.To, request.RepeatabilityRequestId.ToString("D"), AcsRequestSigner.Date(request.RepeatabilityFirstSent))],
                request.Text,
                new SendOptions(EnableDeliveryReport: true, Tag: request.Tag)),
            Json);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(authorization.Endpoint, $"sms?api-version={ApiVersion}"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (authorization.AccessKey is { } key)
        {
            AcsRequestSigner.Sign(message, body, key, time.GetUtcNow());
        }
        else
        {
            try
            {
                var token = await authorization.Credential!.GetTokenAsync(new TokenRequestContext([AcsAuthorization.Scope]), cancellationToken);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            }
            catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException)
            {
                return new SmsSendResult.Retry($"No Entra ID token for Communication Services: {e.Message}", null);
            }
        }

        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted => RecipientResult(request.To, text),
            HttpStatusCode.TooManyRequests => new SmsSendResult.Retry($"Throttled (429): {ErrorOf(text)}", RetryAfter(response)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new SmsSendResult.Retry($"Not authorised ({(int)response.StatusCode}): {ErrorOf(text)} Check Sms:AcsConnectionString or the app's role on the resource.", null),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                new SmsSendResult.Retry($"Provider error ({(int)response.StatusCode}): {ErrorOf(text)}", RetryAfter(response)),
            _ => new SmsSendResult.Rejected($"Refused ({(int)response.StatusCode}): {ErrorOf(text)}"),
        };
    }

    /// <summary>The per-recipient result inside a 202: accepted, or the recipient's own status and error.</summary>
    private static SmsSendResult RecipientResult(string to, string text)
    {
        SendResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<SendResponse>(text, Json);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        var item = parsed?.Value?.FirstOrDefault(v => v.To == to) ?? parsed?.Value?.FirstOrDefault();
        if (item is null)
        {
            // Accepted without a readable body: the service took it; there is no message id to record.
            return new SmsSendResult.Accepted(null, "202 without a per-recipient result");
        }

        if (item.Successful)
        {
            return new SmsSendResult.Accepted(item.MessageId, item.RepeatabilityResult is { } r ? $"repeatability {r}" : null);
        }

        var error = string.Create(CultureInfo.InvariantCulture, $"Recipient refused ({item.HttpStatusCode}): {item.ErrorMessage}");
        return item.HttpStatusCode is 429 or 408 or >= 500 ? new SmsSendResult.Retry(error, null) : new SmsSendResult.Rejected(error);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when response.Headers.Date is { } now => date - now,
        _ => null,
    };

    private static string ErrorOf(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ErrorResponse>(text, Json)?.Error?.Message ?? Shorten(text);
        }
        catch (JsonException)
        {
            return Shorten(text);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];

    private sealed record SendRequest(string From, IReadOnlyList<Recipient> SmsRecipients, string Message, SendOptions SmsSendOptions);

    private sealed record Recipient(string To, string RepeatabilityRequestId, string RepeatabilityFirstSent);

    private sealed record SendOptions(bool EnableDeliveryReport, string Tag);

    private sealed record SendResponse(IReadOnlyList<SendResponseItem>? Value);

    private sealed record SendResponseItem(string? To, string? MessageId, int HttpStatusCode, string? RepeatabilityResult, bool Successful, string? ErrorMessage);

    private sealed record ErrorResponse(ErrorBody? Error);

    private sealed record ErrorBody(string? Code, string? Message);
}

/// <summary>Keeps every message in the local outbox: what runs when no SMS provider is configured.</summary>
public sealed class LocalSmsSender : ISmsSender
{
    public string Name => "local";

    public Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<SmsSendResult>(new SmsSendResult.Kept());
}
