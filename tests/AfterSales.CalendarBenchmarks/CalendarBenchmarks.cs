using AfterSales.Application.Calendars;
using AfterSales.Domain.Time;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AfterSales.CalendarBenchmarks;

/// <summary>
/// Deadline arithmetic on the shipped China calendar (office hours with a lunch break, 2025-2026
/// official holidays and 调休): cost should follow the number of calendar days crossed.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private static readonly BusinessCalendar China = new CalendarOptions().Build(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    // A Wednesday afternoon just before the 2026 National Day week: the worst season to count in.
    private static readonly DateTimeOffset Start = new(2026, 9, 23, 16, 30, 0, TimeSpan.FromHours(8));

    [Benchmark(Description = "add 1 business hour")]
    public DateTimeOffset OneHour() => China.AddBusinessTime(Start, TimeSpan.FromHours(1));

    [Benchmark(Description = "add 3 working days")]
    public DateTimeOffset ThreeWorkingDays() => China.AddWorkingDays(Start, 3, endOfDay: false);

    [Benchmark(Description = "add 200 working days")]
    public DateTimeOffset TwoHundredWorkingDays() => China.AddWorkingDays(Start, 200, endOfDay: false);

    [Benchmark(Description = "add 1,600 business hours (200 days of 8 h)")]
    public DateTimeOffset TwoHundredDaysOfHours() => China.AddBusinessTime(Start, TimeSpan.FromHours(1600));

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            // In-process: no generated project to restore and build, which the offline package feed may not allow.
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}
