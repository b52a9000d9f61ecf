using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AfterSales.Testing;

/// <summary>An SMS Tencent's fake took for a handset.</summary>
public sealed record TencentTransmission(string PhoneNumber, string SdkAppId, string SignName, string TemplateId, IReadOnlyList<string> Parameters, string? SessionContext, string SerialNo);

/// <summary>One request the fake received, and what was wrong with it (null: nothing).</summary>
public sealed record TencentRequest(string? Action, string? Problem, JsonNode? Body);

/// <summary>What the fake answers the next request with instead of sending.</summary>
public abstract record TencentFault
{
    /// <summary>The number's item in <c>SendStatusSet</c> carries this code instead of <c>Ok</c>.</summary>
    public sealed record NumberCode(string Code, string Message = "refused") : TencentFault;

    /// <summary><c>Response.Error</c> with this code: the whole request failed.</summary>
    public sealed record RequestError(string Code, string Message = "failed") : TencentFault;

    /// <summary>The message is sent, but the answer comes after <paramref name="Delay"/>.</summary>
    public sealed record SlowAnswer(TimeSpan Delay) : TencentFault;
}

/// <summary>
/// A stand-in for Tencent Cloud SMS (API 3.0, <c>SendSms</c> 2021-01-11) on a local port, written from the
/// documentation and independent of the product's client: it recomputes each request's TC3-HMAC-SHA256 signature from
/// what arrived — the signing date taken as the UTC date of <c>X-TC-Timestamp</c> — and records what would reach a
/// handset. Like the real service it does not recognise a repeated send.
/// </summary>
public sealed class FakeTencentSms : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _sent;

    private FakeTencentSms(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public string SecretId { get; } = "AKIDFakeSecretId0123456789";

    public string SecretKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string SdkAppId { get; } = "1400000001";

    /// <summary>
    /// False while the operators' receipts have not come: Tencent's send records (PullSmsSendStatusByPhoneNumber) are
    /// filled from them, so a message just sent is not in them yet.
    /// </summary>
    public bool RecordsShown { get; set; } = true;

    public ConcurrentQueue<TencentFault> Faults { get; } = new();

    public ConcurrentQueue<TencentRequest> Requests { get; } = new();

    public ConcurrentQueue<TencentTransmission> Transmissions { get; } = new();

    public static async Task<FakeTencentSms> StartAsync()
    {
        FakeTencentSms? fake = null;
        var (app, port) = await LoopbackServer.StartAsync(app => app.MapPost("/", (HttpContext http) => fake!.HandleAsync(http)));
        fake = new FakeTencentSms(app, port);
        return fake;
    }

    public ValueTask DisposeAsync() => new(LoopbackServer.StopAsync(_app));

    /// <summary>The status callback Tencent posts for <paramref name="sent"/> (a JSON array), delivered or not.</summary>
    public static JsonArray Receipt(TencentTransmission sent, bool success = true) =>
    [
        new JsonObject
        {
            ["user_receive_time"] = "2026-11-23 10:00:05", ["nationcode"] = "86", ["mobile"] = sent.PhoneNumber.Replace("+86", string.Empty, StringComparison.Ordinal),
            ["report_status"] = success ? "SUCCESS" : "FAIL", ["errmsg"] = success ? "DELIVRD" : "MK:0001", ["description"] = success ? "用户短信送达成功" : "空号",
            ["sid"] = sent.SerialNo,
        },
    ];

    private async Task HandleAsync(HttpContext http)
    {
        var bytes = await LoopbackServer.BodyAsync(http.Request);
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(bytes);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        var action = http.Request.Headers["X-TC-Action"].ToString();
        var problem = Verify(http.Request, bytes);
        problem ??= http.Request.Headers["X-TC-Version"] != "2021-01-11" ? "X-TC-Version must be 2021-01-11" : null;
        problem ??= string.IsNullOrEmpty(http.Request.Headers["X-TC-Region"]) ? "X-TC-Region is required" : null;
        Requests.Enqueue(new TencentRequest(action, problem, body));
        if (problem is not null)
        {
            await Answer(http, new JsonObject { ["Error"] = new JsonObject { ["Code"] = problem.StartsWith("Signature", StringComparison.Ordinal) ? "AuthFailure.SignatureFailure" : "InvalidParameter", ["Message"] = problem } });
            return;
        }

        if (action == "PullSmsSendStatusByPhoneNumber")
        {
            var number = body?["PhoneNumber"]?.GetValue<string>();
            var records = new JsonArray([.. Transmissions.Where(t => RecordsShown && t.PhoneNumber == number).Select(t => (JsonNode?)new JsonObject
            {
                ["UserReceiveTime"] = 0, ["CountryCode"] = "86", ["SubscriberNumber"] = t.PhoneNumber.TrimStart('+'), ["PhoneNumber"] = t.PhoneNumber,
                ["SerialNo"] = t.SerialNo, ["ReportStatus"] = "SUCCESS", ["Description"] = "用户短信接收成功", ["SessionContext"] = t.SessionContext,
            })]);
            await Answer(http, new JsonObject { ["PullSmsSendStatusSet"] = records });
            return;
        }

        var phone = body?["PhoneNumberSet"]?[0]?.GetValue<string>();
        var parameters = body?["TemplateParamSet"]?.AsArray().Select(p => p?.GetValue<string>() ?? string.Empty).ToList() ?? [];
        if (action != "SendSms" || phone is null || body?["SmsSdkAppId"]?.GetValue<string>() != SdkAppId)
        {
            await Answer(http, new JsonObject { ["Error"] = new JsonObject { ["Code"] = "InvalidParameterValue.SdkAppIdNotExist", ["Message"] = "SendSms needs PhoneNumberSet and this SmsSdkAppId" } });
            return;
        }

        if (parameters.Any(p => p.Contains("http", StringComparison.OrdinalIgnoreCase)))
        {
            await Answer(http, Status(phone, "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", "a variable may not carry a link", null));
            return;
        }

        Faults.TryDequeue(out var fault);
        switch (fault)
        {
            case TencentFault.NumberCode code:
                await Answer(http, Status(phone, code.Code, code.Message, null));
                return;
            case TencentFault.RequestError error:
                await Answer(http, new JsonObject { ["Error"] = new JsonObject { ["Code"] = error.Code, ["Message"] = error.Message } });
                return;
        }

        var serial = $"2433:{Interlocked.Increment(ref _sent):D10}";
        Transmissions.Enqueue(new TencentTransmission(
            phone, SdkAppId, body?["SignName"]?.GetValue<string>() ?? string.Empty, body?["TemplateId"]?.GetValue<string>() ?? string.Empty,
            parameters, body?["SessionContext"]?.GetValue<string>(), serial));
        if (fault is TencentFault.SlowAnswer slow)
        {
            await Task.Delay(slow.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await Answer(http, Status(phone, "Ok", "send success", serial));
    }

    private static JsonObject Status(string phone, string code, string message, string? serial) => new()
    {
        ["SendStatusSet"] = new JsonArray(new JsonObject
        {
            ["SerialNo"] = serial ?? string.Empty, ["PhoneNumber"] = phone, ["Fee"] = serial is null ? 0 : 1, ["SessionContext"] = string.Empty,
            ["Code"] = code, ["Message"] = message, ["IsoCode"] = "CN",
        }),
    };

    private static Task Answer(HttpContext http, JsonObject response)
    {
        response["RequestId"] = Guid.NewGuid().ToString();
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(new JsonObject { ["Response"] = response }.ToJsonString());
    }

    /// <summary>The signature check, following the documentation's steps; null when the request is genuine.</summary>
    private string? Verify(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string prefix = "TC3-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "Signature: Authorization is not TC3-HMAC-SHA256";
        }

        var parts = authorization[prefix.Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
        var credential = (parts.GetValueOrDefault("Credential") ?? string.Empty).Split('/');
        if (credential.Length != 4 || credential[0] != SecretId || credential[2] != "sms" || credential[3] != "tc3_request")
        {
            return "Signature: the credential is not SecretId/date/sms/tc3_request";
        }

        if (!long.TryParse(request.Headers["X-TC-Timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return "Signature: X-TC-Timestamp is missing";
        }

        var date = DateTime.UnixEpoch.AddSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (credential[1] != date)
        {
            return $"Signature: the credential's date {credential[1]} is not the timestamp's UTC date {date}";
        }

        var signedHeaders = (parts.GetValueOrDefault("SignedHeaders") ?? string.Empty).Split(';');
        if (!signedHeaders.Contains("content-type") || !signedHeaders.Contains("host"))
        {
            return "Signature: content-type and host must be signed";
        }

        var canonicalHeaders = string.Concat(signedHeaders.Select(name => name + ":" + (name == "host" ? request.Host.Value : request.Headers[name].ToString())!.Trim().ToLowerInvariant() + "\n"));
        var canonical = $"{request.Method}\n/\n\n{canonicalHeaders}\n{string.Join(';', signedHeaders)}\n{Hex(SHA256.HashData(body))}";
        var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var secretDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + SecretKey), Encoding.UTF8.GetBytes(date));
        var secretService = HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes("sms"));
        var secretSigning = HMACSHA256.HashData(secretService, Encoding.UTF8.GetBytes("tc3_request"));
        var expected = Hex(HMACSHA256.HashData(secretSigning, Encoding.UTF8.GetBytes(toSign)));
        return parts.GetValueOrDefault("Signature") == expected ? null : "Signature: the signature does not match";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
