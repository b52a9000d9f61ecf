using AfterSales.Application.Notifications;
using AfterSales.Infrastructure.Sms;
using AfterSales.Testing;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

/// <summary>The ACS client against the fake service: how each answer becomes a result.</summary>
public sealed class AcsSmsSenderTests : IAsyncLifetime
{
    private static readonly SmsSendRequest Request = new(
        "+8613812345678", "【售后服务】您的服务请求已受理", Guid.Parse("5b1c0f0e-2f51-5d0a-9a3e-1e4a0b9b7c11"),
        new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), "01M84H0SANEHS6TXGMNRKECV3X/sms-000001-requestReceived");

    private FakeAcsServer _acs = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _acs = await FakeAcsServer.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _acs.DisposeAsync();
    }

    [Fact]
    public async Task Accepted_CarriesTheMessageId_AndTheRequestIsSignedWithRepeatabilityAndTag()
    {
        var result = await Sender(AccessKey(_acs.AccessKey)).SendAsync(Request, CancellationToken.None);

        var accepted = Assert.IsType<SmsSendResult.Accepted>(result);
        var request = Assert.Single(_acs.Requests);
        Assert.True(request.SignatureValid, request.Problem);
        Assert.Equal(Request.RepeatabilityRequestId.ToString(), request.RepeatabilityRequestId);
        Assert.Equal("Mon, 23 Nov 2026 02:00:00 GMT", request.RepeatabilityFirstSent);
        Assert.Equal(Request.Tag, request.Tag);
        Assert.Equal(Assert.Single(_acs.Transmissions).MessageId, accepted.ProviderMessageId);
    }

    [Fact]
    public async Task AWrongKey_IsRefusedByTheService_AndRetried()
    {
        var result = await Sender(AccessKey(Convert.ToBase64String(new byte[32]))).SendAsync(Request, CancellationToken.None);

        Assert.Contains("Not authorised (401)", Assert.IsType<SmsSendResult.Retry>(result).Error, StringComparison.Ordinal);
        Assert.Empty(_acs.Transmissions);
    }

    [Fact]
    public async Task EntraId_SendsTheTokenForTheCommunicationScope()
    {
        _acs.BearerToken = "token-for-https://communication.azure.com//.default";
        var sender = Sender(new AcsAuthorization(_acs.Endpoint, null, new ScopeEchoCredential()));

        Assert.IsType<SmsSendResult.Accepted>(await sender.SendAsync(Request, CancellationToken.None));
        Assert.Single(_acs.Transmissions);
    }

    [Fact]
    public async Task EntraId_WithoutAnIdentity_IsAFaultToRetry_NotACrash()
    {
        var sender = Sender(new AcsAuthorization(_acs.Endpoint, null, new NoIdentity()));

        var result = Assert.IsType<SmsSendResult.Retry>(await sender.SendAsync(Request, CancellationToken.None));

        Assert.Contains("No managed identity here", result.Error, StringComparison.Ordinal);
        Assert.Empty(_acs.Requests);
    }

    [Fact]
    public async Task Throttling_GivesRetryAfter_AndRecipientRefusals_SplitIntoRetryAndRejected()
    {
        var sender = Sender(AccessKey(_acs.AccessKey));
        _acs.Faults.Enqueue(new AcsFault.Throttled(TimeSpan.FromSeconds(42)));
        _acs.Faults.Enqueue(new AcsFault.RecipientRefused(400, "Invalid To phone number format"));
        _acs.Faults.Enqueue(new AcsFault.RecipientRefused(503, "Service unavailable"));
        _acs.Faults.Enqueue(new AcsFault.ServerError());

        var throttled = Assert.IsType<SmsSendResult.Retry>(await sender.SendAsync(Request, CancellationToken.None));
        var invalid = Assert.IsType<SmsSendResult.Rejected>(await sender.SendAsync(Request, CancellationToken.None));
        var busy = Assert.IsType<SmsSendResult.Retry>(await sender.SendAsync(Request, CancellationToken.None));
        var broken = Assert.IsType<SmsSendResult.Retry>(await sender.SendAsync(Request, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(42), throttled.RetryAfter);
        Assert.Contains("Invalid To phone number format", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("503", busy.Error, StringComparison.Ordinal);
        Assert.Contains("Something went wrong", broken.Error, StringComparison.Ordinal);
        Assert.Empty(_acs.Transmissions);
    }

    private static AcsAuthorization AccessKey(string key) =>
        AcsConnection.Parse($"endpoint=http://127.0.0.1/;accesskey={key}").Connection is { } c ? new AcsAuthorization(c.Endpoint, c.AccessKey, null) : throw new InvalidOperationException();

    private AcsSmsSender Sender(AcsAuthorization authorization) => new(
        _http,
        authorization with { Endpoint = _acs.Endpoint },
        Options.Create(new SmsOptions { AcsConnectionString = "set", From = "+18005550100" }),
        TimeProvider.System);

    /// <summary>A credential with no identity to sign in with, as on a machine without a managed identity.</summary>
    private sealed class NoIdentity : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new Azure.Identity.CredentialUnavailableException("No managed identity here.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>A credential that returns a token naming the scope it was asked for (Entra ID itself is not reachable here).</summary>
    private sealed class ScopeEchoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new($"token-for-{string.Join(' ', requestContext.Scopes)}", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
