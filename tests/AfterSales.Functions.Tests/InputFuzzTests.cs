using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The fuzz suite: every write operation of the OpenAPI document gets generated malformed bodies — wrong
/// types, nulls in lists, huge and control-character strings, invalid UTF-8, deep nesting, extreme numbers and
/// dates, wrong content types, empty bodies. Whatever arrives, the answer is never 5xx, every refusal is a
/// ProblemDetails (a 400 names at least one field), and a refused request leaves storage exactly as it was.
/// </summary>
public sealed class InputFuzzTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private const string EngineerId = "fuzz-engineer";

    private static readonly string[] Hostile =
    [
        "null", "true", "false", "0", "-1", "1e400", "-1e400", "2147483648", "99999999999999999999999999999", "0.0000000001", "-0",
        "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0007b\"", "\"\\ud800\"", "\"\\udc00x\"", $"\"{new string('长', 5000)}\"",
        "\"9999-12-31T23:59:59+00:00\"", "\"0001-01-01T00:00:00Z\"", "\"2026-02-30\"", "\"9999-12-31\"", "\"2026-11-27T10:00:00\"",
        "\"<script>alert(1)</script>\"", "\"../../x\"", "\"%00\"", "\"*\"", "\"urgent\"", "\"repair\"", "\"approve\"",
        "[]", "{}", "[null]", "[[]]", "[{}]", "{\"a\":null}", "[1,\"x\",null]",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json", "application/json; charset=utf-8",
        "", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
    ];

    private readonly AppFactory _app = new(azurite);
    private readonly List<Operation> _operations = [];
    private string _ticket = string.Empty;

    public async Task InitializeAsync()
    {
        var ticket = await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync();
        _ticket = ticket["number"]!.GetValue<string>();
        var engineer = await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", TeamRequests.Engineer(EngineerId));
        Assert.Equal(HttpStatusCode.Created, engineer.StatusCode);

        var document = await (await _app.ClientAs(null).GetAsync("/openapi/v1.json")).JsonAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "post" or "put" && operation!["requestBody"] is { } body)
                {
                    var schema = body["content"]?["application/json"]?["schema"];
                    _operations.Add(new Operation(method.ToUpperInvariant(), Fill(path), schema, document));
                }
            }
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void OpenApi_ListsEveryWriteOperationWithABody()
    {
        var paths = _operations.Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.Contains($"POST /api/tickets", paths);
        Assert.Contains($"POST /api/tickets/{_ticket}/resolve", paths);
        Assert.Contains($"POST /api/engineers", paths);
        Assert.Contains($"PUT /api/engineers/{EngineerId}", paths);
        Assert.Contains("POST /api/purchases", paths);
        Assert.Contains("POST /api/sla/preview", paths);
        Assert.True(_operations.Count >= 28, string.Join("\n", paths));
    }

    [Fact]
    public async Task EveryWriteOperation_ClassicMalformedBodies_AreProblemsThatChangeNothing()
    {
        var cases = new (string Name, string ContentType, byte[] Body)[]
        {
            ("empty body, no type", string.Empty, []),
            ("JSON without Content-Type", string.Empty, "{\"reason\":\"x\"}"u8.ToArray()),
            ("text/plain", "text/plain", "{\"reason\":\"x\"}"u8.ToArray()),
            ("form", "application/x-www-form-urlencoded", "reason=x"u8.ToArray()),
            ("truncated", "application/json", "{\"reason\":\"x"u8.ToArray()),
            ("not JSON", "application/json", "reason=x"u8.ToArray()),
            ("JSON null", "application/json", "null"u8.ToArray()),
            ("an array", "application/json", "[1,2]"u8.ToArray()),
            ("a string", "application/json", "\"张\""u8.ToArray()),
            ("invalid UTF-8 in a string", "application/json", [.. "{\"reason\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
            ("NUL in a string", "application/json", "{\"reason\":\"a\\u0000b\"}"u8.ToArray()),
            ("lone surrogate", "application/json", "{\"reason\":\"\\ud800\"}"u8.ToArray()),
            ("deep nesting", "application/json", Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200))),
            ("deep object", "application/json", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100))),
            ("300 KB", "application/json", Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('x', 300_000) + "\"}")),
        };

        var failures = new List<string>();
        foreach (var operation in _operations)
        {
            foreach (var (name, contentType, body) in cases)
            {
                var problem = await CheckAsync(operation, Roles.Manager, contentType, body);
                if (problem is not null)
                {
                    failures.Add($"{operation.Method} {operation.Path} with {name}: {problem}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryWriteOperation_GeneratedBodies_NeverFailOnTheServer()
    {
        var roles = Gen.OneOf(Roles.Agent, Roles.Supervisor, Roles.Engineer, Roles.FollowUp, Roles.Manager);
        var requests = Gen.Select(Gen.Int[0, _operations.Count - 1], roles, Gen.OneOf(ContentTypes), Gen.Int[0, 9], Gen.Int[0, int.MaxValue])
            .SelectMany(t => BodyFor(_operations[t.Item1].Schema, _operations[t.Item1].Document, 3)
                .Select(body => (Operation: _operations[t.Item1], Role: t.Item2, ContentType: t.Item3, Body: Mutate(body, t.Item4, t.Item5))));

        try
        {
            await requests.SampleAsync(
                async r =>
                {
                    var problem = await CheckAsync(r.Operation, r.Role, r.ContentType, r.Body);
                    Assert.True(problem is null, $"{r.Operation.Method} {r.Operation.Path} as {r.Role} ({r.ContentType}) {Preview(r.Body)}: {problem}");
                },
                iter: 400,
                threads: 1,
                print: r => $"{r.Operation.Method} {r.Operation.Path} {r.ContentType} {Preview(r.Body)}");
        }
        catch (CsCheckException e)
        {
            // The sample's own failure message says what the server answered.
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{e.InnerException?.Message}");
        }
    }

    /// <summary>Sends one request; null when the answer is sound, else what is wrong with it.</summary>
    private async Task<string?> CheckAsync(Operation operation, string role, string contentType, byte[] body)
    {
        // Work an earlier accepted request left to the background (its SMS, its report facts) is not this request's.
        await _app.Services.GetRequiredService<Application.Notifications.SmsDispatcher>().WhenIdleAsync();
        await _app.Services.GetRequiredService<Application.Reports.ReportProjection>().WhenIdleAsync();
        var before = await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = contentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(contentType);
        var response = await _app.ClientAs(role).SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            var fault = _app.Logs.LastOrDefault(l => l.StartsWith("Unhandled fault", StringComparison.Ordinal)) ?? string.Empty;
            return $"{status} {text[..Math.Min(text.Length, 500)]} {fault[..Math.Min(fault.Length, 1500)]}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without ProblemDetails ({response.Content.Headers.ContentType}): {text[..Math.Min(text.Length, 200)]}";
        }

        var problem = JsonNode.Parse(text)!.AsObject();
        if (problem["title"] is null || (status == 400 && problem["errors"]?.AsObject().Count is not > 0) || (status != 400 && problem["detail"] is null))
        {
            return $"{status} ProblemDetails without the field or detail: {text[..Math.Min(text.Length, 300)]}";
        }

        var changes = (await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix)).ChangesSince(before);
        return changes.Count == 0 ? null : $"{status}, but storage changed: {string.Join(", ", changes.Take(5))}";
    }

    private string Fill(string path) => path
        .Replace("{idOrNumber}", _ticket, StringComparison.Ordinal)
        .Replace("{id}", EngineerId, StringComparison.Ordinal)
        .Replace("{department}", "repair", StringComparison.Ordinal);

    /// <summary>A body shaped by the operation's schema, with hostile values in some of its fields.</summary>
    private static Gen<string> BodyFor(JsonNode? schema, JsonNode document, int depth)
    {
        schema = Resolve(schema, document);
        var hostile = Gen.OneOf(Hostile);
        if (schema is null || depth == 0)
        {
            return hostile;
        }

        if (schema["properties"] is JsonObject properties && properties.Count > 0)
        {
            // Each field is left out, shaped by its schema, or hostile.
            var body = Gen.Const(string.Empty);
            foreach (var (name, property) in properties)
            {
                var field = Gen.Frequency((2, Gen.Const(string.Empty)), (3, BodyFor(property, document, depth - 1)), (2, hostile));
                body = body.SelectMany(text => field.Select(value =>
                    value.Length == 0 ? text : $"{text}{(text.Length == 0 ? string.Empty : ",")}\"{name}\":{value}"));
            }

            return body.Select(text => "{" + text + "}");
        }

        if (schema["items"] is { } items)
        {
            return Gen.Frequency(
                (3, BodyFor(items, document, depth - 1).Array[0, 3].Select(values => "[" + string.Join(",", values) + "]")),
                (1, hostile));
        }

        return hostile;
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is { } reference; i++)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            schema = document["components"]?["schemas"]?[name];
        }

        if (schema?["anyOf"] is JsonArray any)
        {
            return Resolve(any.FirstOrDefault(s => s?["type"]?.ToString() != "null"), document);
        }

        return schema;
    }

    /// <summary>Byte-level damage: none, truncation, invalid UTF-8 in the first string, a BOM, or random bytes.</summary>
    private static byte[] Mutate(string body, int kind, int seed)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var random = new Random(seed);
        switch (kind)
        {
            case 0:
                return bytes.Length > 1 ? bytes[..random.Next(1, bytes.Length)] : bytes;
            case 1:
                var quote = Array.IndexOf(bytes, (byte)'"', 1);
                return quote < 0 ? bytes : [.. bytes[..(quote + 1)], 0xFF, 0xFE, .. bytes[(quote + 1)..]];
            case 2:
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case 3:
                var noise = new byte[random.Next(1, 64)];
                random.NextBytes(noise);
                return noise;
            default:
                return bytes;
        }
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 400 ? text[..400] + "…" : text;
    }

    private sealed record Operation(string Method, string Path, JsonNode? Schema, JsonNode Document);
}
