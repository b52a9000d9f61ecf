using AfterSales.Application.Notifications;

namespace AfterSales.Application.Tests;

public sealed class SmsTextTests
{
    [Theory]
    [InlineData(160, 'a', SmsEncoding.Gsm7, 160, 1)]
    [InlineData(161, 'a', SmsEncoding.Gsm7, 161, 2)]
    [InlineData(306, 'a', SmsEncoding.Gsm7, 306, 2)]
    [InlineData(307, 'a', SmsEncoding.Gsm7, 307, 3)]
    [InlineData(80, '€', SmsEncoding.Gsm7, 160, 1)]  // escaped: two septets each
    [InlineData(81, '€', SmsEncoding.Gsm7, 162, 2)]
    [InlineData(70, '修', SmsEncoding.Ucs2, 70, 1)]
    [InlineData(71, '修', SmsEncoding.Ucs2, 71, 2)]
    [InlineData(134, '修', SmsEncoding.Ucs2, 134, 2)]
    [InlineData(135, '修', SmsEncoding.Ucs2, 135, 3)]
    public void Measure_SplitsAsCarriersDo(int count, char c, SmsEncoding encoding, int units, int segments)
    {
        Assert.Equal(new SmsLength(encoding, units, segments), SmsText.Measure(new string(c, count)));
    }

    [Fact]
    public void Measure_OneChineseCharacterMakesTheWholeMessageUcs2_AndEmojiCountTwice()
    {
        Assert.Equal(new SmsLength(SmsEncoding.Ucs2, 71, 2), SmsText.Measure(new string('a', 70) + "修"));
        Assert.Equal(new SmsLength(SmsEncoding.Ucs2, 2, 1), SmsText.Measure("😀"));
    }
}
