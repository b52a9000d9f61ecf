using AfterSales.Infrastructure.Sms;

namespace AfterSales.Infrastructure.Tests;

public sealed class AcsRequestSignerTests
{
    [Fact]
    public void Signature_MatchesThePublishedSdkTestVector()
    {
        // Azure SDK test vector: key "pw==", GET https://contoso.communicationservices.azure.com/ at this date, empty body.
        var signature = AcsRequestSigner.Signature(
            "GET",
            new Uri("https://contoso.communicationservices.azure.com/"),
            "Wed, 13 Apr 2022 18:09:12 GMT",
            AcsRequestSigner.ContentHash([]),
            Convert.FromBase64String("pw=="));

        Assert.Equal("88MDmJhUR3m5QhFxb8ztShsSwlGrg7g/6XPnWf7QEO4=", signature);
    }

    [Fact]
    public void Sign_SetsTheThreeHeaders_WithTheBodyHashAndRfc1123Date()
    {
        var body = """{"from":"+18005550100"}"""u8.ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.communication.azure.com/sms?api-version=2021-03-07");

        AcsRequestSigner.Sign(request, body, Convert.FromBase64String("pw=="), new DateTimeOffset(2022, 4, 13, 18, 9, 12, TimeSpan.Zero));

        Assert.Equal("Wed, 13 Apr 2022 18:09:12 GMT", request.Headers.GetValues("x-ms-date").Single());
        Assert.Equal(AcsRequestSigner.ContentHash(body), request.Headers.GetValues("x-ms-content-sha256").Single());
        var expected = AcsRequestSigner.Signature("POST", request.RequestUri!, "Wed, 13 Apr 2022 18:09:12 GMT", AcsRequestSigner.ContentHash(body), Convert.FromBase64String("pw=="));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={expected}", request.Headers.GetValues("Authorization").Single());
    }

    [Theory]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=cHc9PQ==", true)]
    [InlineData("AccessKey=cHc9PQ==; Endpoint=https://contoso.communication.azure.com/", true)]
    [InlineData("endpoint=https://contoso.communication.azure.com/", false)]
    [InlineData("accesskey=cHc9PQ==", false)]
    [InlineData("endpoint=contoso;accesskey=cHc9PQ==", false)]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not base64!", false)]
    [InlineData("", false)]
    public void Parse_ConnectionString_NeedsAnEndpointAndABase64Key(string text, bool usable)
    {
        var (connection, problem) = AcsConnection.Parse(text);

        Assert.Equal(usable, connection is not null);
        Assert.Equal(usable, problem is null);
    }
}
