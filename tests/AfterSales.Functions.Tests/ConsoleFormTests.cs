using AfterSales.Functions.Catalog;
using AfterSales.Web.Console;
using AfterSales.Application.Access;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;
using static AfterSales.Functions.Tests.ConsoleSession;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The console's forms over HTTP, posted as a browser posts them: registering a request (template 1) and the ticket
/// commands. Each input is named by the API's field path, so the validator's messages land beside their inputs;
/// nothing is stored from a form with errors; a form submitted twice makes one ticket; a stale form says so and reloads.
/// </summary>
public sealed class ConsoleFormTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private static readonly Dictionary<string, string> Request = new()
    {
        ["customer.name"] = "张",
        ["customer.title"] = "mr",
        ["customer.phone"] = TicketRequests.Phone,
        ["customer.address"] = "上海市浦东新区世纪大道100号",
        ["product.model"] = "AC-3500",
        ["product.purchaseDate"] = "2025-06-01",
        ["product.warrantyStatus"] = "inWarranty",
        ["channel"] = "phone",
        ["description.symptom"] = "空调无法开机",
        ["type"] = "repair",
        ["urgency"] = "urgent",
        ["expectedResolutionBy"] = "2026-11-24T18:00",
        ["_action"] = "register",
    };

    private AppFactory Development(FakeTimeProvider time) => new(azurite, b => b.UseEnvironment("Development"), time);

    [Fact]
    public async Task Register_NamesEachInputByItsApiPath_ShowsTheValidatorsMessagesBesideThem_AndTwoSubmitsOfOneFormMakeOneTicket()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var agent = await SignedInAsync(app, Roles.Agent);
        var api = app.ClientAs(Roles.Agent);

        var blank = await agent.GetStringAsync("/console/new");
        Assert.All(ConsoleForms.Intake.OfType<FormField>(), f => Assert.Contains($"name=\"{f.Path}\"", blank, StringComparison.Ordinal));

        var wrong = await PostFormAsync(agent, "/console/new", blank, new Dictionary<string, string>(Request)
        {
            ["customer.phone"] = "12",
            ["product.model"] = "",
            ["expectedResolutionBy"] = "明天",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("什么都没有保存", errors, StringComparison.Ordinal);
        Assert.NotNull(ErrorBeside(errors, "customer.phone"));
        Assert.NotNull(ErrorBeside(errors, "product.model"));
        Assert.NotNull(ErrorBeside(errors, "expectedResolutionBy"));
        Assert.Null(ErrorBeside(errors, "customer.name"));
        Assert.Contains("value=\"空调无法开机\"", errors.Replace("\n", "", StringComparison.Ordinal).Replace(">空调无法开机<", " value=\"空调无法开机\"<", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty((await Tickets(api))!);

        // The corrected form keeps its key: sent twice (a double click), it registers one ticket.
        var first = await PostFormAsync(agent, "/console/new", errors, Request);
        var again = await PostFormAsync(agent, "/console/new", errors, Request);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var tickets = await Tickets(api);
        var ticket = Assert.Single(tickets!);
        Assert.Equal($"/console/tickets/{ticket!["number"]}?registered=1", first.Headers.Location!.PathAndQuery);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(ticket["expectedResolutionBy"]!.ToString(), CultureInfo.InvariantCulture));
        Assert.Equal("test-agent", ticket["receivedBy"]!["name"]!.ToString());
        Assert.Contains($"已登记工单 {ticket["number"]}", await agent.GetStringAsync(first.Headers.Location!.PathAndQuery), StringComparison.Ordinal);

        // A new form: the same caller's phone finds the open ticket before anything is submitted.
        var lookup = await SubmitAsync(agent, "/console/new", new Dictionary<string, string> { ["customer.phone"] = "+86 138 1234 5678", ["_action"] = "lookup" });
        var found = await lookup.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Contains("该客户的未结工单", found, StringComparison.Ordinal);
        Assert.Contains($">{ticket["number"]}</a>", found, StringComparison.Ordinal);
        Assert.Single((await Tickets(api))!);

        // Only the roles that register requests see the form.
        var engineer = await SignedInAsync(app, Roles.Engineer);
        Assert.Equal(HttpStatusCode.Redirect, (await engineer.GetAsync("/console/new")).StatusCode);
    }

    [Fact]
    public async Task AFormPostedWithEveryInput_AsABrowserSendsIt_TakesEmptyInputsAsNotGiven_KeepsLineEnds_AndNamesControlCharacters()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var agent = await SignedInAsync(app, Roles.Agent);
        var api = app.ClientAs(Roles.Agent);
        var blank = await agent.GetStringAsync("/console/new");

        // A browser sends every input of the form, those left empty too (an empty city would otherwise ask for a region).
        var inputs = System.Text.RegularExpressions.Regex.Matches(blank[blank.IndexOf("<main>", StringComparison.Ordinal)..], "<(?:input|select|textarea)[^>]* name=\"([^\"_][^\"]*)\"")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("region.city", inputs);
        var form = inputs.ToDictionary(name => name, _ => string.Empty);
        foreach (var (name, value) in Request)
        {
            form[name] = value;
        }

        form["description.alreadyTried"] = "重启过\r\n拔过电源";
        form["customer.address"] = "上海市\u0007浦东新区";
        var refused = await PostFormAsync(agent, "/console/new", blank, form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await refused.Content.ReadAsStringAsync();
        Assert.Equal("不能包含控制字符。", ErrorBeside(errors, "customer.address"));
        Assert.Null(ErrorBeside(errors, "region.city"));
        Assert.Empty((await Tickets(api))!);

        form["customer.address"] = "  上海市浦东新区世纪大道100号  ";
        var created = await PostFormAsync(agent, "/console/new", errors, form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ticket = await Ticket(api, Assert.Single((await Tickets(api))!)!["number"]!.ToString());
        Assert.Equal("重启过\n拔过电源", ticket["description"]!["alreadyTried"]!.ToString());
        Assert.Equal("上海市浦东新区世纪大道100号", ticket["customer"]!["address"]!.ToString());
        Assert.Null(ticket["product"]!["serialNumber"]);
    }

    [Fact]
    public async Task TheCommands_RunFromTheirForms_AssignWithTheRanking_NameWrongFieldsByTheirRow_AndAStaleFormReloads()
    {
        var time = new FakeTimeProvider(Monday);
        using var app = Development(time);
        var api = app.ClientAs(Roles.Supervisor);
        var created = await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync();
        var number = created["number"]!.ToString();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("test-engineer"))).StatusCode);
        var page = $"/console/tickets/{number}";

        // The supervisor assigns from the dispatcher's ranking.
        var supervisor = await SignedInAsync(app, Roles.Supervisor);
        var detail = await supervisor.GetStringAsync(page);
        Assert.Contains($"href=\"{page}/assign\"", detail, StringComparison.Ordinal);
        var assignResponse = await supervisor.GetAsync($"{page}/assign");
        Assert.True(assignResponse.IsSuccessStatusCode, string.Join("\n", app.Logs.Where(l => l.Contains("xception", StringComparison.Ordinal))));
        var assignForm = await assignResponse.Content.ReadAsStringAsync();
        Assert.Contains("value=\"test-engineer\"", assignForm, StringComparison.Ordinal);
        Assert.Contains("得分", assignForm, StringComparison.Ordinal);
        var assigned = await PostFormAsync(supervisor, $"{page}/assign", assignForm, new Dictionary<string, string> { ["engineer"] = "test-engineer", ["reason"] = "最近" });
        Assert.Equal($"{page}?done=assign", assigned.Headers.Location!.PathAndQuery);
        Assert.Contains("已完成：派工", await supervisor.GetStringAsync(assigned.Headers.Location.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal("assigned", (await Ticket(api, number))["status"]!.ToString());

        // The engineer sees their own commands; declining without a reason is named beside the reason.
        var engineer = await SignedInAsync(app, Roles.Engineer);
        var mine = await engineer.GetStringAsync(page);
        Assert.Contains($"href=\"{page}/accept\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{page}/assign\"", mine, StringComparison.Ordinal);
        var decline = await SubmitAsync(engineer, $"{page}/decline", new Dictionary<string, string> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, decline.StatusCode);
        var declined = await decline.Content.ReadAsStringAsync();
        Assert.Equal("请说明原因，会记入处理记录。", ErrorBeside(declined, "reason")); // the lifecycle's check, said in Chinese
        Assert.Equal("Say why (decline); it is kept in the history.", ErrorBeside(await (await SubmitAsync(await SignedInAsync(app, Roles.Engineer), $"{page}/decline?lang=en", new Dictionary<string, string> { ["reason"] = "" })).Content.ReadAsStringAsync(), "reason"));

        // A form opened before someone else changed the ticket: refused, reloaded with the new state, then accepted.
        var acceptForm = await engineer.GetStringAsync($"{page}/accept");
        Assert.Equal(HttpStatusCode.OK, (await api.CommandAsync(number, "classify", new { type = "repair", tag = "电源故障", urgency = "urgent", reason = "电源问题" })).StatusCode);
        var stale = await PostFormAsync(engineer, $"{page}/accept", acceptForm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var reloaded = await stale.Content.ReadAsStringAsync();
        Assert.Contains("工单已被修改", reloaded, StringComparison.Ordinal);
        Assert.Equal("assigned", (await Ticket(api, number))["status"]!.ToString());
        Assert.Equal($"{page}?done=accept", (await PostFormAsync(engineer, $"{page}/accept", reloaded, new Dictionary<string, string>())).Headers.Location!.PathAndQuery);

        // The service record: rows left empty are dropped, and a wrong value is named by the row it is in on the form.
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(engineer, $"{page}/start", new Dictionary<string, string>())).StatusCode);
        var visit = new Dictionary<string, string>
        {
            ["startedAt"] = "2026-11-23T10:30",
            ["endedAt"] = "2026-11-23T11:30",
            ["mode"] = "onSite",
            ["findings"] = "电源板烧毁",
            ["measures"] = "更换电源板",
            ["parts[1].partNumber"] = "PB-100",
            ["parts[1].name"] = "电源板",
            ["parts[1].quantity"] = "一个",
            ["parts[1].unitPrice"] = "0",
            ["parts[1].genuine"] = "true",
        };
        var wrongRow = await SubmitAsync(engineer, $"{page}/visits", visit);
        Assert.Equal(HttpStatusCode.BadRequest, wrongRow.StatusCode);
        var rowErrors = await wrongRow.Content.ReadAsStringAsync();
        Assert.Equal("请填写数字（例如 2 或 12.5）。", ErrorBeside(rowErrors, "parts[1].quantity"));
        Assert.Empty((await Ticket(api, number))["visits"]!.AsArray());

        visit["parts[1].quantity"] = "1";
        var recorded = await PostFormAsync(engineer, $"{page}/visits", rowErrors, visit);
        Assert.Equal($"{page}?done=visits", recorded.Headers.Location!.PathAndQuery);
        var stored = Assert.Single((await Ticket(api, number))["visits"]!.AsArray())!;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero), DateTimeOffset.Parse(stored["startedAt"]!.ToString(), CultureInfo.InvariantCulture));
        var part = Assert.Single(stored["parts"]!.AsArray())!;
        Assert.Equal("电源板", part["name"]!.ToString());
        Assert.True(part["genuine"]!.GetValue<bool>());
        Assert.False(part["oldPartShown"]!.GetValue<bool>());

        // A command the status does not allow any more: its page says what is allowed instead, and offers no form.
        var late = await engineer.GetStringAsync($"{page}/accept");
        Assert.Contains("不允许这个操作", late, StringComparison.Ordinal);
        Assert.Contains("处理完成", late, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_etag\"", late, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDispatchBoard_ShowsTheQueueBesideTheEngineers_AndAnEngineersJobsAreTheirOwn()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var api = app.ClientAs(Roles.Supervisor);
        var number = (await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        var supervisor = await SignedInAsync(app, Roles.Supervisor);

        // Nobody to send: the ticket waits in the repair queue, with the way to its assignment form.
        var board = await supervisor.GetStringAsync("/console/dispatch");
        Assert.Contains($"href=\"/console/tickets/{number}/assign\"", board, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("test-engineer", maxConcurrent: 4))).StatusCode);
        board = await supervisor.GetStringAsync("/console/dispatch");
        Assert.Contains("test-engineer", board, StringComparison.Ordinal);
        Assert.Contains("在岗", board, StringComparison.Ordinal);
        Assert.Contains("0 / 4", board, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await api.CommandAsync(number, "assign", new { engineer = "test-engineer", reason = "客户指定" })).StatusCode);
        board = await supervisor.GetStringAsync("/console/dispatch");
        Assert.DoesNotContain($"/console/tickets/{number}/assign", board, StringComparison.Ordinal);
        Assert.Contains("1 / 4", board, StringComparison.Ordinal);

        // The engineer's own jobs, with the customer's number to call and the commands they may give.
        var engineer = await SignedInAsync(app, Roles.Engineer);
        var jobs = await engineer.GetStringAsync("/console/jobs");
        Assert.Contains(number, jobs, StringComparison.Ordinal);
        Assert.Matches($"href=\"tel:[^\"]*86{TicketRequests.Phone}\"", jobs); // '+' is written as an entity
        Assert.Contains($"href=\"/console/tickets/{number}/accept?back=jobs\"", jobs, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/tickets/{number}/decline?back=jobs\"", jobs, StringComparison.Ordinal);
        Assert.StartsWith("/console/denied", (await engineer.GetAsync("/console/dispatch")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // Another engineer holds nothing of it.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("test-engineer-2"))).StatusCode);
        var manager = await SignedInAsync(app, Roles.Manager);
        Assert.DoesNotContain($"/console/tickets/{number}/accept", await manager.GetStringAsync("/console/dispatch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_EveryTimerRunFromTheChineseConsole_SaysWhatItDidInChinese()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var manager = await SignedInAsync(app, Roles.Manager);
        // Something for the sweeps to do: a ticket, so SMS, escalation look and report entries exist.
        Assert.Equal(HttpStatusCode.Created, (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid("空调不制冷"))).StatusCode);

        foreach (var timer in FunctionCatalog.Timers)
        {
            var ran = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = $"timer-{timer.Name}", ["timer"] = timer.Name });
            var notice = System.Text.RegularExpressions.Regex.Match(WebUtility.HtmlDecode(await ran.Content.ReadAsStringAsync()), "<p class=\"notice ok\" role=\"status\">([^<]*)</p>");
            Assert.True(notice.Success, $"{timer.Name}: no notice");
            // What remains once the timer's name, ticket numbers, months and instants are taken out has no English word.
            var words = System.Text.RegularExpressions.Regex.Replace(notice.Groups[1].Value, $"{timer.Name}|[A-Z]+-\\d{{8}}-\\d+|\\d{{4}}-\\d{{2}}(-\\d{{2}}T[\\d:.]+(Z|[+-]\\d{{2}}:\\d{{2}}))?", string.Empty);
            Assert.DoesNotMatch("[A-Za-z]{2,}", words);
        }
    }

    [Fact]
    public async Task Admin_TheSlaCalculatorAgreesWithTheApi_AndAManagerRunsATimerNow()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var manager = await SignedInAsync(app, Roles.Manager);

        // The day before the National Day holiday, near closing time: the console and the API give the same deadline.
        var api = await (await app.ClientAs(Roles.Manager).PostAsJsonAsync("/api/sla/preview", new { start = "2026-09-30T16:30:00+08:00", add = new { hours = 4 } })).JsonAsync();
        var expected = DateTimeOffset.Parse(api["deadline"]!.ToString(), CultureInfo.InvariantCulture);
        var preview = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = "sla", ["start"] = "2026-09-30T16:30", ["amount"] = "4", ["unit"] = "hours" });
        var answer = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(expected.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), answer, StringComparison.Ordinal);
        var wrong = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = "sla", ["start"] = "2026-09-30T16:30", ["amount"] = "1.5", ["unit"] = "workingDays" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("工作日须为 -2000 到 2000 的整数", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Backwards, as a planner asks "3 working days before the visit": the same answer as the API's.
        var back = await (await app.ClientAs(Roles.Manager).PostAsJsonAsync("/api/sla/preview", new { start = "2026-10-09T10:00:00+08:00", add = new { workingDays = -3 } })).JsonAsync();
        Assert.Equal("2026-09-29T10:00:00+08:00", back["deadline"]!.ToString()); // back over the National Day week
        var backwards = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = "sla", ["start"] = "2026-10-09T10:00", ["amount"] = "-3", ["unit"] = "workingDays" });
        Assert.Contains("2026-09-29T10:00:00+08:00", WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // One validation: a start outside the supported years is refused by both, never a server error.
        foreach (var (start, days) in new[] { ("0001-01-01T00:00", "2000"), ("9999-12-31T23:59", "2000"), ("0001-01-01T00:00", "-2000") })
        {
            var console = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = "sla", ["start"] = start, ["amount"] = days, ["unit"] = "workingDays" });
            Assert.Equal(HttpStatusCode.BadRequest, console.StatusCode);
            Assert.Contains("2000 至 2099 年", await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var viaApi = await app.ClientAs(Roles.Manager).PostAsJsonAsync("/api/sla/preview", new { start = start + ":00+08:00", add = new { workingDays = int.Parse(days, CultureInfo.InvariantCulture) } });
            Assert.Equal(HttpStatusCode.BadRequest, viaApi.StatusCode);
            Assert.True((await viaApi.JsonAsync())["errors"]!.AsObject().ContainsKey("start"));
        }

        // A manager runs a timer now; it is recorded as a manual run by them. A supervisor sees no timers.
        var ran = await SubmitAsync(manager, "/console/admin", new Dictionary<string, string> { ["_handler"] = "timer-HousekeepingSweep", ["timer"] = "HousekeepingSweep" });
        var after = await ran.Content.ReadAsStringAsync();
        Assert.Contains("HousekeepingSweep 已运行", after, StringComparison.Ordinal);
        Assert.Contains("手动 · test-manager", after, StringComparison.Ordinal);
        var supervisor = await SignedInAsync(app, Roles.Supervisor);
        Assert.DoesNotContain("HousekeepingSweep", await supervisor.GetStringAsync("/console/admin"), StringComparison.Ordinal);
        var engineer = await SignedInAsync(app, Roles.Engineer);
        Assert.StartsWith("/console/denied", (await engineer.GetAsync("/console/admin")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_AddsAnEngineerFromTheForm_AndAnEditOfAChangedRecordIsRefusedAndReloaded()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var supervisor = await SignedInAsync(app, Roles.Supervisor);
        var api = app.ClientAs(Roles.Supervisor);
        var engineer = new Dictionary<string, string>
        {
            ["id"] = "li-gong", ["name"] = "李工", ["phone"] = "13900001111", ["department"] = "repair", ["maxConcurrent"] = "4", ["active"] = "true",
            ["skills[1].productLine"] = "空调", ["skills[1].tag"] = "*", ["skills[1].level"] = "4",
            ["regions[0].city"] = "上海市", ["duty.mon"] = "09:00-12:00 13:00-18:00", ["duty.tue"] = "9点到6点",
        };

        // A duty the parser cannot read is named, though no single input holds it; nothing is stored.
        var wrong = await SubmitAsync(supervisor, "/console/admin/engineers/new", engineer);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("duty: ", errors, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/engineers/li-gong")).StatusCode);

        engineer["duty.tue"] = "09:00-18:00";
        var added = await PostFormAsync(supervisor, "/console/admin/engineers/new", errors, engineer);
        Assert.Equal("/console/admin?saved=li-gong", added.Headers.Location!.PathAndQuery);
        var stored = await api.GetFromJsonAsync<JsonObject>("/api/engineers/li-gong");
        Assert.Equal("空调", stored!["skills"]![0]!["productLine"]!.ToString());
        Assert.Equal(4, stored["skills"]![0]!["level"]!.GetValue<int>());
        Assert.Equal(["09:00-12:00", "13:00-18:00"], stored["duty"]!["mon"]!.AsArray().Select(w => w!.ToString()));
        Assert.Contains("已保存工程师 li-gong", await supervisor.GetStringAsync(added.Headers.Location.PathAndQuery), StringComparison.Ordinal);

        // The edit form shows the record; someone else changes it meanwhile; the save is refused, reloaded, then made.
        var form = await supervisor.GetStringAsync("/console/admin/engineers/li-gong");
        Assert.Contains("value=\"09:00-12:00 13:00-18:00\"", form, StringComparison.Ordinal);
        var current = await api.GetAsync("/api/engineers/li-gong");
        HttpRequestMessage Change(string ifMatch)
        {
            var change = new HttpRequestMessage(HttpMethod.Put, "/api/engineers/li-gong") { Content = JsonContent.Create(TeamRequests.Engineer("li-gong", maxConcurrent: 6)) };
            change.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return change;
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.SendAsync(Change("\"not-an-etag\""))).StatusCode); // refused, not a storage fault
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Change(current.Headers.ETag!.ToString()))).StatusCode);
        var edit = new Dictionary<string, string>(engineer) { ["maxConcurrent"] = "3" };
        edit.Remove("id");
        var stale = await PostFormAsync(supervisor, "/console/admin/engineers/li-gong", form, edit);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var reloaded = await stale.Content.ReadAsStringAsync();
        Assert.Contains("已被他人修改", reloaded, StringComparison.Ordinal);
        Assert.Equal(6, (await api.GetFromJsonAsync<JsonObject>("/api/engineers/li-gong"))!["maxConcurrent"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(supervisor, "/console/admin/engineers/li-gong", reloaded, edit)).StatusCode);
        Assert.Equal(3, (await api.GetFromJsonAsync<JsonObject>("/api/engineers/li-gong"))!["maxConcurrent"]!.GetValue<int>());
    }

    [Fact]
    public async Task Admin_ChangesADepartmentsSettingsFromTheForm_OnlyOverTheVersionTheFormShowed()
    {
        using var app = Development(new FakeTimeProvider(Monday));
        var supervisor = await SignedInAsync(app, Roles.Supervisor);
        var api = app.ClientAs(Roles.Supervisor);
        Assert.Contains("/console/admin/departments/consultation", await supervisor.GetStringAsync("/console/admin"), StringComparison.Ordinal);

        // Never saved: the form shows the defaults; a second form opened on them cannot overwrite the first save.
        var form = await supervisor.GetStringAsync("/console/admin/departments/consultation");
        Assert.Contains("name=\"supervisors\"", form, StringComparison.Ordinal);
        var saved = await PostFormAsync(supervisor, "/console/admin/departments/consultation", form, new Dictionary<string, string> { ["supervisors"] = "test-supervisor  wang", ["autoDispatch"] = "false" });
        Assert.Equal("/console/admin?department=consultation", saved.Headers.Location!.PathAndQuery);
        Assert.Contains("已保存部门 咨询 的设置", await supervisor.GetStringAsync(saved.Headers.Location.PathAndQuery), StringComparison.Ordinal);
        var stored = await api.GetAsync("/api/departments/consultation");
        var settings = await stored.JsonAsync();
        Assert.Equal(["test-supervisor", "wang"], settings["supervisors"]!.AsArray().Select(s => s!.ToString()));
        Assert.False(settings["autoDispatch"]!.GetValue<bool>());

        var stale = await PostFormAsync(supervisor, "/console/admin/departments/consultation", form, new Dictionary<string, string> { ["supervisors"] = "", ["autoDispatch"] = "true" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var reloaded = await stale.Content.ReadAsStringAsync();
        Assert.Contains("已被他人修改", reloaded, StringComparison.Ordinal);
        Assert.Contains(stored.Headers.ETag!.Tag, WebUtility.HtmlDecode(reloaded), StringComparison.Ordinal);
        Assert.False((await api.GetFromJsonAsync<JsonObject>("/api/departments/consultation"))!["autoDispatch"]!.GetValue<bool>());

        // A value the API refuses is named beside its input; the reloaded form then saves.
        var wrong = await PostFormAsync(supervisor, "/console/admin/departments/consultation", reloaded, new Dictionary<string, string> { ["supervisors"] = "", ["autoDispatch"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull(ErrorBeside(await wrong.Content.ReadAsStringAsync(), "autoDispatch"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(supervisor, "/console/admin/departments/consultation", reloaded, new Dictionary<string, string> { ["supervisors"] = "", ["autoDispatch"] = "true" })).StatusCode);
        Assert.True((await api.GetFromJsonAsync<JsonObject>("/api/departments/consultation"))!["autoDispatch"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/console/admin/departments/sales")).StatusCode);
        Assert.StartsWith("/console/denied", (await (await SignedInAsync(app, Roles.Agent)).GetAsync("/console/admin/departments/repair")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpCalls_ListsTheCallsDueNow_RecordsACallAndTheSurveyFromTheList_AndRetriesMoveToLaterToday()
    {
        var time = new FakeTimeProvider(Monday);
        using var app = Development(time);
        var flow = new ServiceFlow(app, time);
        await flow.RegisterAsync();
        await flow.RepairedAndConfirmedAsync();
        await flow.StepAsync(app.ClientAs(Roles.FollowUp), "start-follow-up", new { reason = "客户希望尽快回访" }, "followUp");

        var agent = await SignedInAsync(app, Roles.FollowUp);
        var list = await agent.GetStringAsync("/console/followup");
        var now = Section(list, "现在拨打");
        Assert.Contains(flow.Number, now, StringComparison.Ordinal);
        Assert.Contains("tel:+86", WebUtility.HtmlDecode(now), StringComparison.Ordinal); // the follow-up agent dials from the list
        Assert.Contains("补充冷媒，试机正常", now, StringComparison.Ordinal);
        Assert.Contains("已拨打 0 次（最多 3 次）", now, StringComparison.Ordinal);
        Assert.Contains($"/console/tickets/{flow.Number}/calls?back=followup", now, StringComparison.Ordinal);
        Assert.Contains($"/console/tickets/{flow.Number}/survey?back=followup", now, StringComparison.Ordinal);

        // While on the phone: the form shows the number and what was done; done, it returns to the list.
        var callForm = await agent.GetStringAsync($"/console/tickets/{flow.Number}/calls?back=followup");
        Assert.Contains("tel:+86", WebUtility.HtmlDecode(callForm), StringComparison.Ordinal);
        Assert.Contains("href=\"/console/followup\"", callForm, StringComparison.Ordinal);
        var called = await PostFormAsync(agent, $"/console/tickets/{flow.Number}/calls?back=followup", callForm, new Dictionary<string, string> { ["outcome"] = "noAnswer", ["reason"] = "无人接听" });
        Assert.Equal($"/console/followup?done=calls&ticket={flow.Number}", called.Headers.Location!.PathAndQuery);
        list = await agent.GetStringAsync(called.Headers.Location.PathAndQuery);
        Assert.Contains($"已完成“回访电话”：工单 {flow.Number}", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        Assert.DoesNotContain(flow.Number, Section(list, "现在拨打"), StringComparison.Ordinal);
        var later = Section(list, "今天稍后重拨");
        Assert.Contains(flow.Number, later, StringComparison.Ordinal);
        Assert.Contains("已拨打 1 次（最多 3 次） · 上次", later, StringComparison.Ordinal);
        Assert.Contains("无人接听", later, StringComparison.Ordinal);

        // Two hours on the call is due again; reached, the survey is taken from the list and the call leaves it.
        time.Advance(TimeSpan.FromHours(2));
        Assert.True(later.Contains(flow.Number, StringComparison.Ordinal), list[list.IndexOf("<main>", StringComparison.Ordinal)..]);
        var survey = await SubmitAsync(agent, $"/console/tickets/{flow.Number}/survey?back=followup", new Dictionary<string, string>
        {
            ["survey.attitude"] = "9", ["survey.skill"] = "9", ["survey.efficiency"] = "8", ["survey.overall"] = "9", ["survey.recommend"] = "9",
            ["survey.productWorking"] = "true", ["survey.buyAgain"] = "yes",
        });
        Assert.Equal($"/console/followup?done=survey&ticket={flow.Number}", survey.Headers.Location!.PathAndQuery);
        Assert.Equal(9, (await flow.TicketAsync())["followUps"]![0]!["survey"]!["overall"]!.GetValue<int>());
        Assert.DoesNotContain($"/console/tickets/{flow.Number}/", await agent.GetStringAsync("/console/followup"), StringComparison.Ordinal);

        // Who may open the list: not an engineer; a wrong ?back= returns to the ticket, never elsewhere.
        Assert.StartsWith("/console/denied", (await (await SignedInAsync(app, Roles.Engineer)).GetAsync("/console/followup")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", await agent.GetStringAsync($"/console/tickets/{flow.Number}/calls?back=https://evil.example"), StringComparison.Ordinal);
    }

    /// <summary>The part of a list page under the heading that starts with <paramref name="heading"/>, up to the next heading.</summary>
    private static string Section(string html, string heading)
    {
        var start = html.IndexOf($"<h2>{heading}", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = html.IndexOf("<h2>", start + 4, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static async Task<JsonArray?> Tickets(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonObject>("/api/tickets"))!["items"]!.AsArray();

    private static async Task<JsonObject> Ticket(HttpClient api, string number) =>
        (await api.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;
}
