using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The authorization matrix: every operation of the OpenAPI document × anonymous, a wrong key and each role. The
/// expected matrix is the one table below; the app must follow it, and the README's API table must say the same.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private const string Anonymous = "anonymous";
    private const string EventKey = "event key";

    private static readonly string[] Staff = [.. Roles.Staff];
    private static readonly string[] Everyone = [.. Roles.All];

    /// <summary>Who may call each operation ("METHOD path" as in the OpenAPI document).</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = [Anonymous],
        ["POST /api/events/sms"] = [EventKey],
        ["POST /api/events/sms/aliyun"] = [EventKey],
        ["POST /api/events/sms/tencent"] = [EventKey],
        ["OPTIONS /api/events/sms"] = [EventKey],
        ["POST /api/tickets"] = [.. Roles.Intake],
        ["GET /api/tickets"] = Everyone,
        ["GET /api/tickets/{idOrNumber}"] = Everyone,
        ["GET /api/tickets/{idOrNumber}/history"] = Everyone,
        ["GET /api/tickets/{idOrNumber}/sms"] = Everyone,
        ["GET /api/tickets/{idOrNumber}/workflow"] = Everyone,
        ["GET /api/sms"] = Everyone,
        ["POST /api/sla/preview"] = [.. Roles.SlaAdministration],
        ["GET /api/engineers"] = Staff,
        ["GET /api/engineers/{id}"] = Staff,
        ["POST /api/engineers"] = [.. Roles.Supervision],
        ["PUT /api/engineers/{id}"] = [.. Roles.Supervision],
        ["GET /api/departments"] = Staff,
        ["GET /api/departments/{department}"] = Staff,
        ["PUT /api/departments/{department}"] = [.. Roles.Supervision],
        ["GET /api/tickets/{idOrNumber}/candidates"] = [.. Roles.Supervision],
        ["POST /api/tickets/{idOrNumber}/dispatch"] = [.. Roles.Supervision],
        ["GET /api/tickets/{idOrNumber}/confirmations"] = Staff,
        ["GET /api/tickets/{idOrNumber}/confirmations/{round}/signature"] = Staff,
        ["GET /api/tickets/{idOrNumber}/confirmations/{round}/record"] = Staff,
        ["GET /api/inbox"] = Staff,
        ["POST /api/purchases"] = [.. Roles.Intake],
        ["GET /api/reports/monthly"] = [.. Roles.Reports],
        ["GET /api/reports/monthly/{file}"] = [.. Roles.Reports],
        ["POST /api/reports/monthly/{month}/run"] = [.. Roles.Reports],
        ["GET /api/reports/monthly/{month}/runs/{id}"] = [.. Roles.Reports],
        ["GET /api/admin/timers"] = [.. Roles.Operations],
        ["GET /api/admin/sms/templates"] = [.. Roles.Operations],
        ["POST /api/admin/timers/{name}/run"] = [.. Roles.Operations],
        ["GET /api/admin/workflows"] = [.. Roles.Operations],
    };

    // Development: the console's one-click sign-in per role.
    private readonly AppFactory _app = new(azurite, b => b.UseEnvironment("Development"));
    private readonly List<string> _operations = [];
    private string _ticket = string.Empty;

    public async Task InitializeAsync()
    {
        foreach (var route in Api.TicketCommandsApi.Routes)
        {
            Expected[$"POST /api/tickets/{{idOrNumber}}/{route}"] = Staff; // the lifecycle table then decides per status and role
        }

        _ticket = (await (await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("matrix-engineer"))).StatusCode);
        var document = await (await _app.ClientAs(null).GetAsync("/openapi/v1.json")).JsonAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            _operations.AddRange(item!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {path}"));
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void TheMatrix_CoversEveryOperationOfTheOpenApiDocument_AndNoOther()
    {
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), _operations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_AnswersEachCaller_AsTheMatrixSays()
    {
        var failures = new List<string>();
        foreach (var operation in _operations)
        {
            var allowed = Expected[operation];
            foreach (var caller in new[] { Anonymous, "wrong key" }.Concat(Roles.All))
            {
                var response = await SendAsync(operation, caller);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var refusedByPolicy = status == 401 || (status == 403 && !body.Contains("allowedRoles", StringComparison.Ordinal));
                var mayCall = allowed.Contains(caller) || allowed.Contains(Anonymous);
                if (allowed.Contains(EventKey))
                {
                    mayCall = false; // only the Event Grid key opens it
                }

                if (mayCall == refusedByPolicy || status >= 500)
                {
                    failures.Add($"{operation} as {caller}: {status} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Who may open each console page (and post its forms); the layout links them for the same roles.</summary>
    private static readonly Dictionary<string, string[]> ConsolePages = new(StringComparer.Ordinal)
    {
        ["/console"] = Staff,
        ["/console/tickets"] = Staff,
        ["/console/tickets/{ticket}"] = Staff,
        ["/console/tickets/{ticket}/reopen"] = Staff, // the command form; the lifecycle table then decides
        ["/console/new"] = [Roles.Agent, Roles.Supervisor, Roles.Manager],
        ["/console/jobs"] = [Roles.Engineer],
        ["/console/followup"] = [Roles.FollowUp, Roles.Supervisor, Roles.Manager],
        ["/console/dispatch"] = [Roles.Supervisor, Roles.Manager],
        ["/console/reports"] = [Roles.Supervisor, Roles.Manager],
        ["/console/admin"] = [Roles.Supervisor, Roles.Manager],
        ["/console/admin/engineers/new"] = [Roles.Supervisor, Roles.Manager],
        ["/console/admin/engineers/matrix-engineer"] = [Roles.Supervisor, Roles.Manager],
        ["/console/admin/departments/repair"] = [Roles.Supervisor, Roles.Manager],
    };

    /// <summary>The forms each console page posts (its form name and fields); the same roles as the page may post them.</summary>
    private static readonly (string Page, string Handler, Dictionary<string, string> Fields)[] ConsoleForms =
    [
        ("/console/new", "register", new() { ["Customer.Name"] = "张", ["Customer.Phone"] = "13812345678" }),
        ("/console/tickets/{ticket}/reopen", "command", new() { ["reason"] = "矩阵测试" }),
        ("/console/reports", "run", new() { ["month"] = "2026-10" }),
        ("/console/admin", "sla", new() { ["start"] = "2026-11-23T09:00", ["amount"] = "1", ["unit"] = "workingDays" }),
        ("/console/admin/engineers/new", "engineer", new() { ["Id"] = "matrix-new", ["Name"] = "王工" }),
        ("/console/admin/departments/repair", "department", new() { ["AutoDispatch"] = "false" }),
    ];

    [Fact]
    public async Task EveryConsolePage_AndEachOfItsForms_AnswersEachRole_AsTheMatrixSays()
    {
        var failures = new List<string>();
        foreach (var role in Staff)
        {
            var client = await ConsoleSession.SignedInAsync(_app, role);
            foreach (var (template, allowed) in ConsolePages)
            {
                var response = await client.GetAsync(template.Replace("{ticket}", _ticket, StringComparison.Ordinal));
                var denied = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/console/denied", StringComparison.Ordinal);
                if (allowed.Contains(role) == denied || (!denied && response.StatusCode != HttpStatusCode.OK))
                {
                    failures.Add($"GET {template} as {role}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }

            // A form posted by a role that may not open its page, with that role's own antiforgery token, is refused and changes nothing.
            var token = ConsoleSession.Token(await client.GetStringAsync("/console"));
            foreach (var (template, handler, fields) in ConsoleForms.Where(f => !ConsolePages[f.Page].Contains(role)))
            {
                var before = await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix);
                var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
                var response = await client.PostAsync(template.Replace("{ticket}", _ticket, StringComparison.Ordinal), new FormUrlEncodedContent(form));
                var denied = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/console/denied", StringComparison.Ordinal);
                var changes = (await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix)).ChangesSince(before);
                if (!denied || changes.Count > 0)
                {
                    failures.Add($"POST {template} ({handler}) as {role}: {(int)response.StatusCode}, {changes.Count} storage changes");
                }
            }
        }

        // Running a timer from the admin page is the manager's alone, though supervisors open the page.
        var supervisor = await ConsoleSession.SignedInAsync(_app, Roles.Supervisor);
        var admin = await supervisor.GetStringAsync("/console/admin");
        var beforeRun = await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix);
        var run = await supervisor.PostAsync("/console/admin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSession.Token(admin), ["_handler"] = "timer-HousekeepingSweep", ["timer"] = "HousekeepingSweep",
        }));
        var ran = (await StorageSnapshot.TakeAsync(azurite.ConnectionString, _app.Prefix)).ChangesSince(beforeRun);
        if (run.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.BadRequest) || ran.Count > 0)
        {
            failures.Add($"POST /console/admin (timer) as supervisor: {(int)run.StatusCode}, {ran.Count} storage changes");
        }

        var anonymous = ConsoleSession.ConsoleClient(_app);
        foreach (var template in ConsolePages.Keys)
        {
            var response = await anonymous.GetAsync(template.Replace("{ticket}", _ticket, StringComparison.Ordinal));
            if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.Location!.OriginalString.Contains("/console/sign-in", StringComparison.Ordinal))
            {
                failures.Add($"GET {template} anonymously: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TheReadmeApiTable_SaysWhatTheMatrixSays()
    {
        var readme = File.ReadAllText(Path.Combine(FunctionCatalogTests.RepositoryRoot(), "README.md"));
        var documented = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var operations = Operation().Matches(line).Select(m => (Method: m.Groups["method"].Value, Path: m.Groups["path"].Value)).ToList();
            if (operations.Count == 0)
            {
                continue;
            }

            var cells = line.Replace("\\|", string.Empty, StringComparison.Ordinal).Split('|');
            var roles = cells[2].Split(" / ");
            for (var i = 0; i < operations.Count; i++)
            {
                var (method, path) = operations[i];
                var who = RolesIn(roles[Math.Min(i, roles.Length - 1)]);
                if (who is null)
                {
                    continue; // the customer pages: the signed link is the credential
                }

                foreach (var key in Keys(method, path))
                {
                    documented[key] = who;
                }
            }
        }

        var wrong = Expected
            .Where(e => !documented.TryGetValue(Shape(e.Key), out var roles) || !roles.Order().SequenceEqual(e.Value.Order()))
            .Select(e => $"{e.Key}: README says [{string.Join(", ", documented.GetValueOrDefault(Shape(e.Key)) ?? [])}], the app allows [{string.Join(", ", e.Value)}]")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, string caller)
    {
        var (method, path) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var url = path.Replace("{idOrNumber}", _ticket, StringComparison.Ordinal).Replace("{id}", "matrix-engineer", StringComparison.Ordinal)
            .Replace("{department}", "repair", StringComparison.Ordinal).Replace("{round}", "1", StringComparison.Ordinal)
            .Replace("{file}", "2026-10.json", StringComparison.Ordinal).Replace("{month}", "2026-10", StringComparison.Ordinal)
            .Replace("{name}", "HousekeepingSweep", StringComparison.Ordinal);
        if (path.EndsWith("/runs/{id}", StringComparison.Ordinal))
        {
            url = url.Replace("matrix-engineer", "no-such-run", StringComparison.Ordinal);
        }

        var client = caller switch
        {
            Anonymous => _app.ClientAs(null),
            "wrong key" => WrongKey(),
            _ => _app.ClientAs(caller),
        };
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private HttpClient WrongKey()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", "not-a-key-of-this-app-0123456789");
        return client;
    }

    /// <summary>The roles a README cell names; null for the customer pages.</summary>
    private static string[]? RolesIn(string cell)
    {
        var text = cell.Trim().ToLowerInvariant();
        if (text.Contains("the link itself", StringComparison.Ordinal))
        {
            return null;
        }

        if (text.Contains("anonymous", StringComparison.Ordinal))
        {
            return [Anonymous];
        }

        if (text.Contains("event grid", StringComparison.Ordinal) || text.Contains("sms:eventkey", StringComparison.Ordinal))
        {
            return [EventKey];
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (text.Contains("all staff roles", StringComparison.Ordinal) || text == "staff")
        {
            roles.UnionWith(Staff);
        }

        foreach (var (word, role) in new[] { ("agent", Roles.Agent), ("supervisor", Roles.Supervisor), ("engineer", Roles.Engineer), ("follow-up", Roles.FollowUp), ("manager", Roles.Manager), ("integration", Roles.Integration) })
        {
            if (Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b"))
            {
                roles.Add(role);
            }
        }

        return [.. roles];
    }

    /// <summary>The matrix keys a README operation stands for (the command row stands for every command).</summary>
    private static IEnumerable<string> Keys(string method, string path)
    {
        var shaped = Shape($"{method} {path}");
        return shaped.EndsWith("/{}/{}", StringComparison.Ordinal) && shaped.StartsWith("POST /api/tickets/", StringComparison.Ordinal)
            ? Api.TicketCommandsApi.Routes.Select(r => Shape($"POST /api/tickets/{{x}}/{r}"))
            : [shaped];
    }

    /// <summary>A path with every parameter as {}, README abbreviations expanded, query and format hints dropped.</summary>
    private static string Shape(string operation) =>
        Parameter().Replace(operation.Replace("…/", "/api/tickets/{x}/", StringComparison.Ordinal).Split('?')[0].Split('[')[0], "{}");

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|DELETE|OPTIONS) (?<path>[^`]+)`")]
    private static partial Regex Operation();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
