using AfterSales.Application.Access;
using System.Net;
using AfterSales.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;

using static AfterSales.Functions.Tests.Browser.ConsolePages;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>
/// The staff console in a real headless Chromium, on a 1366 × 768 desktop and a 390 × 844 phone: a supervisor signs in
/// with one click, finds the late ticket on their work list, opens it and reads its time limits and timeline; nothing
/// scrolls sideways. Screenshots go to <c>screenshots/console-*</c> beside the test binaries.
/// </summary>
public sealed class ConsoleBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(1366, 768, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task ASupervisor_SignsIn_FindsTheTicketAtRiskOnTheirWork_AndOpensIt(int width, int height, string size)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var (started, origin) = StartApp(azurite, time);
        using var app = started;

        // No engineer is on duty: the ticket waits in the queue, and at 80 % of its 30 minutes the supervisors are warned.
        var number = (await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs(Roles.Manager).PostAsync("/api/admin/timers/EscalationSweep/run", null)).StatusCode);

        using var browser = await Chromium.StartAsync(width, height);
        try
        {
            browser.Navigate().GoToUrl($"{origin}/console");
            WaitFor(browser, "登录售后服务台");
            AssertFits(browser);
            Screenshot(browser, $"console-{size}-1-sign-in");

            browser.FindElement(By.CssSelector("button[value=test-supervisor]")).Click();
            WaitFor(browser, "工作台");
            Assert.Contains("test-supervisor", browser.PageSource, StringComparison.Ordinal);
            var row = browser.FindElement(By.LinkText(number));
            Assert.Contains("预警", browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
            AssertFits(browser);
            Screenshot(browser, $"console-{size}-2-my-work");

            row.Click();
            WaitFor(browser, "服务时限");
            var page = browser.FindElement(By.TagName("main")).Text;
            Assert.Contains($"工单 {number}", page, StringComparison.Ordinal);
            Assert.Contains("派工时限", page, StringComparison.Ordinal);
            Assert.Contains("处理记录", page, StringComparison.Ordinal);
            AssertFits(browser);
            Screenshot(browser, $"console-{size}-3-ticket");

            browser.FindElement(By.LinkText("工单")).Click();
            WaitFor(browser, "受理日期从");
            Assert.Contains(number, browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
            AssertFits(browser);
            Screenshot(browser, $"console-{size}-4-tickets");

            // The supervisor's other pages fit the screen too.
            foreach (var (link, text, name) in new[] { ("派工", "待派工单", "dispatch"), ("报表", "立即生成月报", "reports"), ("管理", "服务时限计算器", "admin"), ("新建工单", "客户信息", "new") })
            {
                browser.FindElement(By.CssSelector("header nav")).FindElement(By.LinkText(link)).Click();
                WaitFor(browser, text);
                AssertFits(browser);
                Screenshot(browser, $"console-{size}-4-{name}");
            }

            // A department's settings, from 管理.
            browser.FindElement(By.CssSelector("header nav")).FindElement(By.LinkText("管理")).Click();
            WaitFor(browser, "修改部门设置");
            browser.FindElement(By.LinkText("修改部门设置")).Click();
            WaitFor(browser, "主管登录名");
            AssertFits(browser);
            Screenshot(browser, $"console-{size}-4-department");

            // English: the switch is a plain link, kept for the next pages.
            browser.FindElement(By.LinkText("English")).Click();
            WaitFor(browser, "Supervisors' sign-in names");
            browser.Navigate().GoToUrl($"{origin}/console");
            WaitFor(browser, "My work");
            Screenshot(browser, $"console-{size}-5-my-work-en");
        }
        finally
        {
            browser.Quit();
        }
    }
}
