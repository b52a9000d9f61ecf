using AfterSales.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AfterSales.Functions.Tests;

/// <summary>The log scan finds each kind of leak, and passes what may be logged; every app a test starts is scanned.</summary>
public sealed class LogScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AnAppThatLogsAPhoneNumber_FailsTheTestThatStartedIt()
    {
        var app = new AppFactory(azurite);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/")).StatusCode);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Probe");
#pragma warning disable CA1848, CA2254 // a deliberate leak
        logger.LogWarning("calling 13812345678");
#pragma warning restore CA1848, CA2254

        var failure = Assert.Throws<InvalidOperationException>(app.Dispose);
        Assert.Contains("phone", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SMS to 13812345678 failed", "phone")]
    [InlineData("SMS to +86 138 1234 5678 failed", "phone")]
    [InlineData("SMS to +8613812345678 failed", "phone")]
    [InlineData("visit at 上海市浦东新区世纪大道100号", "address")]
    [InlineData("Unhandled fault in POST /c/v1.01M84ABCDEFGHJKMNPQRSTVWXY.q.1.1796000000.Ab-_cdEFghIJklMNopQRstUVwxYZ0123456789abc/quote", "token")]
    [InlineData("Unhandled fault in GET /c/K7Q2M9XW4P", "code")]
    [InlineData("Unhandled fault in POST /c/k7q2m9xw4p/confirm", "code")]
    [InlineData("authenticated with test-agent-key-0123456789", "key")]
    public void Leaks_FindsEachKind(string line, string kind)
    {
        var leaks = LogScan.Leaks([line], ["test-agent-key-0123456789"]);

        Assert.Single(leaks);
        Assert.Contains(kind switch { "phone" => "phone", "address" => "address", "token" => "token", "code" => "service code", _ => "secret" }, leaks[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SMS to 138****5678 sent")]
    [InlineData("Ticket AS-20261123-00001 created in 上海市浦东新区")]
    [InlineData("Unhandled fault in POST /c/[ticket 01M84ABCDEFGHJKMNPQRSTVWXY, quote]/quote")]
    [InlineData("Unhandled fault in POST /c/[code]/confirm")]
    [InlineData("Report 2026-11 made: 1234567 bytes, 20261123")]
    public void Leaks_PassesWhatMayBeLogged(string line) => Assert.Empty(LogScan.Leaks([line], ["test-agent-key-0123456789"]));
}
