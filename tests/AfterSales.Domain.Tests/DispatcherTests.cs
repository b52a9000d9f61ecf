using AfterSales.Domain.Explanations;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using static AfterSales.Domain.Tests.Calendars;

namespace AfterSales.Domain.Tests;

public sealed class DispatcherTests
{
    // Monday 2026-11-23 10:00 in Shanghai: a working day, inside office hours.
    private static readonly DateTimeOffset Now = At("2026-11-23T10:00:00+08:00");
    private static readonly ServiceRegion Pudong = new("上海市", "浦东新区");
    private static readonly Dispatcher Dispatcher = new(China2026);

    private static Engineer Eng(string id, int level = 3, Department department = Department.Repair, string line = "空调", string tag = "*",
        ServiceRegion? region = null, int max = 5, GeoPoint? home = null, WorkingWeek? duty = null, bool active = true, LeavePeriod? leave = null) => new()
    {
        Id = id,
        Name = id,
        Phone = PhoneNumber.FromE164("+8613800000000"),
        Department = department,
        Skills = [new Skill(line, tag, level)],
        Regions = [region ?? Pudong],
        MaxConcurrent = max,
        Base = home,
        Duty = duty,
        Active = active,
        Leave = leave is null ? [] : [leave],
    };

    private static DispatchRequest Request(Urgency urgency = Urgency.Normal, string? tag = "硬件故障", ServiceRegion? region = null, GeoPoint? at = null, params string[] excluded) =>
        new(Department.Repair, "空调", tag, urgency, region ?? Pudong, at, excluded);

    public static TheoryData<string, Engineer, int, Explanation> Ineligible => new()
    {
        { "inactive", Eng("e", active: false), 0, Explanation.Of(MessageCodes.RuledOutInactive) },
        { "other department", Eng("e", department: Department.Complaints), 0, Explanation.Of(MessageCodes.RuledOutDepartment, "complaints", "repair") },
        { "no skill for the line", Eng("e", line: "冰箱"), 0, Explanation.Of(MessageCodes.RuledOutSkill, "空调", "硬件故障") },
        { "no skill for the tag", Eng("e", tag: "软件bug"), 0, Explanation.Of(MessageCodes.RuledOutSkill, "空调", "硬件故障") },
        { "other city", Eng("e", region: new ServiceRegion("杭州市", null)), 0, Explanation.Of(MessageCodes.RuledOutRegion, "上海市浦东新区") },
        { "other district", Eng("e", region: new ServiceRegion("上海", "徐汇区")), 0, Explanation.Of(MessageCodes.RuledOutRegion, "上海市浦东新区") },
        { "on leave", Eng("e", leave: new LeavePeriod(Now.AddDays(-1), Now.AddDays(1), "年假")), 0, Explanation.Of(MessageCodes.RuledOutLeave) },
        { "off duty by roster", Eng("e", duty: new WorkingWeek(new Dictionary<DayOfWeek, IReadOnlyList<WorkingWindow>> { [DayOfWeek.Saturday] = [new(TimeSpan.FromHours(9), TimeSpan.FromHours(18))] })), 0, Explanation.Of(MessageCodes.RuledOutOffDuty) },
        { "full", Eng("e", max: 2), 2, Explanation.Of(MessageCodes.RuledOutLoad, 2, 2) },
    };

    [Theory]
    [MemberData(nameof(Ineligible))]
    public void Decide_RulesOutEngineers_AndSaysWhy(string why, Engineer engineer, int load, Explanation reason)
    {
        var decision = Dispatcher.Decide(Request(), [new EngineerLoad(engineer, load)], Now);

        Assert.Empty(decision.Candidates);
        Assert.Contains(reason, Assert.Single(decision.Ineligible).Reasons);
        Assert.NotNull(why);
    }

    [Theory]
    [InlineData("2026-11-23T08:59:00+08:00", false)] // before opening
    [InlineData("2026-11-23T12:30:00+08:00", false)] // lunch
    [InlineData("2026-11-23T13:00:00+08:00", true)]
    [InlineData("2026-11-28T10:00:00+08:00", false)] // Saturday
    [InlineData("2026-10-01T10:00:00+08:00", false)] // National Day
    [InlineData("2026-09-20T10:00:00+08:00", true)]  // Sunday made a working day (调休)
    public void Decide_WithoutRoster_FollowsTheBusinessCalendar(string at, bool onDuty)
    {
        var decision = Dispatcher.Decide(Request(), [new EngineerLoad(Eng("e"), 0)], At(at));

        Assert.Equal(onDuty, decision.Best is not null);
    }

