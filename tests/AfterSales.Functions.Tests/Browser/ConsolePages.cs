using System.Net;
using AfterSales.Testing;
using Microsoft.AspNetCore.Hosting;
using System.Net.Sockets;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>What the console's browser tests do on every page: wait for it, check that nothing scrolls sideways, keep a screenshot.</summary>
internal static class ConsolePages
{
    /// <summary>The app on a real port for a browser, in Development (one-click sign-in), on <paramref name="time"/>.</summary>
    public static (AppFactory App, string Origin) StartApp(AzuriteFixture azurite, TimeProvider time)
    {
        var port = FreePort();
        var app = new AppFactory(azurite, b => b.UseEnvironment("Development"), time);
        app.UseKestrel(port);
        app.StartServer();
        return (app, $"http://127.0.0.1:{port}");
    }

    /// <summary>Nothing is wider than the window: no sideways scrolling.</summary>
    /// <summary>
    /// The page fits its window: nothing scrolls sideways; no box's content is wider than the box (text spilling over
    /// its neighbours, or cut off) unless the box is meant to scroll; and every control is at least 24 × 24 px, the
    /// smallest target a finger can hit (WCAG 2.2, target size; a check box with its label counts as one target).
    /// </summary>
    public static void AssertFits(ChromeDriver browser)
    {
        var (scroll, inner) = ((long)browser.ExecuteScript("return document.documentElement.scrollWidth")!, (long)browser.ExecuteScript("return window.innerWidth")!);
        Assert.True(scroll <= inner, $"The page is {scroll} px wide in a {inner} px window.");
        var spilled = (string)browser.ExecuteScript("""
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
            const problems = [];
            for (const e of document.querySelectorAll('body *')) {
              const style = getComputedStyle(e);
              if (!visible(e) || style.display === 'inline' || ['auto', 'scroll'].includes(style.overflowX) || ['svg', 'canvas', 'img', 'script', 'style'].includes(e.tagName.toLowerCase()) || e.closest('svg')) continue;
              if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) problems.push(name(e) + ' holds ' + e.scrollWidth + ' px in ' + e.clientWidth + ' px');
            }
            for (const e of document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a.button')) {
              if (!visible(e)) continue;
              // A check box or radio button is hit through its label too: the label is its target.
              const target = ['checkbox', 'radio'].includes(e.type) && e.closest('label') ? e.closest('label') : e;
              const r = target.getBoundingClientRect();
              if (r.width < 24 || r.height < 24) problems.push(name(e) + ' is ' + Math.round(r.width) + ' x ' + Math.round(r.height) + ' px');
            }
            return problems.slice(0, 10).join('; ');
            """)!;
        Assert.True(spilled.Length == 0, $"In a {inner} px window: {spilled}");
    }

    public static void WaitFor(ChromeDriver browser, string text) =>
        new WebDriverWait(browser, TimeSpan.FromSeconds(20)).Until(d =>
        {
            try
            {
                return d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.Ordinal);
            }
            catch (WebDriverException e) when (e is StaleElementReferenceException || e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
            {
                return false;
            }
        });

    public static void Screenshot(ChromeDriver browser, string name)
    {
        Directory.CreateDirectory(ConfirmationBrowserTests.ScreenshotFolder);
        browser.GetScreenshot().SaveAsFile(Path.Combine(ConfirmationBrowserTests.ScreenshotFolder, $"{name}.png"));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Writes "李" in three strokes with the pointer, like a finger on the pad.</summary>
    public static void Sign(ChromeDriver browser, IWebElement pad)
    {
        var strokes = new[]
        {
            new[] { (-120, -40), (-40, -40), (10, -45) },
            new[] { (-80, -70), (-80, 10), (-110, 50) },
            new[] { (-60, 0), (0, 30), (60, 55), (110, 40) },
        };
        foreach (var stroke in strokes)
        {
            var actions = new Actions(browser).MoveToElement(pad, stroke[0].Item1, stroke[0].Item2).ClickAndHold();
            for (var i = 1; i < stroke.Length; i++)
            {
                var (dx, dy) = (stroke[i].Item1 - stroke[i - 1].Item1, stroke[i].Item2 - stroke[i - 1].Item2);
                actions = actions.MoveByOffset(dx / 2, dy / 2).MoveByOffset(dx - (dx / 2), dy - (dy / 2));
            }

            actions.Release().Perform();
        }
    }
}
