using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests;

public class TicketIdTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_EncodesReceiptTimeToTheMillisecond()
    {
        var at = Noon.AddMilliseconds(123);
        var id = TicketId.Create(at, new byte[10]);
        Assert.Equal(26, id.Value.Length);
        Assert.Equal(at, id.ReceivedAt);
    }

    [Fact]
    public void Ids_SortByReceiptTime_WhateverTheirRandomPart()
    {
        var earlier = TicketId.Create(Noon, Enumerable.Repeat((byte)0xFF, 10).ToArray());
        var later = TicketId.Create(Noon.AddMilliseconds(1), new byte[10]);
        Assert.True(string.CompareOrdinal(earlier.Value, later.Value) < 0);
    }

    [Fact]
    public void LowerBound_IsAtMostEveryIdOfThatInstant_AndAboveEveryEarlierId()
    {
        var bound = TicketId.LowerBound(Noon);
        var atNoon = TicketId.Create(Noon, new byte[10]);
        var justBefore = TicketId.Create(Noon.AddMilliseconds(-1), Enumerable.Repeat((byte)0xFF, 10).ToArray());
        Assert.True(string.CompareOrdinal(bound.Value, atNoon.Value) <= 0);
        Assert.True(string.CompareOrdinal(justBefore.Value, bound.Value) < 0);
    }

    [Fact]
    public void Create_DifferentRandomBytes_GiveDifferentIds()
    {
        var a = TicketId.Create(Noon, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var b = TicketId.Create(Noon, [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void TryParse_AcceptsLowerCase_AndRoundTrips()
    {
        var id = TicketId.Create(Noon, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        Assert.True(TicketId.TryParse(id.Value.ToLowerInvariant(), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01M84AQ5E60Y0CBZPFKMMJ3AN")] // 25 characters
    [InlineData("01M84AQ5E60Y0CBZPFKMMJ3ANU")] // U is not in Crockford base32
    [InlineData("81M84AQ5E60Y0CBZPFKMMJ3ANQ")] // beyond 48 bits of time
    [InlineData("AS-20261123-00042")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.False(TicketId.TryParse(text, out _));
    }

    [Fact]
    public void Create_WrongRandomLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => TicketId.Create(Noon, new byte[9]));
    }
}