    [Fact]
    public void Decide_PassedOverEngineers_AreNotOfferedAgain()
    {
        var decision = Dispatcher.Decide(Request(excluded: "a"), [new EngineerLoad(Eng("a", level: 5), 0), new EngineerLoad(Eng("b"), 0)], Now);

        Assert.Equal("b", decision.Best!.Engineer);
        Assert.Contains(Explanation.Of(MessageCodes.RuledOutDeclined), decision.Ineligible.Single(i => i.Engineer == "a").Reasons);
    }

    public static TheoryData<string, Urgency, string> Rankings => new()
    {
        // senior (level 5) but busy (4/5) against junior (level 2) and free: normal work takes the free one…
        { "normal prefers free capacity", Urgency.Normal, "junior" },
        // …urgent work takes the senior one.
        { "urgent prefers seniority", Urgency.Urgent, "senior" },
    };

    [Theory]
    [MemberData(nameof(Rankings))]
    public void Decide_ScoresSkillLoadAndUrgency(string why, Urgency urgency, string expected)
    {
        var engineers = new[] { new EngineerLoad(Eng("senior", level: 5), 4), new EngineerLoad(Eng("junior", level: 2), 0) };

        var decision = Dispatcher.Decide(Request(urgency), engineers, Now);

        Assert.Equal(expected, decision.Best!.Engineer);
        Assert.Equal(2, decision.Candidates.Count);
        Assert.NotNull(why);
    }

    [Theory]
    // normal weights 40/30/30: level 3 → 24, district match → 30, 1 of 5 open → 24
    [InlineData(Urgency.Normal, 3, 1, 78.0)]
    // urgent weights 60/25/15: level 5 → 60, district → 25, 0 of 5 open → 15
    [InlineData(Urgency.Urgent, 5, 0, 100.0)]
    public void Decide_ScoreIsTheWeightedSumOfItsParts(Urgency urgency, int level, int load, double score)
    {
        var decision = Dispatcher.Decide(Request(urgency), [new EngineerLoad(Eng("e", level: level), load)], Now);

        Assert.Equal(score, decision.Best!.Score);
    }

    [Fact]
    public void Decide_PrefersTheNearerEngineer_WhenBothHaveABase()
    {
        var site = new GeoPoint(31.2050, 121.6000); // Zhangjiang
        var near = Eng("near", home: new GeoPoint(31.2200, 121.5500));
        var far = Eng("far", home: new GeoPoint(31.1000, 121.2000));

        var decision = Dispatcher.Decide(Request(at: site), [new EngineerLoad(far, 0), new EngineerLoad(near, 0)], Now);

        Assert.Equal(["near", "far"], decision.Candidates.Select(c => c.Engineer));
        Assert.Contains("km from base", decision.Best!.ProximityBasis);
    }

    [Fact]
    public void Decide_DistrictCoverage_BeatsWholeCityCoverage()
    {
        var district = Eng("district");
        var city = Eng("city", region: new ServiceRegion("上海市", null));

        var decision = Dispatcher.Decide(Request(), [new EngineerLoad(city, 0), new EngineerLoad(district, 0)], Now);

        Assert.Equal(["district", "city"], decision.Candidates.Select(c => c.Engineer));
        Assert.Equal(Dispatcher.CityMatch, decision.Candidates[1].Proximity);
    }

    [Fact]
    public void Decide_TiesGoToTheLighterLoadThenTheName()
    {
        var decision = Dispatcher.Decide(Request(), [new EngineerLoad(Eng("b"), 0), new EngineerLoad(Eng("a"), 0)], Now);

        Assert.Equal(["a", "b"], decision.Candidates.Select(c => c.Engineer));
    }

    [Theory]
    [InlineData("上海市浦东新区张江路1号", "上海市", "浦东新区")]
    [InlineData("广东省深圳市南山区科技园", "深圳市", "南山区")]
    [InlineData("浙江省杭州市西湖区", "杭州市", "西湖区")]
    [InlineData("新疆维吾尔自治区乌鲁木齐市天山区", "乌鲁木齐市", "天山区")]
    [InlineData("江苏省苏州市吴江区", "苏州市", "吴江区")]
    [InlineData("北京市", "北京市", null)]
    public void FromAddress_ReadsCityAndDistrict(string address, string city, string? district)
    {
        Assert.Equal(new ServiceRegion(city, district), ServiceRegion.FromAddress(address));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Room 5, Somewhere")]
    public void FromAddress_WithoutACity_IsUnknown(string? address)
    {
        Assert.Null(ServiceRegion.FromAddress(address));
    }

    [Fact]
    public void DistanceKm_ShanghaiToBeijing_IsAbout1070()
    {
        var km = new GeoPoint(31.2304, 121.4737).DistanceKm(new GeoPoint(39.9042, 116.4074));

        Assert.InRange(km, 1060, 1075);
    }
}
