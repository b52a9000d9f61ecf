using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The fuzz suite's other half: hostile path parameters and query strings — impossible ticket numbers, NUL, <c>..</c>,
/// escaped slashes, very long values, non-ASCII digits, direction overrides, invalid UTF-8, continuation tokens that
/// are base64 of other JSON — sent to every operation of the OpenAPI document and every console page. Whatever
/// arrives, the answer is never 5xx, an API refusal is a ProblemDetails that says what is wrong, and storage is
/// left exactly as it was.
/// </summary>
public sealed class HostileUrlTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private const string EngineerId = "hostile-engineer";

    /// <summary>Values for a path segment or a query value, already escaped for a URL.</summary>
    private static readonly string[] Hostile =
    [
        "AS-99991231-00001", "AS-00010101-00001", "AS-20261123-000001", "as-20261123-1", "AS-20261123-١٢٣٤٥",
        "%00", "a%00b", "..", "%2e%2e", "a%2Fb", "%2F", "a%5Cb", "a%23b", "%3F", "%20", "%E2%80%AE", "%FF%FE", "%C0%AF",
        "-1", "0", "1e9", "99999999999999999999", "%D9%A1", "%EF%BC%92", "NaN", "9999-12", "0000-00", "2026-13",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20or%20'1'='1", new string('x', 3000), Uri.EscapeDataString(new string('长', 800)),
        Base64("{\"NextPartitionKey\":\"../x\",\"NextRowKey\":\"\\u0000\"}"), Base64("{\"a\":1}"), Base64("[]"), Base64("x/y"), Base64(new string('a', 4000)),
    ];

    /// <summary>The query parameters each list reads (those read from the query by hand are not in the OpenAPI document).</summary>
    private static readonly Dictionary<string, string[]> Queries = new(StringComparer.Ordinal)
    {
        ["/api/tickets"] = ["status", "channel", "receivedFrom", "receivedTo", "pageSize", "continuationToken", "queue", "assignedTo"],
        ["/api/sms"] = ["from", "to", "status", "kind", "pageSize", "continuationToken"],
        ["/api/admin/workflows"] = ["status", "pageSize", "continuationToken"],
        ["/api/engineers"] = ["department"],
        ["/api/inbox"] = ["role"],
        ["/console/tickets"] = ["status", "channel", "receivedFrom", "receivedTo", "queue", "assignedTo", "continuationToken"],
        ["/console/reports"] = ["month", "run", "runMonth"],
        ["/console"] = ["lang", "done", "back"],
        ["/console/sign-in"] = ["ReturnUrl", "lang"],
    };

    private static readonly string[] ConsolePages =
    [
        "/console/tickets/{ticket}", "/console/tickets/{ticket}/{command}", "/console/admin/engineers/{engineer}", "/console/admin/departments/{department}",
    ];

    private readonly AppFactory _app = new(azurite, b => b.UseEnvironment("Development"));
    private readonly List<(string Method, string Path)> _operations = [];
    private string _ticket = string.Empty;

    public async Task InitializeAsync()
    {
        _ticket = (await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", TeamRequests.Engineer(EngineerId))).StatusCode);
        var document = await (await _app.ClientAs(null).GetAsync("/openapi/v1.json")).JsonAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            _operations.AddRange(item!.AsObject().Select(o => (o.Key.ToUpperInvariant(), path)));
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryOperation_WithAHostileValueInEachPathParameter_IsNeverAServerError_AndChangesNothing()
    {
        var before = await SettledSnapshotAsync();
        var failures = new List<string>();
        var client = _app.ClientAs(Roles.Manager);
        foreach (var (method, path) in _operations.Where(o => o.Path.Contains('{', StringComparison.Ordinal)))
        {
            var parameters = System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            foreach (var parameter in parameters)
            {
                foreach (var value in Hostile)
                {
                    var url = Fill(path, parameter, value);
                    var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method is "POST" or "PUT")
                    {
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    }

                    if (await SendAsync(client, request) is not { } response)
                    {
                        continue; // a NUL in the path: refused by the web server before the app (Kestrel answers 400)
                    }

                    if (await ProblemAsync(response, api: true) is { } problem)
                    {
                        failures.Add($"{method} {url[..Math.Min(url.Length, 160)]}: {problem}");
                    }
                }
            }
        }

        failures.AddRange(await ChangesSinceAsync(before));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task EveryListAndConsolePage_WithAHostileValueInEachQueryParameter_IsNeverAServerError_AndChangesNothing()
    {
        var before = await SettledSnapshotAsync();
        var failures = new List<string>();
        var api = _app.ClientAs(Roles.Manager);
        var console = await ConsoleSession.SignedInAsync(_app, Roles.Manager);
        foreach (var (path, parameters) in Queries)
        {
            var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var parameter in parameters)
            {
                foreach (var value in Hostile)
                {
                    var url = $"{path}?{parameter}={value}";
                    if (await ProblemAsync(await (isApi ? api : console).GetAsync(url), isApi) is { } problem)
                    {
                        failures.Add($"GET {url[..Math.Min(url.Length, 160)]}: {problem}");
                    }
                }
            }
        }

        foreach (var page in ConsolePages)
        {
            foreach (var value in Hostile)
            {
                var url = page.Replace("{ticket}", value, StringComparison.Ordinal).Replace("{command}", value, StringComparison.Ordinal)
                    .Replace("{engineer}", value, StringComparison.Ordinal).Replace("{department}", value, StringComparison.Ordinal);
                if (await SendAsync(console, new HttpRequestMessage(HttpMethod.Get, url)) is not { } response)
                {
                    continue;
                }

                if (await ProblemAsync(response, api: false) is { } problem)
                {
                    failures.Add($"GET {url[..Math.Min(url.Length, 160)]}: {problem}");
                }
            }
        }

        failures.AddRange(await ChangesSinceAsync(before));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    /// <summary>The answer; null when the test server, like Kestrel, refuses a path with NUL in it before the app sees it.</summary>
    private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            return await client.SendAsync(request);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal) && request.RequestUri!.OriginalString.Split('?')[0].Contains("%00", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>Null when the answer is sound; else what is wrong with it.</summary>
    private async Task<string?> ProblemAsync(HttpResponseMessage response, bool api)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            var fault = _app.Logs.LastOrDefault(l => l.StartsWith("Unhandled fault", StringComparison.Ordinal)) ?? string.Empty;
            return $"{status} {text[..Math.Min(text.Length, 300)]} {fault[..Math.Min(fault.Length, 800)]}";
        }

        if (!api || status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without ProblemDetails ({response.Content.Headers.ContentType}): {text[..Math.Min(text.Length, 200)]}";
        }

        var problem = JsonNode.Parse(text)!.AsObject();
        return problem["title"] is null || (problem["detail"] is null && problem["errors"]?.AsObject().Count is not > 0)
            ? $"{status} ProblemDetails that says nothing: {text[..Math.Min(text.Length, 300)]}"
            : null;
    }

    private string Fill(string path, string hostileParameter, string value) =>
        System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m => m.Groups[1].Value == hostileParameter ? value : m.Groups[1].Value switch
        {
            "idOrNumber" => _ticket,
            "id" when path.Contains("/runs/", StringComparison.Ordinal) => "0190b5c3a1e07d2e9f3a4b5c6d7e8f90",
            "id" => EngineerId,
            "department" => "repair",
            "round" => "1",
            "file" => "2026-10.json",
            "month" => "2026-10",
            "name" => "HousekeepingSweep",
            _ => "x",
        });

    private async Task<StorageSnapshot> SettledSnapshotAsync()
    {
        await _app.Services.GetRequiredService<Application.Notifications.SmsDispatcher>().WhenIdleAsync();
        await _app.Services.GetRequiredService<Application.Reports.ReportProjection>().WhenIdleAsync();
        return await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix);
    }

    private async Task<IEnumerable<string>> ChangesSinceAsync(StorageSnapshot before) =>
        (await SettledSnapshotAsync()).ChangesSince(before).Select(c => $"storage changed: {c}");

    private static string Base64(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
