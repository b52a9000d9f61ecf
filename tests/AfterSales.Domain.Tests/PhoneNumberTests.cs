using AfterSales.Domain.Customers;

namespace AfterSales.Domain.Tests;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+8613812345678", "+86 138****5678")] // mainland mobile: the usual 138****5678 form
    [InlineData("+861012345678", "861*****5678")] // Beijing landline
    [InlineData("+14155550123", "141****0123")]
    public void Masked_HidesTheMiddleDigits(string e164, string masked)
    {
        Assert.Equal(masked, PhoneNumber.FromE164(e164).Masked);
    }

    [Fact]
    public void ToString_IsMasked_SoALoggedNumberIsNeverReadable()
    {
        var phone = PhoneNumber.FromE164("+8613812345678");
        Assert.DoesNotContain("12345678", phone.ToString(), StringComparison.Ordinal);
        Assert.Equal(phone.Masked, $"{phone}");
    }

    [Theory]
    [InlineData("13812345678")] // no country code
    [InlineData("+0123456789")]
    [InlineData("+86 138 1234 5678")] // not normalised
    [InlineData("+1234")]
    public void FromE164_NotE164_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => PhoneNumber.FromE164(text));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("12345", "***45")]
    public void Mask_ShortOrMissingText_KeepsAtMostTwoDigits(string? text, string masked)
    {
        Assert.Equal(masked, PhoneNumber.Mask(text));
    }
}
