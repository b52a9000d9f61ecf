using AfterSales.Application.Dispatch;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Application.Lifecycle;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using AfterSales.Application.Language;
using AfterSales.Domain.Explanations;
using CommandReaders = AfterSales.Application.Lifecycle.TicketCommandRequests;

namespace AfterSales.Application.Tests;

/// <summary>
/// What the validators, the lifecycle and the dispatcher say comes as codes with arguments, and the catalog has every
/// code in English and in Chinese: every message the real readers give for wrong input here must have a code the
/// catalog knows, and its Chinese must be Chinese, so a message added without its words fails here rather than
/// reaching a page as a bare code.
/// </summary>
public sealed partial class MessagesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    public static TheoryData<string, string> WrongCommands => new()
    {
        { "classify", """{"type":"repair","tag":"x","urgency":"soon"}""" },
        { "appointment", """{"from":"明天下午","mode":"onSite"}""" },
        { "visits", """{"startedAt":"2026-11-23T10:00:00+08:00","endedAt":"2026-11-23T11:00:00+08:00","mode":"onSite","parts":[{"partNumber":"P1","name":"电容","quantity":0,"unitPrice":-1}],"labour":{"hours":200,"amount":1}}""" },
        { "quote", """{"labourAmount":-5}""" },
        { "resolve", """{"outcome":"repaired","warrantyMonths":500,"compensation":[{"kind":"refund","months":0,"amount":-1}]}""" },
        { "survey", """{"survey":{"attitude":11,"buyAgain":"perhaps"}}""" },
        { "survey", """{}""" },
        { "cancel", """{"kind":"mistake"}""" },
        { "calls", """{"outcome":"busy"}""" },
    };

    [Fact]
    public void EveryCommandSentEmpty_IsAnsweredInChinese()
    {
        var messages = new List<Explanation>();
        foreach (var route in CommandReaders.All)
        {
            var errors = new FieldErrors();
            CommandReaders.Read(route.Empty(), route, errors);
            messages.AddRange(errors.ToDictionary().SelectMany(e => e.Value));
        }

        Assert.True(messages.Count >= 10, string.Join("\n", messages.Select(Messages.English)));
        AssertSaidInChinese(messages);
    }

    [Theory]
    [MemberData(nameof(WrongCommands))]
    public void AWrongCommand_IsAnsweredInChinese(string route, string json)
    {
        var command = CommandReaders.Find(route)!;
        var request = (CommandRequest)JsonSerializer.Deserialize(json, command.RequestType, JsonSerializerOptions.Web)!;
        var errors = new FieldErrors();

        CommandReaders.Read(request, command, errors);

        var messages = errors.ToDictionary().SelectMany(e => e.Value).ToList();
        Assert.NotEmpty(messages);
        AssertSaidInChinese(messages);
    }

    [Fact]
    public void AWrongRegistration_IsAnsweredInChinese()
    {
        var validator = new TicketIntakeValidator(new BusinessOptions());
        TicketIntakeRequest[] wrong =
        [
            new(),
            new()
            {
                Customer = new CustomerRequest { Name = new string('王', 60), Phone = "12" },
                Product = new ProductRequest { Model = "AC\u0001", PurchaseDate = "2027-01-01", WarrantyStatus = "inWarranty" },
                Channel = "phone", Tag = "异响", Urgency = "normal",
                Description = new DescriptionRequest { Symptom = "不制冷" },
                ExpectedResolutionBy = "2026-11-01T10:00:00+08:00",
                ContactedAt = "2026-11-30T10:00:00+08:00",
                Location = new LocationRequest { Latitude = 95 },
            },
            new()
            {
                Customer = new CustomerRequest { Name = "王", Phone = "13812345678" },
                Product = new ProductRequest { Model = "AC", PurchaseDate = "去年", WarrantyStatus = "inWarranty" },
                Channel = "phone", Urgency = "normal",
                Description = new DescriptionRequest { Symptom = "不制冷" },
                ExpectedResolutionBy = "明天",
                ContactedAt = "2026-11-01T10:00:00+08:00",
            },
        ];

        var messages = wrong.SelectMany(r => validator.Validate(r, Monday).Errors.SelectMany(e => e.Value)).ToList();

        Assert.True(messages.Count >= 12, string.Join("\n", messages.Select(Messages.English)));
        AssertSaidInChinese(messages);
    }

    [Fact]
    public void AWrongEngineerOrDepartment_IsAnsweredInChinese()
    {
        var errors = new FieldErrors();
        TeamValidation.Parse(
            new EngineerRequest
            {
                Phone = "12", Department = "sales", MaxConcurrent = 0, Skills = [new SkillRequest()], Regions = [new RegionRequest()],
                Base = new LocationRequest { Latitude = 100 }, Leave = [new LeaveRequest { From = "下周" }],
                Duty = new() { ["mon"] = ["09:00-12:00", "11:00-13:00"] },
            },
            "li-gong",
            errors);
        TeamValidation.ParseDepartment(new DepartmentRequest { Supervisors = [" "] }, Department.Repair, errors);

        var messages = errors.ToDictionary().SelectMany(e => e.Value).ToList();
        Assert.True(messages.Count >= 9, string.Join("\n", messages.Select(Messages.English)));
        AssertSaidInChinese(messages);
    }

    [Fact]
    public void EveryReasonTheDispatcherRulesAnEngineerOutFor_IsSaidInChinese()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var dispatcher = new Dispatcher(new BusinessCalendar(shanghai, WorkingWeek.OfficeHours, [], []));
        var now = Monday;
        var nobody = new Engineer
        {
            Id = "away",
            Name = "away",
            Phone = PhoneNumber.FromE164("+8613800000000"),
            Department = Department.Complaints,
            Skills = [new Skill("冰箱", "*", 3)],
            Regions = [new ServiceRegion("杭州市", null)],
            MaxConcurrent = 1,
            Active = false,
            Leave = [new LeavePeriod(now.AddDays(-1), now.AddDays(1), "年假")],
            Duty = new WorkingWeek(new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>> { [DayOfWeek.Sunday] = [new(TimeSpan.FromHours(9), TimeSpan.FromHours(18))] }),
        };
        var request = new DispatchRequest(Department.Repair, "空调", "硬件故障", Urgency.Normal, new ServiceRegion("上海市", "浦东新区"), null, ["away"]);

        var offDuty = nobody with { Id = "off", Leave = [] };

        var reasons = dispatcher.Decide(request, [new EngineerLoad(nobody, 1), new EngineerLoad(offDuty, 0)], now).Ineligible.SelectMany(i => i.Reasons).Distinct().ToList();

        Assert.Equal(8, reasons.Count);
        AssertSaidInChinese(reasons);
        Assert.Contains("服务区域不含 上海市浦东新区", reasons.Select(Chinese));
        Assert.Contains("已满负荷（1/1）", reasons.Select(Chinese));
        Assert.Contains("部门为投诉，不是维修", reasons.Select(Chinese));
        Assert.Contains("department complaints, not repair", reasons.Select(Messages.English));
    }

    [Fact]
    public void Arguments_AreKept_InEitherLanguage()
    {
        var tooLong = Explanation.Of(MessageCodes.TooLongHas, 200, 260);

        Assert.Equal("最多 200 个字，现在有 260 个。", Chinese(tooLong));
        Assert.Equal("At most 200 characters; this has 260.", Messages.English(tooLong));
        Assert.Equal("no skill for any line / any tag", Messages.English(Explanation.Of(MessageCodes.RuledOutSkill, null, null)));
        Assert.Equal("没有 全部产品线 / 压缩机 的技能", Chinese(Explanation.Of(MessageCodes.RuledOutSkill, null, "压缩机")));
        Assert.Equal("1 due entry: 1 ticket(s) escalated, 0 with nothing due, 0 failed.", Messages.English(Explanation.Of(MessageCodes.TimerEscalations, 1, 1, 0, 0)));
    }

    [Fact]
    public void ACodeTheCatalogLacks_IsShownAsTheCodeWithItsArguments()
    {
        Assert.Equal("somethingNew: 3, x", Messages.English(Explanation.Of("somethingNew", 3, "x")));
    }

    [Fact]
    public void EveryCode_HasEnglishAndChinese_AndTheChineseHasNoEnglishWords()
    {
        var codes = typeof(MessageCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Empty(codes.Except(Messages.Codes));
        Assert.Empty(Messages.Codes.Except(codes));
        foreach (var code in codes.Where(c => c is not (MessageCodes.Stored or MessageCodes.ApiText or MessageCodes.EngineerDuty or MessageCodes.TimerTicketFailed)))
        {
            var sample = Explanation.Of(code, 1, 2, 3, 4, 5, 6, 7);
            var chinese = Chinese(sample);
            Assert.True(Han().IsMatch(chinese), $"{code}: {chinese}");
            var english = LatinWord().Matches(chinese).Select(m => m.Value).Except(["UUID", "ASCII", "AS"]).ToList();
            Assert.True(english.Count == 0, $"{code}: {chinese}");
            Assert.False(string.IsNullOrWhiteSpace(Messages.English(sample)), code);
        }
    }

    [Fact]
    public void AStoredExplanation_ReadsBack_AndAReasonStoredAsText_ReadsAsItWas()
    {
        var reason = Explanation.Of(MessageCodes.RuledOutLoad, 2, 2);
        var json = JsonSerializer.Serialize(new[] { reason }, JsonSerializerOptions.Web);

        Assert.Equal("""[{"code":"ruledOutLoad","arguments":["2","2"]}]""", json);
        Assert.Equal([reason], JsonSerializer.Deserialize<Explanation[]>(json, JsonSerializerOptions.Web)!);
        var old = Assert.Single(JsonSerializer.Deserialize<Explanation[]>("""["at maximum load (2/2)"]""", JsonSerializerOptions.Web)!);
        Assert.Equal("at maximum load (2/2)", Chinese(old));
    }

    private static string Chinese(Explanation message) => Messages.Say(message, CustomerLanguage.Zh);

    private static void AssertSaidInChinese(IEnumerable<Explanation> messages)
    {
        var unknown = messages.Distinct().Where(m => !Messages.Codes.Contains(m.Code) || !Han().IsMatch(Chinese(m))).ToList();
        Assert.True(unknown.Count == 0, "No Chinese for:\n" + string.Join("\n", unknown.Select(m => m.Code)));
    }

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
