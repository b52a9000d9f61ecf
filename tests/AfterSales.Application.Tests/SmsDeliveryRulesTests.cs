using System.ComponentModel.DataAnnotations;
using AfterSales.Application.Notifications;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tests;

/// <summary>Quiet hours, retry backoff, the SMS settings' checks and the delivery-report tag.</summary>
public sealed class SmsDeliveryRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    // local time in Shanghai → first allowed local time, quiet 21:00-08:00
    [InlineData("2026-11-23T20:59:59", "2026-11-23T20:59:59")] // just before: goes now
    [InlineData("2026-11-23T21:00:00", "2026-11-24T08:00:00")] // quiet begins
    [InlineData("2026-11-23T23:30:00", "2026-11-24T08:00:00")] // before midnight: next morning
    [InlineData("2026-11-24T00:00:00", "2026-11-24T08:00:00")] // midnight: same morning
    [InlineData("2026-11-24T07:59:59", "2026-11-24T08:00:00")]
    [InlineData("2026-11-24T08:00:00", "2026-11-24T08:00:00")] // the end is not quiet
    [InlineData("2026-11-24T12:00:00", "2026-11-24T12:00:00")]
    public void QuietHours_AcrossMidnight_DeferToTheMorning(string local, string expected)
    {
        var quiet = QuietHours.Parse("21:00-08:00")!;

        var allowed = quiet.NextAllowed(Local(local, Shanghai), Shanghai);

        Assert.Equal(Local(expected, Shanghai), allowed);
    }

    [Theory]
    [InlineData("12:00-14:00", "2026-11-23T13:00:00", "2026-11-23T14:00:00")] // within one day
    [InlineData("12:00-14:00", "2026-11-23T14:00:00", "2026-11-23T14:00:00")]
    [InlineData("12:00-14:00", "2026-11-23T11:59:00", "2026-11-23T11:59:00")]
    [InlineData("", "2026-11-23T03:00:00", "2026-11-23T03:00:00")] // none
    public void QuietHours_OtherShapes(string text, string local, string expected)
    {
        var quiet = QuietHours.Parse(text)!;

        Assert.Equal(Local(expected, Shanghai), quiet.NextAllowed(Local(local, Shanghai), Shanghai));
    }

    [Fact]
    public void QuietHours_EndingInASpringGap_EndAtTheFirstRealMinute()
    {
        // Berlin skips 02:00-03:00 on 2026-03-29; quiet hours ending at 02:30 end at 03:00 that night.
        var quiet = QuietHours.Parse("22:00-02:30")!;

        var allowed = quiet.NextAllowed(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.FromHours(1)), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), allowed);
    }

    [Theory]
    [InlineData("21-08")]
    [InlineData("21:00")]
    [InlineData("25:00-08:00")]
    [InlineData("21:00-8:00")]
    public void QuietHours_RefuseMalformedText(string text) => Assert.Null(QuietHours.Parse(text));

    [Theory]
    // attempts, random (0..1) → seconds: 30 s doubled per attempt, capped at 30 min, ×0.75..1.25
    [InlineData(1, 0.5, 30)]
    [InlineData(2, 0.5, 60)]
    [InlineData(3, 0.0, 90)]
    [InlineData(3, 1.0, 150)]
    [InlineData(7, 0.5, 1800)] // 1920 capped
    [InlineData(40, 0.5, 1800)]
    public void Backoff_DoublesWithJitter_AndIsCapped(int attempts, double random, double seconds)
    {
        Assert.Equal(seconds, SmsDelivery.Backoff(attempts, new SmsOptions(), random).TotalSeconds, precision: 6);
    }

    [Fact]
    public void Options_NameEveryProblem()
    {
        var options = new SmsOptions
        {
            QuietHours = "late",
            AcsEndpoint = "https://contoso.communication.azure.com/",
            From = "not a sender!",
            Templates = new(StringComparer.OrdinalIgnoreCase)
            {
                ["QuoteApproval"] = new SmsTemplateOverride { Zh = "{brand}报价：{link}，请在{expectBy}前确认" },
                ["Birthday"] = new SmsTemplateOverride { Zh = "生日快乐" },
            },
        };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage!).ToList();

        Assert.Contains(errors, e => e.Contains("Sms:QuietHours 'late'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sms:From is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sms:Templates:QuoteApproval:Zh uses {expectBy}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sms:Templates:Birthday is not a notification", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Options_ConfiguredTexts_ReplaceTheDefaults_LanguageByLanguage()
    {
        var options = new SmsOptions
        {
            Templates = new(StringComparer.OrdinalIgnoreCase) { ["ticketReopened"] = new SmsTemplateOverride { Zh = "{brand}{customer}您好，工单{number}将再次处理。" } },
        };

        var reopened = options.Catalogue().Single(t => t.Kind == NotificationKind.TicketReopened);

        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.Equal("{brand}{customer}您好，工单{number}将再次处理。", reopened.Zh);
        Assert.Equal(SmsTemplates.Defaults.Single(t => t.Kind == NotificationKind.TicketReopened).En, reopened.En);
    }

    [Theory]
    [InlineData("+18005550100", true)]
    [InlineData("AfterSales", true)]
    [InlineData("18005550100", false)]
    [InlineData("TwelveLetter", false)]
    [InlineData("12345", false)]
    public void Options_From_IsAnE164NumberOrAnAlphanumericSenderId(string from, bool valid)
    {
        var options = new SmsOptions { AcsConnectionString = "endpoint=https://x.communication.azure.com/;accesskey=cHc9PQ==", From = from };

        Assert.Equal(valid, !options.Validate(new ValidationContext(options)).Any());
    }

    [Theory]
    [InlineData("01M84H0SANEHS6TXGMNRKECV3X/sms-000004-quoteApproval", true)]
    [InlineData("01M84H0SANEHS6TXGMNRKECV3X/event-000004", false)]
    [InlineData("nothing/sms-000001-requestReceived", false)]
    [InlineData("sms-000001-requestReceived", false)]
    [InlineData(null, false)]
    public void Tag_NamesTicketAndOutboxRow(string? tag, bool known)
    {
        Assert.Equal(known, SmsMessage.TryParseTag(tag, out var ticket, out var key));
        if (known)
        {
            Assert.Equal(tag, $"{ticket.Value}/{key}");
            Assert.True(TicketId.TryParse(ticket.Value, out _));
        }
    }

    private static DateTimeOffset Local(string text, TimeZoneInfo zone)
    {
        var local = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
