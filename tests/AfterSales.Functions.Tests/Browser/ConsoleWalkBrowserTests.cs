using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AfterSales.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static AfterSales.Functions.Tests.Browser.ConsolePages;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>
/// One request's whole life through the console alone, in a real Chromium, on a desktop and on a phone: the agent
/// registers it, the supervisor assigns it from the dispatcher's ranking, the engineer accepts, starts and quotes, the
/// customer approves the quote on the SMS link, the engineer records the visit, resolves, reports and hands over the
/// phone for the signature, the follow-up agent records a survey below 7 and the ticket comes back for a second
/// handling, dispatched again. Screenshots: <c>screenshots/walk-{size}-*</c>.
/// </summary>
public sealed partial class ConsoleWalkBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(1366, 768, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task ARequest_GoesFromRegistrationToASecondHandling_ThroughTheConsoleAlone(int width, int height, string size)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)); // Monday 10:00 in Shanghai
        var (started, origin) = StartApp(azurite, time);
        using var app = started;
        using var browser = await Chromium.StartAsync(width, height);
        var shot = 0;
        void Shot(string name)
        {
            AssertFits(browser);
            Screenshot(browser, $"walk-{size}-{++shot:00}-{name}");
        }

        try
        {
            // The agent registers the call.
            SignIn(browser, origin, "test-agent");
            browser.FindElement(By.LinkText("新建工单")).Click();
            WaitFor(browser, "客户信息");
            Fill(browser, new()
            {
                ["customer.name"] = "王", ["customer.title"] = "ms", ["customer.phone"] = "13912345678", ["customer.address"] = "上海市浦东新区世纪大道100号",
                ["product.model"] = "AC-3500", ["product.purchaseDate"] = "2023-06-01", ["product.warrantyStatus"] = "outOfWarranty",
                ["channel"] = "phone", ["description.symptom"] = "空调不制冷", ["type"] = "repair", ["urgency"] = "normal",
            });
            Shot("register");
            Submit(browser, "登记工单");
            WaitFor(browser, "已登记工单");
            var number = Regex.Match(browser.FindElement(By.TagName("h1")).Text, @"AS-\d{8}-\d{5}").Value;
            var ticket = $"{origin}/console/tickets/{number}";
            Shot("registered");

            // An engineer joins the team (set up by the API: the admin pages are not part of this walk).
            Assert.Equal(HttpStatusCode.Created, (await app.ClientAs(Roles.Supervisor).PostAsJsonAsync("/api/engineers", TeamRequests.Engineer("test-engineer"))).StatusCode);

            // The supervisor assigns from the ranking.
            SignIn(browser, origin, "test-supervisor", ticket);
            Command(browser, "派工", "派工推荐");
            browser.FindElement(By.CssSelector("input[name=engineer][value=test-engineer]")).Click();
            Fill(browser, new() { ["reason"] = "客户指定" });
            Shot("assign");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：派工");

            // The engineer accepts, starts and quotes.
            SignIn(browser, origin, "test-engineer", ticket);
            Command(browser, "接单", "原因/说明");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：接单");
            Command(browser, "开始服务", "原因/说明");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：开始服务");
            time.Advance(TimeSpan.FromHours(1));
            Command(browser, "报价", "故障原因与维修方案");
            Fill(browser, new()
            {
                ["parts[0].partNumber"] = "CAP-35", ["parts[0].name"] = "启动电容", ["parts[0].quantity"] = "1", ["parts[0].unitPrice"] = "85",
                ["labourAmount"] = "120", ["plan"] = "启动电容老化，更换启动电容", ["risks"] = "无",
            });
            Shot("quote");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：报价");

            // The customer approves on the link of the SMS the ticket page lists.
            var quoteLink = CustomerLink().Match(browser.FindElement(By.Id("sms")).FindElement(By.XPath("..")).Text).Value;
            browser.Navigate().GoToUrl(origin + new Uri(quoteLink).PathAndQuery);
            WaitFor(browser, "维修报价确认");
            browser.FindElement(By.CssSelector("button[value=approve]")).Click();
            WaitFor(browser, "已同意报价");

            // The engineer records the visit, resolves, reports, and hands over the phone for the signature.
            browser.Navigate().GoToUrl(ticket);
            Command(browser, "服务记录", "检查情况");
            Fill(browser, new()
            {
                ["startedAt"] = "2026-11-23T10:20", ["endedAt"] = "2026-11-23T10:55", ["mode"] = "onSite",
                ["findings"] = "启动电容鼓包", ["measures"] = "更换启动电容",
                ["parts[0].partNumber"] = "CAP-35", ["parts[0].name"] = "启动电容", ["parts[0].quantity"] = "1", ["parts[0].unitPrice"] = "85",
                ["labour.hours"] = "0.5", ["labour.amount"] = "120",
            });
            Shot("visit");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：服务记录");
            Command(browser, "处理完成", "解决方案");
            Fill(browser, new() { ["outcome"] = "repaired", ["cause"] = "启动电容老化", ["solution"] = "更换启动电容", ["warrantyMonths"] = "3" });
            Submit(browser, "提交");
            WaitFor(browser, "已完成：处理完成");
            Command(browser, "反馈结果", "处理结果说明");
            Fill(browser, new() { ["summary"] = "已更换启动电容，空调制冷正常" });
            Submit(browser, "提交");
            WaitFor(browser, "已完成：反馈结果");
            Command(browser, "在本机请客户确认", "原因/说明");
            Submit(browser, "提交");
            WaitFor(browser, "服务结果确认");
            browser.FindElement(By.CssSelector("input[name=rating][value=satisfied]")).Click();
            Sign(browser, browser.FindElement(By.Id("pad")));
            Shot("customer-signs");
            browser.FindElement(By.Id("submit")).Click();
            WaitFor(browser, "已确认，感谢您的反馈");

            // The signed confirmation is on the ticket page, its signature checked against the hash in the history.
            browser.Navigate().GoToUrl(ticket);
            WaitFor(browser, "签名校验通过");
            Assert.NotNull(browser.FindElement(By.CssSelector("img.sig")));
            browser.ExecuteScript("document.getElementById('confirmations').scrollIntoView()");
            Shot("confirmed");

            // The follow-up agent calls: the survey scores below 7, so the ticket comes back for a second handling.
            SignIn(browser, origin, "test-followup", ticket);
            Command(browser, "开始回访", "回访专员");
            Submit(browser, "提交");
            WaitFor(browser, "已完成：开始回访");
            // The call is on the follow-up list, with the number to dial; the survey is taken from there.
            browser.FindElement(By.CssSelector("header nav")).FindElement(By.LinkText("回访")).Click();
            WaitFor(browser, "现在拨打");
            var call = browser.FindElement(By.CssSelector($"section[aria-label='{number}']"));
            Assert.Contains("+8613912345678", call.Text, StringComparison.Ordinal);
            Assert.Contains("更换启动电容", call.Text, StringComparison.Ordinal);
            Shot("follow-up-calls");
            call.FindElement(By.LinkText("满意度调查")).Click();
            WaitFor(browser, "总体满意度");
            Fill(browser, new() { ["survey.attitude"] = "8", ["survey.skill"] = "8", ["survey.efficiency"] = "5", ["survey.overall"] = "6", ["survey.recommend"] = "6", ["survey.productWorking"] = "true" });
            Shot("survey");
            Submit(browser, "提交");
            WaitFor(browser, "已完成“满意度调查”");
            Assert.Contains("没有待回访的电话", browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
            browser.Navigate().GoToUrl(ticket);
            WaitFor(browser, "处理记录");
            // Reopened for round 2, and dispatched again at once: the engineer on duty has the job back.
            var main = browser.FindElement(By.TagName("main")).Text;
            Assert.Contains("重新处理", main, StringComparison.Ordinal);
            Assert.Contains("已派工待接单", browser.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
            Assert.Matches(@"处理轮次\s+2", main);
            Shot("second-handling");
        }
        catch
        {
            // Where it stopped, to look at: the page, and what the app logged.
            Screenshot(browser, $"walk-{size}-failed");
            await File.WriteAllLinesAsync(Path.Combine(ConfirmationBrowserTests.ScreenshotFolder, $"walk-{size}-failed.log"), app.Logs);
            throw;
        }
        finally
        {
            browser.Quit();
        }
    }

    /// <summary>Signs out whoever is signed in, signs in as <paramref name="user"/> with one click, and opens <paramref name="page"/>.</summary>
    private static void SignIn(ChromeDriver browser, string origin, string user, string? page = null)
    {
        if (browser.FindElements(By.CssSelector("form[action='/console/sign-out'] button")) is [var signOut, ..])
        {
            signOut.Click();
        }

        browser.Navigate().GoToUrl($"{origin}/console/sign-in");
        WaitFor(browser, "登录售后服务台");
        browser.FindElement(By.CssSelector($"button[value={user}]")).Click();
        WaitFor(browser, "工作台");
        if (page is not null)
        {
            browser.Navigate().GoToUrl(page);
            WaitFor(browser, "处理记录");
        }
    }

    /// <summary>Opens the command's form from the ticket page's buttons.</summary>
    private static void Command(ChromeDriver browser, string button, string waitFor)
    {
        browser.FindElement(By.CssSelector("nav.commands")).FindElement(By.LinkText(button)).Click();
        WaitFor(browser, waitFor);
    }

    /// <summary>Types into the inputs named by their API paths (choices by value).</summary>
    private static void Fill(ChromeDriver browser, Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            var input = browser.FindElement(By.Name(name));
            if (input.TagName is "select" || input.GetAttribute("type") is "date" or "datetime-local")
            {
                browser.ExecuteScript("arguments[0].value = arguments[1];", input, value);
            }
            else
            {
                input.Clear();
                input.SendKeys(value);
            }
        }
    }

    private static void Submit(ChromeDriver browser, string label) =>
        browser.FindElement(By.XPath($"//main//button[normalize-space()='{label}']")).Click();

    [GeneratedRegex(@"https?://\S+/c/\S+")]
    private static partial Regex CustomerLink();
}
