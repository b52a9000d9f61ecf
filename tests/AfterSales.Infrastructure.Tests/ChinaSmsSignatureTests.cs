using System.Text;
using AfterSales.Infrastructure.Sms.Aliyun;
using AfterSales.Infrastructure.Sms.Tencent;

namespace AfterSales.Infrastructure.Tests;

/// <summary>The providers' own worked examples, reproduced to the last hex digit.</summary>
public class ChinaSmsSignatureTests
{
    [Fact]
    public void Aliyun_V3Signature_OfTheDocumentationsExample()
    {
        // Alibaba Cloud, "V3 request structure and signature": POST RunInstances on ecs.cn-shanghai with an empty
        // body, AccessKey secret "YourAccessKeySecret".
        var contentHash = AliyunRequestSigner.ContentHash([]);
        var (signedHeaders, signature) = AliyunRequestSigner.Sign(
            "YourAccessKeySecret",
            "POST",
            "/",
            [new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), new("RegionId", "cn-shanghai")],
            [
                new("host", "ecs.cn-shanghai.aliyuncs.com"), new("x-acs-action", "RunInstances"), new("x-acs-version", "2014-05-26"),
                new("x-acs-date", "2023-10-26T09:01:01Z"), new("x-acs-signature-nonce", "d410180a5abf7fe235dd9b74aca91fc0"), new("x-acs-content-sha256", contentHash),
            ],
            contentHash);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", contentHash);
        Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", signedHeaders);
        Assert.Equal("e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804", signature);
    }

    [Theory]
    [InlineData("abc-_.~", "abc-_.~")]
    [InlineData("a b*c", "a%20b%2Ac")]
    [InlineData("{\"code\":\"售后\"}", "%7B%22code%22%3A%22%E5%94%AE%E5%90%8E%22%7D")]
    [InlineData("!'()", "%21%27%28%29")]
    public void Aliyun_PercentEncoding_IsRfc3986WithUpperCaseHex(string value, string encoded) =>
        Assert.Equal(encoded, AliyunRequestSigner.PercentEncode(value));

    [Fact]
    public void Tencent_TC3Signature_OfTheDocumentationsExample()
    {
        // Tencent Cloud, "Signature v3": CVM DescribeInstances in ap-guangzhou at 1551113065, the example's keys.
        var body = Encoding.UTF8.GetBytes("""{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""");
        var (signedHeaders, scope, signature) = TencentRequestSigner.Sign(
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", 1551113065, "POST", "/", string.Empty,
            [new("Content-Type", "application/json; charset=utf-8"), new("Host", "cvm.tencentcloudapi.com")], body);

        Assert.Equal("content-type;host", signedHeaders);
        Assert.Equal("2019-02-25/cvm/tc3_request", scope);
        Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
            TencentRequestSigner.Authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", scope, signedHeaders, signature));
    }

    [Fact]
    public void Tencent_SigningDate_IsTheTimestampsUtcDate_EvenWhenChinaIsAlreadyOnTheNextDay()
    {
        // 2026-11-24 01:30 in Shanghai is still 2026-11-23 in UTC: the scope must say the 23rd.
        var timestamp = new DateTimeOffset(2026, 11, 24, 1, 30, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();

        var (_, scope, _) = TencentRequestSigner.Sign("key", "sms", timestamp, "POST", "/", string.Empty, [new("host", "sms.tencentcloudapi.com")], []);

        Assert.Equal("2026-11-23/sms/tc3_request", scope);
    }
}
