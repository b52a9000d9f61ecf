using AfterSales.Application.Notifications;
using AfterSales.Infrastructure.Sms;
using AfterSales.Testing;

namespace AfterSales.Infrastructure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableSmsReceiptIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AProvidersId_LeadsToItsMessage_AndAHeldReceiptIsTakenOnce()
    {
        var index = new TableSmsReceiptIndex(TestStorage.Clients(azurite));
        var report = new SmsDeliveryReport(null, "2433:0000000042/x", true, "DELIVRD", "用户短信送达成功", DateTimeOffset.UnixEpoch);

        Assert.Null(await index.FindAsync("tencent", "2433:0000000042/x", CancellationToken.None));
        await index.HoldAsync("tencent", report, CancellationToken.None);
        await index.RecordAsync("tencent", "2433:0000000042/x", "01M8323B80PFBDA6970VB6DH2W/sms-000001-requestReceived", CancellationToken.None);

        Assert.Equal("01M8323B80PFBDA6970VB6DH2W/sms-000001-requestReceived", await index.FindAsync("tencent", "2433:0000000042/x", CancellationToken.None));
        Assert.Equal(report, await index.TakeHeldAsync("tencent", "2433:0000000042/x", CancellationToken.None));
        Assert.Null(await index.TakeHeldAsync("tencent", "2433:0000000042/x", CancellationToken.None));
        Assert.Null(await index.FindAsync("aliyun", "2433:0000000042/x", CancellationToken.None));
    }
}
