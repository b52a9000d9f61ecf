using AfterSales.Application.Customers;
using AfterSales.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace AfterSales.Application.Tests;

public sealed class CustomerLinksTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly TicketId Ticket = TicketId.Create(Now, new byte[10]);

    private static CustomerLinks Links(string key, params string[] previous) =>
        new(Options.Create(new CustomerLinkOptions { SigningKey = key, PreviousKeys = [.. previous] }));

    [Theory]
    [InlineData(LinkPurpose.Confirm, 1)]
    [InlineData(LinkPurpose.Quote, 3)]
    public void Create_ThenValidate_GivesBackTicketPurposeAndSubject(LinkPurpose purpose, int subject)
    {
        var (token, expires) = Links(Key).Create(Ticket, purpose, subject, Now);

        var (link, problem) = Links(Key).Validate(token, Now.AddHours(1));

        Assert.Null(problem);
        Assert.Equal(new CustomerLink(Ticket, purpose, subject, expires), link);
    }

    [Theory]
    [InlineData(LinkPurpose.Quote, 72)]
    [InlineData(LinkPurpose.Confirm, 168)]
    public void Validate_AtOrAfterExpiry_IsExpired_OneSecondBefore_IsValid(LinkPurpose purpose, int hours)
    {
        var (token, expires) = Links(Key).Create(Ticket, purpose, 1, Now);

        Assert.Equal(Now.AddHours(hours), expires);
        Assert.Null(Links(Key).Validate(token, expires.AddSeconds(-1)).Problem);
        Assert.Equal(LinkProblem.Expired, Links(Key).Validate(token, expires).Problem);
    }

    public static TheoryData<string, Func<string, string>> Tampering => new()
    {
        { "other subject", t => t.Replace(".c.1.", ".c.2.", StringComparison.Ordinal) },
        { "other purpose", t => t.Replace(".c.1.", ".q.1.", StringComparison.Ordinal) },
        { "later expiry", t => { var p = t.Split('.'); p[4] = (long.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture); return string.Join('.', p); } },
        { "other ticket", t => t.Replace(Ticket.Value, TicketId.Create(Now, Enumerable.Repeat((byte)7, 10).ToArray()).Value, StringComparison.Ordinal) },
        { "flipped signature character", t => t[..^1] + (t[^1] == 'A' ? 'B' : 'A') },
        { "truncated", t => t[..^5] },
        { "empty", _ => string.Empty },
        { "garbage", _ => "hello" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Validate_AnyChange_IsInvalid(string change, Func<string, string> tamper)
    {
        var (token, _) = Links(Key).Create(Ticket, LinkPurpose.Confirm, 1, Now);

        var (link, problem) = Links(Key).Validate(tamper(token), Now);

        Assert.Null(link);
        Assert.Equal(LinkProblem.Invalid, problem);
        Assert.NotNull(change);
    }

    [Fact]
    public void Validate_ALinkMadeWithAnotherKey_IsInvalid_UnlessThatKeyIsAPreviousKey()
    {
        var (token, _) = Links(OtherKey).Create(Ticket, LinkPurpose.Confirm, 1, Now);

        Assert.Equal(LinkProblem.Invalid, Links(Key).Validate(token, Now).Problem);
        Assert.Null(Links(Key, OtherKey).Validate(token, Now).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void Options_WithoutAStrongKey_AreInvalid(string key)
    {
        var results = new CustomerLinkOptions { SigningKey = key }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object()));

        Assert.Contains(results, r => r.ErrorMessage!.Contains("CustomerLinks:SigningKey", StringComparison.Ordinal));
    }
}
