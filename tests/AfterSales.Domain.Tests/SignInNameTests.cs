using AfterSales.Domain.Dispatch;

namespace AfterSales.Domain.Tests;

public class SignInNameTests
{
    [Theory]
    [InlineData("local-engineer")] // the development key's name
    [InlineData("li.gong@contoso.com")] // an Entra user name
    [InlineData("wang+night@contoso.cn")]
    [InlineData("e7")]
    [InlineData("x")]
    public void IsValid_SignInNames_AreAccepted(string name) => Assert.True(SignInName.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")] // a path segment no URL can name
    [InlineData(".hidden")] // begins with a dot
    [InlineData("li-")] // ends with a dash
    [InlineData("li gong")] // a space
    [InlineData("li/gong")] // a storage key separator
    [InlineData("li%2Fgong")] // a URL escape
    [InlineData("li\u202Egnog")] // right-to-left override: shown reversed
    [InlineData("li\u200Fgong")] // right-to-left mark
    [InlineData("li\u0000gong")]
    [InlineData("李工")] // the name shown is Name; the id is what the engineer signs in with
    [InlineData("ｌｉ")] // full-width letters
    public void IsValid_AnythingElse_IsRefused(string? name) => Assert.False(SignInName.IsValid(name));

    [Fact]
    public void IsValid_AtMostAHundredCharacters() =>
        Assert.Equal((true, false), (SignInName.IsValid(new string('a', 100)), SignInName.IsValid(new string('a', 101))));
}
