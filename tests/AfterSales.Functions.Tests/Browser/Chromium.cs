using System.Diagnostics;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace AfterSales.Functions.Tests.Browser;

/// <summary>
/// Headless Chromium driven by chromedriver, both from Debian (a browser download by a test tool cannot work
/// offline). When they are missing and the tests run as root on Debian, they are installed once with apt.
/// </summary>
internal static class Chromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>
    /// A headless browser, Chinese locale: phone-sized by default (390 × 844 CSS pixels, like a current iPhone), or a
    /// desktop window when at least 1024 pixels wide.
    /// </summary>
    public static async Task<ChromeDriver> StartAsync(int width = 390, int height = 844)
    {
        await EnsureInstalledAsync();
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--hide-scrollbars", "--lang=zh-CN", $"--window-size={width},{height}");

        // Headless windows have a minimum width, so the phone is emulated: its viewport, pixel ratio and touch. A desktop
        // size is the window itself.
        if (width >= 1024)
        {
            return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        }

        options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
        {
            Width = width,
            Height = height,
            PixelRatio = 2,
            EnableTouchEvents = true,
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        });
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(BrowserPath) && File.Exists(DriverPath))
        {
            return;
        }

        await Install.WaitAsync();
        try
        {
            if (File.Exists(BrowserPath) && File.Exists(DriverPath))
            {
                return;
            }

            if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException(
                    "The browser tests need Debian's Chromium and its driver: run `sudo apt-get install -y chromium chromium-driver` once (.ci/run does it).");
            }

            await RunAsync("apt-get update -qq");
            await RunAsync("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver");
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` failed ({process.ExitCode}): {error}{await output}");
        }
    }
}
