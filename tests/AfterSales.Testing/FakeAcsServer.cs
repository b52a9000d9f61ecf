using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AfterSales.Testing;

/// <summary>What the fake does with the next request instead of accepting it.</summary>
public abstract record AcsFault
{
    /// <summary>500 with an error body; nothing is sent.</summary>
    public sealed record ServerError : AcsFault;

    /// <summary>429 with <c>Retry-After</c>; nothing is sent.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : AcsFault;

    /// <summary>The message is sent, but the answer comes only after <paramref name="Delay"/> (the caller times out first).</summary>
    public sealed record SlowAnswer(TimeSpan Delay) : AcsFault;

    /// <summary>The connection is dropped without an answer; nothing is sent.</summary>
    public sealed record Dropped : AcsFault;

    /// <summary>202, but this recipient was refused with <paramref name="Status"/>; nothing is sent.</summary>
    public sealed record RecipientRefused(int Status, string Error) : AcsFault;
}

/// <summary>One request the fake received.</summary>
public sealed record AcsRequest(
    DateTimeOffset At, bool SignatureValid, string? Problem, string? To, string? Message, string? RepeatabilityRequestId, string? RepeatabilityFirstSent, string? Tag, int Status);

/// <summary>An SMS the fake "sent to the handset": once per repeatability id.</summary>
public sealed record AcsTransmission(string To, string Message, string RepeatabilityRequestId, string MessageId, string? Tag);

