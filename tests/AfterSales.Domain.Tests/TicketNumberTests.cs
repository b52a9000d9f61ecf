using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests;

public class TicketNumberTests
{
    [Fact]
    public void ToString_PadsSequenceToFiveDigits_WithBusinessDate()
    {
        var number = TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 42);
        Assert.Equal("AS-20261123-00042", number.ToString());
    }

    [Fact]
    public void ToString_SequenceBeyondFiveDigits_Grows()
    {
        Assert.Equal("AS-20261123-123456", TicketNumber.Create("AS", new DateOnly(2026, 11, 23), 123456).ToString());
    }

    [Theory]
    [InlineData("AS-20261123-00042", "AS", 2026, 11, 23, 42)]
    [InlineData("as-20261123-00042", "AS", 2026, 11, 23, 42)] // read out on the phone, typed in lower case
    [InlineData("SVC-20240229-00001", "SVC", 2024, 2, 29, 1)] // leap day
    [InlineData("AS-20261123-123456", "AS", 2026, 11, 23, 123456)] // a busy day's sixth digit
    [InlineData("AS-19700102-00001", "AS", 1970, 1, 2, 1)] // the first date
    [InlineData("AS-99991230-00001", "AS", 9999, 12, 30, 1)] // the last date
    public void TryParse_ValidText_RoundTrips(string text, string prefix, int y, int m, int d, int seq)
    {
        Assert.True(TicketNumber.TryParse(text, out var number));
        Assert.Equal(prefix, number.Prefix);
        Assert.Equal(new DateOnly(y, m, d), number.BusinessDate);
        Assert.Equal(seq, number.Sequence);
        Assert.Equal(text.ToUpperInvariant(), number.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AS-20261123")] // no sequence
    [InlineData("AS-20261323-00042")] // month 13
    [InlineData("AS-20230229-00042")] // not a leap year
    [InlineData("AS-20261123-42")] // fewer than five digits
    [InlineData("AS-20261123-00000")] // sequences start at 1
    [InlineData("A1-20261123-00042")] // prefix letters only
    [InlineData("01M84AQ5E60Y0CBZPFKMMJ3ANQ")] // a ticket id, not a number
    [InlineData("AS-20261123-000042")] // a sixth digit: not the canonical form of 42
    [InlineData("AS-20261123-0123456")] // a leading zero before a long sequence
    [InlineData("AS-00010101-00001")] // before the first instant a ticket id can carry
    [InlineData("AS-19700101-00001")] // the epoch's own day: in China it began before the epoch
    [InlineData("AS-99991231-00001")] // no day after it to bound the day's tickets
    [InlineData("AS-20261123-99999999999")] // beyond any sequence
    [InlineData("AS-20261123-０００４２")] // full-width digits
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        Assert.False(TicketNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("as")]
    [InlineData("ABCDEFGHI")]
    public void Create_InvalidPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => TicketNumber.Create(prefix, new DateOnly(2026, 1, 1), 1));
    }
}
