using AfterSales.Application.Language;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tests;

public class TicketIntakeValidatorTests
{
    // 2026-11-23 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly TicketIntakeValidator _validator = new(new BusinessOptions());

    public static TicketIntakeRequest ValidRequest() => new()
    {
        Customer = new CustomerRequest { Name = "张", Title = "mr", Phone = "138 1234 5678", Address = "上海市浦东新区世纪大道100号" },
        Product = new ProductRequest { Model = "AC-3500", SerialNumber = "SN-1", PurchaseDate = "2025-06-01", WarrantyStatus = "inWarranty" },
        Channel = "phone",
        Type = "repair",
        Tag = "硬件故障",
        Description = new DescriptionRequest { Symptom = "空调无法开机", Frequency = "每次", AlreadyTried = "重新插电" },
        Urgency = "urgent",
        ExpectedResolutionBy = "2026-11-25T18:00:00+08:00",
    };

    [Fact]
    public void Validate_CompleteRequest_GivesIntake()
    {
        var result = _validator.Validate(ValidRequest(), Now);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        var intake = result.Intake!;
        Assert.Equal("+8613812345678", intake.Customer.Phone.E164);
        Assert.Equal(CustomerTitle.Mr, intake.Customer.Title);
        Assert.Equal(Channel.Phone, intake.Channel);
        Assert.Equal(TicketType.Repair, intake.RequestedType);
        Assert.Equal(Urgency.Urgent, intake.StatedUrgency);
        Assert.Equal(new DateOnly(2025, 6, 1), intake.Product.PurchaseDate);
        Assert.Equal(WarrantyStatus.InWarranty, intake.Product.Warranty);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), intake.ExpectedResolutionBy);
    }

    [Fact]
    public void Validate_MinimalRequest_OptionalFieldsMayBeLeftOut()
    {
        var request = new TicketIntakeRequest
        {
            Customer = new CustomerRequest { Name = "李", Phone = "13912345678" },
            Product = new ProductRequest { Model = "TV-55", PurchaseDate = "2024-01-01", WarrantyStatus = "unknown" },
            Channel = "walkIn",
            Description = new DescriptionRequest { Symptom = "屏幕有竖线" },
        };

        var result = _validator.Validate(request, Now);

        Assert.True(result.IsValid);
        Assert.Null(result.Intake!.StatedUrgency);
        Assert.Null(result.Intake.RequestedType);
        Assert.Null(result.Intake.Customer.Address);
        Assert.Equal(Channel.WalkIn, result.Intake.Channel);
    }

    [Theory]
    [InlineData("13812345678", "+8613812345678")] // mainland mobile, default region CN
    [InlineData("+86 138-1234-5678", "+8613812345678")]
    [InlineData("010-12345678", "+861012345678")] // Beijing landline
    [InlineData("+1 415 555 2671", "+14155552671")] // international
    public void Validate_Phone_IsNormalisedToE164(string phone, string e164)
    {
        var result = _validator.Validate(ValidRequest() with { Customer = ValidRequest().Customer! with { Phone = phone } }, Now);
        Assert.Equal(e164, result.Intake?.Customer.Phone.E164);
    }

    public static TheoryData<string, Func<TicketIntakeRequest, TicketIntakeRequest>> InvalidFields => new()
    {
        { "customer", r => r with { Customer = null } },
        { "customer.name", r => r with { Customer = r.Customer! with { Name = "  " } } },
        { "customer.name", r => r with { Customer = r.Customer! with { Name = new string('名', 51) } } },
        { "customer.name", r => r with { Customer = r.Customer! with { Name = "张\u0007" } } },
        { "customer.title", r => r with { Customer = r.Customer! with { Title = "dr" } } },
        { "customer.phone", r => r with { Customer = r.Customer! with { Phone = null } } },
        { "customer.phone", r => r with { Customer = r.Customer! with { Phone = "12345" } } },
        { "customer.phone", r => r with { Customer = r.Customer! with { Phone = "not a phone" } } },
        { "customer.phone", r => r with { Customer = r.Customer! with { Phone = "+86 100 0000 0000" } } },
        { "customer.address", r => r with { Customer = r.Customer! with { Address = new string('路', 201) } } },
        { "product", r => r with { Product = null } },
        { "product.model", r => r with { Product = r.Product! with { Model = "" } } },
        { "product.model", r => r with { Product = r.Product! with { Model = new string('M', 101) } } },
        { "product.serialNumber", r => r with { Product = r.Product! with { SerialNumber = new string('S', 101) } } },
        { "product.purchaseDate", r => r with { Product = r.Product! with { PurchaseDate = null } } },
        { "product.purchaseDate", r => r with { Product = r.Product! with { PurchaseDate = "01/06/2025" } } },
        { "product.purchaseDate", r => r with { Product = r.Product! with { PurchaseDate = "2026-11-24" } } }, // tomorrow in Shanghai
        { "product.warrantyStatus", r => r with { Product = r.Product! with { WarrantyStatus = null } } },
        { "product.warrantyStatus", r => r with { Product = r.Product! with { WarrantyStatus = "lifetime" } } },
        { "channel", r => r with { Channel = null } },
        { "channel", r => r with { Channel = "fax" } },
        { "channel", r => r with { Channel = "1" } }, // enum numbers are not names
        { "type", r => r with { Type = "sales" } },
        { "tag", r => r with { Type = null } }, // a tag without a type
        { "tag", r => r with { Tag = new string('标', 51) } },
        { "description", r => r with { Description = null } },
        { "description.symptom", r => r with { Description = r.Description! with { Symptom = null } } },
        { "description.symptom", r => r with { Description = r.Description! with { Symptom = new string('坏', 2001) } } },
        { "description.frequency", r => r with { Description = r.Description! with { Frequency = new string('次', 201) } } },
        { "description.alreadyTried", r => r with { Description = r.Description! with { AlreadyTried = new string('试', 1001) } } },
        { "urgency", r => r with { Urgency = "critical" } },
        { "expectedResolutionBy", r => r with { ExpectedResolutionBy = "tomorrow" } },
        { "expectedResolutionBy", r => r with { ExpectedResolutionBy = "2026-11-25T18:00:00" } }, // no offset: ambiguous
        { "expectedResolutionBy", r => r with { ExpectedResolutionBy = "2026-11-23T09:00:00+08:00" } }, // in the past
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_InvalidField_IsNamedAndNothingElse(string field, Func<TicketIntakeRequest, TicketIntakeRequest> spoil)
    {
        var result = _validator.Validate(spoil(ValidRequest()), Now);

        Assert.False(result.IsValid);
        Assert.Equal([field], result.Errors.Keys.ToArray());
        Assert.All(result.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(Messages.English(message))));
    }

    [Fact]
    public void Validate_EmptyBody_NamesEveryRequiredPart()
    {
        var result = _validator.Validate(new TicketIntakeRequest(), Now);

        Assert.Equal(["channel", "customer", "description", "product"], result.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Validate_TrimsText()
    {
        var request = ValidRequest() with { Customer = ValidRequest().Customer! with { Name = "  张  " } };
        Assert.Equal("张", _validator.Validate(request, Now).Intake!.Customer.Name);
    }
}