/// <summary>
/// A stand-in for Azure Communication Services' SMS endpoint (<c>POST /sms?api-version=2021-03-07</c>) on a local
/// port, written from the documented contract and independent of the product's client. It checks every request's
/// HMAC-SHA256 signature and content hash with its own access key, honours repeatability (a repeated id is answered
/// with the first answer and not sent again), and injects faults queued in <see cref="Faults"/>.
/// </summary>
public sealed class FakeAcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, (string FirstSent, string Answer)> _repeatable = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private FakeAcsServer(WebApplication app, int port, byte[] key)
    {
        _app = app;
        Port = port;
        _key = key;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public string AccessKey => Convert.ToBase64String(_key);

    /// <summary>The connection string the product is given.</summary>
    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>When set, a request may instead carry <c>Authorization: Bearer {token}</c> (Microsoft Entra ID).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Faults for the next requests, in order; when empty, requests are accepted.</summary>
    public ConcurrentQueue<AcsFault> Faults { get; } = new();

    public ConcurrentQueue<AcsRequest> Requests { get; } = new();

    /// <summary>Messages that reached a handset.</summary>
    public ConcurrentQueue<AcsTransmission> Transmissions { get; } = new();

    /// <summary>Repeatability ids that came back with a different first-sent time (the client must keep it stable).</summary>
    public ConcurrentQueue<string> UnstableRepeats { get; } = new();

    /// <summary>Starts on <paramref name="port"/> (0: any free port) with <paramref name="accessKey"/> (base64; null: a new random key).</summary>
    public static async Task<FakeAcsServer> StartAsync(int port = 0, string? accessKey = null)
    {
        FakeAcsServer? server = null;
        var (app, bound) = await LoopbackServer.StartAsync(app => app.MapPost("/sms", (HttpContext http) => server!.HandleAsync(http)), port);
        server = new FakeAcsServer(app, bound, accessKey is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(accessKey));
        return server;
    }

    /// <summary>A port nothing listens on (yet): connections to it are refused.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A delivery report event (Event Grid schema) for a transmission, as ACS would post it.</summary>
    public static JsonArray DeliveryReport(AcsTransmission sent, string status = "Delivered", string details = "No error.") =>
    [
        new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Communication/CommunicationServices/acs",
            ["subject"] = $"/phonenumber/{sent.To.TrimStart('+')}",
            ["eventType"] = "Microsoft.Communication.SMSDeliveryReportReceived",
            ["eventTime"] = "2026-11-23T02:00:05Z",
            ["dataVersion"] = "1.0",
            ["data"] = new JsonObject
            {
                ["MessageId"] = sent.MessageId,
                ["From"] = "+18005550100",
                ["To"] = sent.To,
                ["DeliveryStatus"] = status,
                ["DeliveryStatusDetails"] = details,
                ["ReceivedTimestamp"] = "2026-11-23T02:00:05Z",
                ["DeliveryAttempts"] = new JsonArray(new JsonObject { ["Timestamp"] = "2026-11-23T02:00:04Z", ["SegmentsSucceeded"] = 1, ["SegmentsFailed"] = 0 }),
                ["Tag"] = sent.Tag,
            },
        },
    ];

    public ValueTask DisposeAsync() => new(LoopbackServer.StopAsync(_app));

    private async Task HandleAsync(HttpContext http)
    {
        var body = await LoopbackServer.BodyAsync(http.Request);
        var problem = CheckSignature(http.Request, body);
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            problem ??= $"Body is not JSON: {e.Message}";
        }

        var recipient = json?["smsRecipients"]?[0];
        var to = recipient?["to"]?.GetValue<string>();
        var message = json?["message"]?.GetValue<string>();
        var id = recipient?["repeatabilityRequestId"]?.GetValue<string>();
        var firstSent = recipient?["repeatabilityFirstSent"]?.GetValue<string>();
        var tag = json?["smsSendOptions"]?["tag"]?.GetValue<string>();
        problem ??= http.Request.Query["api-version"] != "2021-03-07" ? "api-version must be 2021-03-07" : null;
        problem ??= string.IsNullOrEmpty(json?["from"]?.GetValue<string>()) || to is null || message is null ? "from, smsRecipients[0].to and message are required" : null;
        problem ??= !Guid.TryParse(id, out _) ? "repeatabilityRequestId must be a UUID" : null;
        problem ??= !DateTimeOffset.TryParseExact(firstSent, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? "repeatabilityFirstSent must be an RFC 1123 date" : null;

        if (problem is not null)
        {
            Record(http, problem, to, message, id, firstSent, tag, problem.StartsWith("Signature", StringComparison.Ordinal) ? 401 : 400);
            http.Response.StatusCode = problem.StartsWith("Signature", StringComparison.Ordinal) ? 401 : 400;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "Invalid", message = problem } });
            return;
        }

        Faults.TryDequeue(out var fault);
        switch (fault)
        {
            case AcsFault.ServerError:
                Record(http, null, to, message, id, firstSent, tag, 500);
                http.Response.StatusCode = 500;
                await http.Response.WriteAsJsonAsync(new { error = new { code = "InternalError", message = "Something went wrong." } });
                return;
            case AcsFault.Throttled throttled:
                Record(http, null, to, message, id, firstSent, tag, 429);
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = ((int)throttled.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await http.Response.WriteAsJsonAsync(new { error = new { code = "TooManyRequests", message = "Slow down." } });
                return;
            case AcsFault.Dropped:
                Record(http, null, to, message, id, firstSent, tag, 0);
                http.Abort();
                return;
            case AcsFault.RecipientRefused refused:
                Record(http, null, to, message, id, firstSent, tag, 202);
                http.Response.StatusCode = 202;
                await http.Response.WriteAsJsonAsync(new
                {
                    value = new[] { new { to, messageId = (string?)null, httpStatusCode = refused.Status, repeatabilityResult = (string?)null, successful = false, errorMessage = refused.Error } },
                });
                return;
        }

        var answer = Send(id!, firstSent!, to!, message!, tag);
        Record(http, null, to, message, id, firstSent, tag, 202);
        if (fault is AcsFault.SlowAnswer slow)
        {
            await Task.Delay(slow.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        http.Response.StatusCode = 202;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer);
    }

    /// <summary>Transmits a new message, or answers a repeat with the first answer.</summary>
    private string Send(string id, string firstSent, string to, string message, string? tag)
    {
        lock (_gate)
        {
            if (_repeatable.TryGetValue(id, out var earlier))
            {
                if (earlier.FirstSent != firstSent)
                {
                    UnstableRepeats.Enqueue(id);
                }

                return earlier.Answer;
            }

            var messageId = $"Outgoing_{DateTime.UtcNow:yyyyMMddHHmmss}{Guid.NewGuid():N}_noam";
            var answer = JsonSerializer.Serialize(new
            {
                value = new[] { new { to, messageId, httpStatusCode = 202, repeatabilityResult = "accepted", successful = true, errorMessage = (string?)null } },
            });
            _repeatable[id] = (firstSent, answer);
            Transmissions.Enqueue(new AcsTransmission(to, message, id, messageId, tag));
            return answer;
        }
    }

    private void Record(HttpContext http, string? problem, string? to, string? message, string? id, string? firstSent, string? tag, int status) =>
        Requests.Enqueue(new AcsRequest(DateTimeOffset.UtcNow, problem is null || !problem.StartsWith("Signature", StringComparison.Ordinal), problem, to, message, id, firstSent, tag, status));

    /// <summary>Checks the HMAC the documented way: <c>POST\n{path?query}\n{x-ms-date};{host};{x-ms-content-sha256}</c>.</summary>
    private string? CheckSignature(HttpRequest request, byte[] body)
    {
        if (BearerToken is not null && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return request.Headers.Authorization.ToString() == $"Bearer {BearerToken}" ? null : "Signature: the bearer token is not valid";
        }

        var date = request.Headers["x-ms-date"].ToString();
        var hash = request.Headers["x-ms-content-sha256"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (date.Length == 0 || hash.Length == 0 || !authorization.StartsWith("HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return "Signature headers missing (x-ms-date, x-ms-content-sha256, Authorization: HMAC-SHA256 …)";
        }

        if (hash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "Signature: x-ms-content-sha256 does not match the body";
        }

        const string prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "Signature: SignedHeaders must be x-ms-date;host;x-ms-content-sha256";
        }

        var toSign = $"POST\n{request.Path}{request.QueryString}\n{date};{request.Host};{hash}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(toSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization[prefix.Length..]))
            ? null
            : "Signature does not match";
    }
}
