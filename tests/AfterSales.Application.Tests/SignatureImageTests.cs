using AfterSales.Application.Language;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Explanations;
using AfterSales.Application.Customers;
using AfterSales.Testing;

namespace AfterSales.Application.Tests;

public sealed class SignatureImageTests
{
    [Fact]
    public void Problem_OfADrawnSignature_IsNone()
    {
        Assert.Null(SignatureImage.Problem(TestPng.Signature()));
    }

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "empty", [] },
        { "blank canvas", TestPng.Blank() },
        { "a dot", TestPng.Write(300, 120, (x, y) => x is >= 100 and < 104 && y is >= 50 and < 54) },
        { "not a PNG", "GIF89a........"u8.ToArray() },
        { "truncated PNG", TestPng.Signature()[..60] },
        { "too large", new byte[SignatureImage.MaxBytes + 1] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Problem_OfNoRealSignature_SaysWhatToDo(string what, byte[] image)
    {
        var problem = SignatureImage.Problem(image);

        Assert.NotNull(problem);
        Assert.Contains("签", Messages.Say(problem, CustomerLanguage.Zh), StringComparison.Ordinal);
        Assert.Contains("sign", Messages.Say(problem, CustomerLanguage.En), StringComparison.Ordinal);
        Assert.NotNull(what);
    }

    [Fact]
    public void Problem_OfASmallFileDeclaringHugeDimensions_IsRefusedBeforeDecoding()
    {
        var huge = TestPng.Signature(4000, 4000);
        Assert.True(huge.Length < SignatureImage.MaxBytes, $"{huge.Length} bytes"); // small on the wire, 64 MB decoded

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var problem = SignatureImage.Problem(huge);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(MessageCodes.SignatureTooLarge, problem?.Code);
        Assert.True(allocated < 4 * huge.Length, $"{allocated} bytes allocated to refuse it");
    }

    [Fact]
    public void Problem_OfAHighDensityPhoneSignature_IsNone()
    {
        Assert.Null(SignatureImage.Problem(TestPng.Signature(1170, 600)));
    }

    [Fact]
    public void Sha256_IsLowercaseHexOfTheBytes()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SignatureImage.Sha256("abc"u8.ToArray()));
    }
}
