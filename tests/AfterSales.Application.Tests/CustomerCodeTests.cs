using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Tests;

public class CustomerCodeTests
{
    private const string KeyA = "dGVzdC1jdXN0b21lci1saW5rLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
    private const string KeyB = "YW5vdGhlci1jdXN0b21lci1saW5rLXNpZ25pbmcta2V5LTAxMjM0NTY=";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewCodes_AreTenSymbolsOfTheAlphabet_WithoutLookAlikes_AndDoNotRepeat()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CustomerCode.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(32, CustomerCode.Alphabet.Distinct().Count()); // 10 symbols of 32: 50 bits
        Assert.DoesNotContain('0', CustomerCode.Alphabet);
        Assert.DoesNotContain('O', CustomerCode.Alphabet);
        Assert.DoesNotContain('1', CustomerCode.Alphabet);
        Assert.DoesNotContain('I', CustomerCode.Alphabet);
    }

    [Theory]
    [InlineData("K7Q2M9XW4P", "K7Q2M9XW4P")]
    [InlineData("k7q2m9xw4p", "K7Q2M9XW4P")]
    [InlineData("K7Q2M 9XW4P", "K7Q2M9XW4P")]
    [InlineData("k7q2m-9xw4p", "K7Q2M9XW4P")]
    [InlineData("K7Q2M\u30009XW4P", "K7Q2M9XW4P")]
    [InlineData("K7Q2M9XW4", null)]
    [InlineData("K7Q2M9XW4PP", null)]
    [InlineData("K7Q2M9XW4O", null)]
    [InlineData("v1.01M84H0SANEHS6TXGMNRKECV3X.c.1.1796053207.EJ6U", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_ReadsACodeAsACustomerTypesIt(string? typed, string? code) =>
        Assert.Equal(code, CustomerCode.Normalize(typed));

    [Fact]
    public void ACodeIssuedBeforeAKeyRotation_IsStillFoundUnderThePreviousKey_AndTheCodeItselfIsNotItsKey()
    {
        var ticket = TicketId.Create(Now, new byte[10]);
        var before = new CustomerLinks(Options.Create(new CustomerLinkOptions { SigningKey = KeyA }));
        var (code, entry) = before.CreateCode(ticket, LinkPurpose.Confirm, 1, Now);
        var after = new CustomerLinks(Options.Create(new CustomerLinkOptions { SigningKey = KeyB, PreviousKeys = [KeyA] }));

        Assert.Equal([entry.Key], before.CodeKeys(code));
        Assert.Equal(entry.Key, after.CodeKeys(code).ElementAt(1));
        Assert.NotEqual(entry.Key, after.CodeKeys(code).First());
        Assert.DoesNotContain(code, entry.Key, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Now + new CustomerLinkOptions().ConfirmLifetime, entry.ExpiresAt);
        Assert.Equal((ticket, LinkPurpose.Confirm, 1), (entry.Ticket, entry.Purpose, entry.Subject));
    }
}
