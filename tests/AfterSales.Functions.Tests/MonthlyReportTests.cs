using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AfterSales.Application.Reports;
using AfterSales.Application.Timers;
using AfterSales.Domain.Reports;
using AfterSales.Functions.Tests.Browser;
using AfterSales.Testing;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Functions.Tests;

/// <summary>
/// The monthly report through the real app on real Azurite: a generated month in the projection, a run on demand
/// followed at its address, the four renderings, a byte-identical re-run, access rules, the timer on the 1st over
/// tickets written through the API, and the HTML in headless Chromium.
/// </summary>
public sealed class MonthlyReportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly ReportMonth November = new(2026, 11);

    [Fact]
    public async Task AGeneratedMonth_IsReportedInFourFormats_AndARunOverUnchangedDataIsByteIdentical()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 30, 0, Shanghai));
        using var app = new AppFactory(azurite, time: time);
        await SeedAsync(app, 300, 400);
        var manager = app.ClientAs(Roles.Manager);

        var first = await RunAsync(manager, "2026-11");
        Assert.Equal("succeeded", first["status"]!.ToString());
        Assert.Equal(100, first["progress"]!.GetValue<int>());
        Assert.Equal("test-manager", first["requestedBy"]!.ToString());

        var json = await manager.GetFromJsonAsync<JsonObject>("/api/reports/monthly/2026-11");
        Assert.Equal(400, json!["volume"]!["total"]!.GetValue<int>());
        Assert.Equal(300, json["volume"]!["previous"]!.GetValue<int>());
        Assert.False(json["provisional"]!.GetValue<bool>());
        Assert.Equal(10, json["problems"]!.AsArray().Count);
        Assert.Equal(ReportMonthGenerator.Engineers.Length, json["engineers"]!.AsArray().Count);

        var files = await FilesAsync(manager);
        Assert.Equal("text/csv; charset=utf-8", files["csv"].ContentType);
        Assert.StartsWith("\uFEFFsection,measure,key,label,value,previous\r\nheadline,count,tickets,工单量,400,300\r\n", Encoding.UTF8.GetString(files["csv"].Bytes), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", files["html"].Policy, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", Encoding.UTF8.GetString(files["html"].Bytes), StringComparison.Ordinal);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(files["xlsx"].Bytes), false))
        {
            var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["概览", "工单量", "时效", "SLA", "质量与回访", "满意度", "高频问题", "工程师", "备件"], sheets);
        }

        // Made again later the same night over the same data: the same bytes, all four.
        time.Advance(TimeSpan.FromHours(2));
        var second = await RunAsync(manager, "2026-11");
        Assert.NotEqual(first["id"]!.ToString(), second["id"]!.ToString());
        var again = await FilesAsync(manager);
        foreach (var format in new[] { "json", "csv", "html", "xlsx" })
        {
            Assert.True(files[format].Bytes.SequenceEqual(again[format].Bytes), $"the {format} rendering changed between two runs over the same data");
        }

        var list = await manager.GetFromJsonAsync<JsonObject>("/api/reports/monthly");
        Assert.Equal("2026-11", list!["reports"]![0]!["month"]!.ToString());
    }

    [Fact]
    public async Task Reports_AreForManagersAndSupervisors_AndBadRequestsSayWhatToDo()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 30, 0, Shanghai));
        using var app = new AppFactory(azurite, time: time);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientAs(null).GetAsync("/api/reports/monthly/2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.Agent).GetAsync("/api/reports/monthly/2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.Engineer).PostAsync("/api/reports/monthly/2026-11/run", null)).StatusCode);

        var supervisor = app.ClientAs(Roles.Supervisor);
        var missing = await supervisor.GetAsync("/api/reports/monthly/2026-09");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("POST /api/reports/monthly/2026-09/run", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badMonth = await supervisor.GetAsync("/api/reports/monthly/2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("yyyy-MM", (await badMonth.JsonAsync())["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/reports/monthly/2026-11.pdf")).StatusCode);
        var future = await supervisor.PostAsync("/api/reports/monthly/2027-01/run", null);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/reports/monthly/2026-11/runs/nosuchrun")).StatusCode);

        // A supervisor may make one too; this month's is provisional, counted up to now.
        var run = await RunAsync(supervisor, "2026-12");
        Assert.Equal("succeeded", run["status"]!.ToString());
        var report = await supervisor.GetFromJsonAsync<JsonObject>("/api/reports/monthly/2026-12");
        Assert.True(report!["provisional"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OnTheFirst_TheTimerMakesLastMonthsReport_FromTicketsWrittenThroughTheApi()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, Shanghai));
        using var app = new AppFactory(azurite, builder => builder.UseSetting("CustomerLinks:BaseUrl", "https://service.example.cn"), time);
        var flow = new ServiceFlow(app, time);
        await flow.RegisterAsync();
        await flow.StepAsync(flow.Engineer, "accept", null, "accepted");
        time.Advance(TimeSpan.FromHours(3));
        await flow.StepAsync(flow.Engineer, "start", null, "inService");
        await flow.StepAsync(flow.Engineer, "resolve", new { outcome = "repaired", cause = "冷媒不足", solution = "补充冷媒，试机正常" }, "resolved");
        var complaint = TicketRequests.Valid("对维修服务态度不满意，要求投诉");
        complaint["type"] = "complaint";
        Assert.Equal(HttpStatusCode.Created, (await flow.Agent.PostTicketAsync(complaint)).StatusCode);

        var timer = app.Services.GetServices<ITimerFunction>().Single(t => t.Name == MonthlyReportTimer.FunctionName);
        var before = await timer.RunAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.Contains("made on the 1st", before.Logs.English()[0], StringComparison.Ordinal);

        // 1 December, 01:30 in Shanghai (17:30 UTC on 30 November: the function's schedule).
        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero));
        var made = await timer.RunAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.StartsWith("Report 2026-11 stored", made.Logs.English()[0], StringComparison.Ordinal);

        var report = (await app.ClientAs(Roles.Manager).GetFromJsonAsync<JsonObject>("/api/reports/monthly/2026-11"))!;
        Assert.Equal(2, report["volume"]!["total"]!.GetValue<int>());
        Assert.Equal(1, report["volume"]!["byType"]!.AsArray().Single(b => b!["key"]!.ToString() == "complaint")!["count"]!.GetValue<int>());
        Assert.Equal(1, report["times"]!["response"]!["elapsed"]!["count"]!.GetValue<int>());
        Assert.Equal(1, report["times"]!["mttr"]!["elapsed"]!["count"]!.GetValue<int>());
        Assert.InRange(report["times"]!["mttr"]!["elapsed"]!["mean"]!.GetValue<double>(), 3, 3.5);
        Assert.Equal(50, report["quality"]!["complaint"]!["value"]!.GetValue<double>());
        Assert.Equal("上海市", report["volume"]!["byRegion"]![0]!["key"]!.ToString()); // read from the address, as dispatch reads it

        // Managers read names and Chinese labels: no sign-in ids, target ids or repository paths.
        var html = await app.ClientAs(Roles.Manager).GetStringAsync("/api/reports/monthly/2026-11.html");
        Assert.Contains("李工", html, StringComparison.Ordinal);
        Assert.DoesNotContain("test-engineer", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">customer-confirmation<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/", html, StringComparison.Ordinal);

        // The next day it is there already: nothing to do.
        time.Advance(TimeSpan.FromDays(1));
        var next = await timer.RunAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.Contains("already stored", next.Logs.English()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHtmlReport_RendersInChromium_OnAPhone_WithChartsAndNoOverflow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 30, 0, Shanghai));
        using var app = new AppFactory(azurite, time: time);
        await SeedAsync(app, 200, 250);
        var manager = app.ClientAs(Roles.Manager);
        await RunAsync(manager, "2026-11");
        var html = await manager.GetByteArrayAsync("/api/reports/monthly/2026-11.html");
        var file = Path.Combine(Path.GetTempPath(), $"aftersales-report-{Guid.NewGuid():N}.html");
        await File.WriteAllBytesAsync(file, html);
        try
        {
            using var browser = await Chromium.StartAsync();
            browser.Navigate().GoToUrl(new Uri(file).AbsoluteUri);
            Assert.Equal("售后服务月度报告 2026年11月", browser.Title);
            var script = (OpenQA.Selenium.IJavaScriptExecutor)browser;
            Assert.Equal(14L, script.ExecuteScript("return document.querySelectorAll('#headline .kpi').length;"));
            Assert.True((long)script.ExecuteScript("return document.querySelectorAll('svg rect').length;")! > 40, "the charts have bars");
            // Nothing sticks out of a 390-pixel phone screen: wide tables scroll inside their own box.
            Assert.True((long)script.ExecuteScript("return document.documentElement.scrollWidth;")! <= 390);
            var heading = (string)script.ExecuteScript("return document.querySelector('#problems h2').textContent;")!;
            Assert.Equal("高频问题（型号 × 标签）", heading);
            var screenshot = Environment.GetEnvironmentVariable("AFTERSALES_REPORT_SCREENSHOT");
            if (!string.IsNullOrEmpty(screenshot))
            {
                // For a person to look at: the phone screenshot, and the page itself.
                ((OpenQA.Selenium.ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
                File.Copy(file, screenshot + ".html", overwrite: true);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheConsole_MakesAReportWithItsProgress_ChartsTheTrend_AndServesTheDownloads()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 30, 0, Shanghai));
        using var app = new AppFactory(azurite, b => b.UseEnvironment("Development"), time);
        await SeedAsync(app, 300, 400);
        var manager = await ConsoleSession.SignedInAsync(app, Roles.Manager);
        Assert.Contains("还没有生成过月报", await manager.GetStringAsync("/console/reports"), StringComparison.Ordinal);

        foreach (var month in new[] { "2026-10", "2026-11" })
        {
            var started = await ConsoleSession.SubmitAsync(manager, "/console/reports", new Dictionary<string, string> { ["month"] = month });
            var page = started.Headers.Location!.PathAndQuery;
            Assert.StartsWith($"/console/reports?month={month}&run=", page, StringComparison.Ordinal);
            string html;
            var polls = 0;
            while (!(html = await manager.GetStringAsync(page)).Contains("已完成", StringComparison.Ordinal))
            {
                // Until it ends, the page shows the run's progress and reads it again by itself.
                Assert.Contains("<progress max=\"100\"", html, StringComparison.Ordinal);
                Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
                Assert.True(++polls < 600, $"The {month} run did not end within a minute.");
                await Task.Delay(100);
            }

            Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/console/reports/{month}.xlsx\"", html, StringComparison.Ordinal);
        }

        var reports = await manager.GetStringAsync("/console/reports");
        Assert.Equal(5, Regex.Count(reports, "<svg class=\"trend\""));
        Assert.Equal(10, Regex.Count(reports, "<circle ")); // two months of five measures
        Assert.Contains("一次修复率", reports, StringComparison.Ordinal);
        var csv = await manager.GetAsync("/console/reports/2026-11.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());

        var engineer = await ConsoleSession.SignedInAsync(app, Roles.Engineer);
        Assert.StartsWith("/console/denied", (await engineer.GetAsync("/console/reports")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/console/denied", (await engineer.GetAsync("/console/reports/2026-11.csv")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(AppFactory app, int october, int november)
    {
        var store = app.Services.GetRequiredService<IReportFactStore>();
        var facts = ReportMonthGenerator.Month(November.Previous, october, 3).Concat(ReportMonthGenerator.Month(November, november, 5));
        await Parallel.ForEachAsync(facts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (f, ct) =>
            await store.SaveAsync(f, [.. f.Months(ReportMonthGenerator.Shanghai)], likelyNew: true, ct));
    }

    /// <summary>POST …/run, then follow Location until the run ends; returns the last view of the run.</summary>
    private static async Task<JsonObject> RunAsync(HttpClient client, string month)
    {
        var accepted = await client.PostAsync($"/api/reports/monthly/{month}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        Assert.StartsWith($"/api/reports/monthly/{month}/runs/", location, StringComparison.Ordinal);
        for (var i = 0; i < 600; i++)
        {
            var run = (await client.GetFromJsonAsync<JsonObject>(location))!;
            if (run["status"]!.ToString() is "succeeded" or "failed")
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The {month} report run did not end within a minute.");
    }

    private static async Task<Dictionary<string, (byte[] Bytes, string ContentType, string Policy)>> FilesAsync(HttpClient client)
    {
        var files = new Dictionary<string, (byte[], string, string)>();
        foreach (var (format, path) in new[] { ("json", "2026-11"), ("csv", "2026-11.csv"), ("html", "2026-11.html"), ("xlsx", "2026-11.xlsx") })
        {
            var response = await client.GetAsync($"/api/reports/monthly/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            files[format] = (
                await response.Content.ReadAsByteArrayAsync(),
                response.Content.Headers.ContentType!.ToString(),
                response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(";", csp) : string.Empty);
        }

        return files;
    }
}
