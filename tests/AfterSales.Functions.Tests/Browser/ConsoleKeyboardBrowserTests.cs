using AfterSales.Application.Access;
using AfterSales.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using static AfterSales.Functions.Tests.Browser.ConsolePages;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>
/// The console with the keyboard alone, in a real Chromium: sign in, open a ticket's command, fill its form and submit
/// it with Tab, typing and Enter; every control reached shows where the focus is, and every input has a label.
/// </summary>
public sealed class ConsoleKeyboardBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ASupervisor_ClassifiesATicket_WithTheKeyboardAlone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var (started, origin) = StartApp(azurite, time);
        using var app = started;
        var number = (await (await app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid())).JsonAsync())["number"]!.ToString();
        using var browser = await Chromium.StartAsync(1366, 768);
        try
        {
            browser.Navigate().GoToUrl($"{origin}/console/sign-in");
            WaitFor(browser, "登录售后服务台");
            TabTo(browser, e => e.TagName == "button" && e.GetAttribute("value") == "test-supervisor");
            Press(browser, Keys.Enter);
            WaitFor(browser, "工作台");

            browser.Navigate().GoToUrl($"{origin}/console/tickets/{number}");
            WaitFor(browser, "处理记录");
            TabTo(browser, e => e.TagName == "a" && e.Text == "分类");
            Press(browser, Keys.Enter);
            WaitFor(browser, "原因/说明");
            AssertEveryInputIsLabelled(browser);

            TabTo(browser, e => e.GetAttribute("name") == "tag");
            new Actions(browser).KeyDown(Keys.Control).SendKeys("a").KeyUp(Keys.Control).SendKeys(Keys.Delete).SendKeys("电源故障").Perform();
            Assert.Equal("电源故障", browser.SwitchTo().ActiveElement().GetAttribute("value"));
            TabTo(browser, e => e.GetAttribute("name") == "reason");
            Press(browser, "客户补充：插电后无反应");
            TabTo(browser, e => e.TagName == "button" && e.Text == "提交");
            Screenshot(browser, "console-keyboard-classify");
            Press(browser, Keys.Enter);
            WaitFor(browser, "已完成：分类");
            Assert.Contains("电源故障", browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
        }
        finally
        {
            browser.Quit();
        }
    }

    /// <summary>Presses Tab until the focused element is the one wanted, checking on the way that focus is always visible.</summary>
    private static void TabTo(ChromeDriver browser, Func<IWebElement, bool> wanted)
    {
        for (var i = 0; i < 80; i++)
        {
            Press(browser, Keys.Tab);
            var focused = browser.SwitchTo().ActiveElement();
            if (focused.TagName is "a" or "button" or "input" or "select" or "textarea")
            {
                var outline = (string)browser.ExecuteScript("return getComputedStyle(arguments[0]).outlineStyle", focused)!;
                Assert.True(outline != "none", $"The focused <{focused.TagName}> '{focused.Text}' shows no focus outline.");
            }

            if (wanted(focused))
            {
                return;
            }
        }

        throw new InvalidOperationException("Tab never reached the element wanted.");
    }

    private static void Press(ChromeDriver browser, string keys) => new Actions(browser).SendKeys(keys).Perform();

    /// <summary>Every visible input, select and text area has a label of its own.</summary>
    private static void AssertEveryInputIsLabelled(ChromeDriver browser)
    {
        foreach (var input in browser.FindElements(By.CssSelector("main input:not([type=hidden]), main select, main textarea")))
        {
            var id = input.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id), $"An input named {input.GetAttribute("name")} has no id for a label.");
            Assert.NotEmpty(browser.FindElements(By.CssSelector($"label[for='{id}']")));
        }
    }
}
