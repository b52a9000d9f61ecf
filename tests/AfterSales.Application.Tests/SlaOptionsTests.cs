using System.ComponentModel.DataAnnotations;
using AfterSales.Application.Lifecycle;
using AfterSales.Domain.Sla;
using AfterSales.Domain.Tickets;

namespace AfterSales.Application.Tests;

public sealed class SlaOptionsTests
{
    [Fact]
    public void NoTargets_GivesTheBusinessRulesDefaults()
    {
        Assert.Same(SlaPolicy.Default, new SlaOptions().ToPolicy());
        Assert.Equal(12, SlaPolicy.Default.Targets.Count);
    }

    [Fact]
    public void ConfiguredTargets_ReplaceTheDefaults()
    {
        var options = new SlaOptions
        {
            Targets =
            [
                new() { Name = "vip-response", Kind = SlaKind.Response, Hours = 1, Measure = ClockMeasure.Elapsed, Urgencies = [Urgency.Urgent], WarningPercent = 50 },
                new() { Name = "resolution", Kind = SlaKind.Resolution, WorkingDays = 2, EndOfDay = true, PausedBy = [TicketStatus.WaitingForParts] },
            ],
        };

        var policy = options.ToPolicy();

        Assert.Equal(["vip-response", "resolution"], policy.Targets.Select(t => t.Name).ToArray());
        Assert.Equal(0.5, policy.TargetFor(SlaKind.Response, TicketType.Repair, Urgency.Urgent)!.WarningRatio);
        Assert.Null(policy.TargetFor(SlaKind.Response, TicketType.Repair, Urgency.Normal));
        Assert.True(policy.TargetFor(SlaKind.Resolution, null, Urgency.Normal)!.Allowance.EndOfDay);
    }

    [Theory]
    [InlineData(null, null, null, ClockMeasure.Business, "exactly one")]
    [InlineData(10.0, 1.0, null, ClockMeasure.Business, "exactly one")]
    [InlineData(null, null, 3, ClockMeasure.Elapsed, "business time")]
    [InlineData(-1.0, null, null, ClockMeasure.Business, "negative")]
    public void Validate_ReportsInconsistentTargets(double? minutes, double? hours, int? days, ClockMeasure measure, string message)
    {
        var options = new SlaOptions { Targets = [new() { Name = "t", Kind = SlaKind.Resolution, Minutes = minutes, Hours = hours, WorkingDays = days, Measure = measure }] };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(message, Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCustomersReminder_IsAPercentOfTheConfirmationTarget_ZeroForNone_AndRefusedOnOtherTargets()
    {
        SlaTargetOptions Confirmation(double? percent) => new() { Name = "confirmation", Kind = SlaKind.Confirmation, Hours = 24, Measure = ClockMeasure.Elapsed, ReminderPercent = percent };

        Assert.Equal(0.5, new SlaOptions { Targets = [Confirmation(null)] }.ToPolicy().Targets[0].ReminderRatio);
        Assert.Equal(0.75, new SlaOptions { Targets = [Confirmation(75)] }.ToPolicy().Targets[0].ReminderRatio);
        Assert.Null(new SlaOptions { Targets = [Confirmation(0)] }.ToPolicy().Targets[0].ReminderRatio);

        var options = new SlaOptions { Targets = [new() { Name = "response", Kind = SlaKind.Response, Hours = 2, ReminderPercent = 50 }] };
        var error = Assert.Single(options.Validate(new ValidationContext(options))).ErrorMessage;
        Assert.Contains("'response': only a target the customer must act on", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassificationOptions_Validate_RuleThatSetsNothing()
    {
        var options = new ClassificationOptions { Rules = [new() { Name = "x", Keywords = ["a"] }] };

        Assert.Contains(options.Validate(new ValidationContext(options)), e => e.ErrorMessage!.Contains("neither Type nor Urgency", StringComparison.Ordinal));
        Assert.Equal(DefaultClassificationRules.All, new ClassificationOptions().ToRules());
    }
}
