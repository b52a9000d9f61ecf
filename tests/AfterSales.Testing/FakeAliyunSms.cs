using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AfterSales.Testing;

/// <summary>An SMS Alibaba's fake took for a handset.</summary>
public sealed record AliyunTransmission(string PhoneNumbers, string SignName, string TemplateCode, JsonObject TemplateParam, string? OutId, string BizId);

/// <summary>One request the fake received, and what was wrong with it (null: nothing).</summary>
public sealed record AliyunRequest(string? Action, string? Problem, IReadOnlyDictionary<string, string> Query);

/// <summary>What the fake answers the next request with instead of sending.</summary>
public abstract record AliyunFault
{
    /// <summary>HTTP 200 with this business error code (and message), as the service answers a refused send.</summary>
    public sealed record Code(string Value, string Message = "refused") : AliyunFault;

    /// <summary>HTTP 500 with <c>isp.SYSTEM_ERROR</c>; nothing is sent.</summary>
    public sealed record ServerError : AliyunFault;

    /// <summary>The message is sent, but the answer comes after <paramref name="Delay"/> (the caller gives up first).</summary>
    public sealed record SlowAnswer(TimeSpan Delay) : AliyunFault;
}

/// <summary>
/// A stand-in for Alibaba Cloud SMS (dysmsapi 2017-05-25, RPC over HTTP with the V3 signature) on a local port, written
/// from the documentation and independent of the product's client: it recomputes every request's ACS3-HMAC-SHA256
/// signature from what arrived (its own canonicalisation, the way Alibaba's documentation spells it), checks the body
/// hash, refuses a reused nonce, and records what would reach a handset. Like the real service it does not recognise
/// a repeated send: each accepted request is one more SMS.
/// </summary>
public sealed class FakeAliyunSms : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _nonces = new(StringComparer.Ordinal);
    private int _sent;

    private FakeAliyunSms(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public string AccessKeyId { get; } = "LTAI5tFakeAccessKeyId";

    public string AccessKeySecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(15));

    public ConcurrentQueue<AliyunFault> Faults { get; } = new();

    public ConcurrentQueue<AliyunRequest> Requests { get; } = new();

    public ConcurrentQueue<AliyunTransmission> Transmissions { get; } = new();

    public static async Task<FakeAliyunSms> StartAsync()
    {
        FakeAliyunSms? fake = null;
        var (app, port) = await LoopbackServer.StartAsync(app => app.MapPost("/", (HttpContext http) => fake!.HandleAsync(http)));
        fake = new FakeAliyunSms(app, port);
        return fake;
    }

    public ValueTask DisposeAsync() => new(LoopbackServer.StopAsync(_app));

    /// <summary>The receipt Alibaba pushes for <paramref name="sent"/> (HTTP batch push: a JSON array), delivered or not.</summary>
    public static JsonArray Receipt(AliyunTransmission sent, bool success = true, string errCode = "DELIVERED", string errMsg = "用户接收成功") =>
    [
        new JsonObject
        {
            ["phone_number"] = sent.PhoneNumbers, ["send_time"] = "2026-11-23 10:00:01", ["report_time"] = "2026-11-23 10:00:05",
            ["success"] = success, ["err_code"] = errCode, ["err_msg"] = errMsg, ["sms_size"] = "1", ["biz_id"] = sent.BizId, ["out_id"] = sent.OutId,
        },
    ];

    private async Task HandleAsync(HttpContext http)
    {
        var body = await LoopbackServer.BodyAsync(http.Request);
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var action = http.Request.Headers["x-acs-action"].ToString();
        var problem = Verify(http.Request, body);
        problem ??= http.Request.Headers["x-acs-version"] != "2017-05-25" ? "x-acs-version must be 2017-05-25" : null;
        Requests.Enqueue(new AliyunRequest(action, problem, query));
        if (problem is not null)
        {
            http.Response.StatusCode = 400;
            await Reply(http, new { Code = problem.StartsWith("Signature", StringComparison.Ordinal) ? "SignatureDoesNotMatch" : "MissingParameter", Message = problem, RequestId = Guid.NewGuid() });
            return;
        }

        if (action == "QuerySendDetails")
        {
            // The records of one number, newest last, as Alibaba keeps them (every accepted send, with our OutId).
            var phone = query.GetValueOrDefault("PhoneNumber");
            var details = Transmissions.Where(t => t.PhoneNumbers == phone)
                .Select(t => new { PhoneNum = t.PhoneNumbers, SendStatus = 3, ErrCode = "DELIVERED", TemplateCode = t.TemplateCode, t.OutId, Content = "【" + t.SignName + "】…" })
                .ToList();
            await Reply(http, new { Code = "OK", Message = "OK", TotalCount = details.Count, SmsSendDetailDTOs = new { SmsSendDetailDTO = details }, RequestId = Guid.NewGuid() });
            return;
        }

        if (action != "SendSms")
        {
            http.Response.StatusCode = 404;
            await Reply(http, new { Code = "InvalidAction.NotFound", Message = $"{action} is not an action of this fake" });
            return;
        }

        JsonObject? parameters = null;
        try
        {
            parameters = JsonNode.Parse(query.GetValueOrDefault("TemplateParam") ?? "{}") as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            parameters = null;
        }

        if (parameters is null || parameters.Any(p => p.Value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            await Reply(http, new { Code = "isv.INVALID_JSON_PARAM", Message = "TemplateParam must be a JSON object of strings", RequestId = Guid.NewGuid() });
            return;
        }

        Faults.TryDequeue(out var fault);
        switch (fault)
        {
            case AliyunFault.Code code:
                await Reply(http, new { Code = code.Value, code.Message, RequestId = Guid.NewGuid() });
                return;
            case AliyunFault.ServerError:
                http.Response.StatusCode = 500;
                await Reply(http, new { Code = "isp.SYSTEM_ERROR", Message = "系统出现错误", RequestId = Guid.NewGuid() });
                return;
        }

        var bizId = $"{Interlocked.Increment(ref _sent):D6}^0";
        Transmissions.Enqueue(new AliyunTransmission(
            query.GetValueOrDefault("PhoneNumbers") ?? string.Empty, query.GetValueOrDefault("SignName") ?? string.Empty,
            query.GetValueOrDefault("TemplateCode") ?? string.Empty, parameters, query.GetValueOrDefault("OutId"), bizId));
        if (fault is AliyunFault.SlowAnswer slow)
        {
            await Task.Delay(slow.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await Reply(http, new { Code = "OK", Message = "OK", BizId = bizId, RequestId = Guid.NewGuid() });
    }

    /// <summary>The signature check, as the documentation describes it; null when the request is genuine.</summary>
    private string? Verify(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string prefix = "ACS3-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "Signature: Authorization is not ACS3-HMAC-SHA256";
        }

        var parts = authorization[prefix.Length..].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : string.Empty);
        if (parts.GetValueOrDefault("Credential") != AccessKeyId)
        {
            return "Signature: unknown AccessKeyId";
        }

        var signedHeaders = (parts.GetValueOrDefault("SignedHeaders") ?? string.Empty).Split(';');
        foreach (var required in new[] { "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version" })
        {
            if (!signedHeaders.Contains(required))
            {
                return $"Signature: {required} is not signed";
            }
        }

        var bodyHash = Hex(SHA256.HashData(body));
        if (request.Headers["x-acs-content-sha256"] != bodyHash)
        {
            return "Signature: x-acs-content-sha256 is not the body's hash";
        }

        if (!_nonces.TryAdd(request.Headers["x-acs-signature-nonce"].ToString(), true))
        {
            return "Signature: the nonce was used before (a replayed request)";
        }

        // Query: every name and value decoded, then encoded again the documented way and sorted by name.
        var pairs = request.QueryString.Value is { Length: > 1 } raw
            ? raw[1..].Split('&').Select(p => p.Split('=', 2)).Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            : [];
        var canonicalQuery = string.Join("&", pairs.Select(p => Encode(p.Name) + "=" + Encode(p.Value)).OrderBy(p => p, StringComparer.Ordinal));
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.OrderBy(n => n, StringComparer.Ordinal))
        {
            canonicalHeaders.Append(name).Append(':').Append((name == "host" ? request.Host.Value : request.Headers[name].ToString())!.Trim()).Append('\n');
        }

        var canonical = request.Method + "\n" + request.Path.Value + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + string.Join(';', signedHeaders) + "\n" + bodyHash;
        var expected = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AccessKeySecret), Encoding.UTF8.GetBytes("ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))))));
        return parts.GetValueOrDefault("Signature") == expected ? null : "Signature: SignatureDoesNotMatch";
    }

    /// <summary>
    /// The documentation's recipe: Java's <c>URLEncoder</c> (UTF-8; letters, digits and <c>. - * _</c> kept, space as
    /// '+', the rest as upper-case %XX), then '+' → %20, '*' → %2A, %7E → '~'.
    /// </summary>
    private static string Encode(string value)
    {
        var java = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            java.Append(c switch
            {
                _ when char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_' => c.ToString(),
                ' ' => "+",
                _ => "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return java.ToString().Replace("+", "%20", StringComparison.Ordinal).Replace("*", "%2A", StringComparison.Ordinal).Replace("%7E", "~", StringComparison.Ordinal);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Alibaba answers with PascalCase names (<c>Code</c>, <c>BizId</c>), not the web default.</summary>
    private static Task Reply(HttpContext http, object answer)
    {
        http.Response.ContentType = "application/json;charset=utf-8";
        return http.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(answer));
    }
}
