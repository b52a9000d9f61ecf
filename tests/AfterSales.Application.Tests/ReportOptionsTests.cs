using AfterSales.Application.Composition;
using AfterSales.Application.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Tests;

/// <summary>The report's settings are checked when the app starts, naming the wrong one, as every other section's are.</summary>
public sealed class ReportOptionsTests
{
    [Theory]
    [InlineData("TopProblems", "0")]
    [InlineData("JumpRatio", "0.5")]
    [InlineData("JumpMinimum", "-1")]
    [InlineData("CatchUpUntilDay", "31")]
    public void AWrongReportSetting_StopsTheStart_NamingIt(string setting, string value)
    {
        var validator = StartupValidator(new Dictionary<string, string?> { [$"{ReportOptions.Section}:{setting}"] = value });

        var refused = Assert.Throws<OptionsValidationException>(validator.Validate);

        Assert.Equal([$"{ReportOptions.Section}:{setting}"], refused.Failures.Select(f => f[(f.IndexOf("Reports:", StringComparison.Ordinal))..].Split(' ')[0]));
    }

    [Fact]
    public void TheDefaults_Start()
    {
        StartupValidator([]).Validate();

        Assert.Equal(10, new ReportOptions().TopProblems);
    }

    private static IStartupValidator StartupValidator(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CustomerLinks:SigningKey"] = Convert.ToBase64String(new byte[32]) });
        builder.AddApplication();
        return builder.Services.BuildServiceProvider().GetRequiredService<IStartupValidator>();
    }
}
