using AfterSales.Domain.Explanations;
using System.Globalization;
using AfterSales.Domain.Time;

namespace AfterSales.Application.Calendars;

/// <summary>
/// The SLA calculator's one set of rules, for the API's preview and the console's calculator alike: an amount of
/// minutes, hours or working days — negative to count backwards ("3 working days before the visit") — from a start
/// in the supported years, on a business calendar. Every refusal names its field.
/// </summary>
public static class SlaPreview
{
    /// <summary>The largest amount of minutes (hours are counted in minutes), either way.</summary>
    public const double MaxMinutes = 1_000_000;

    /// <summary>The largest number of working days, either way.</summary>
    public const int MaxWorkingDays = 2000;

    /// <summary>The units an amount is given in.</summary>
    public static IReadOnlyList<string> Units { get; } = ["minutes", "hours", "workingDays"];

    /// <summary>
    /// The allowance an amount of <paramref name="unit"/> gives, and whether it counts backwards (a negative amount);
    /// null, with the error under <paramref name="field"/> (or <paramref name="endOfDayField"/>), when it is out of range.
    /// </summary>
    public static (TimeAllowance Allowance, bool Backwards)? Allowance(
        string unit, double amount, bool endOfDay, FieldErrors errors, string field, string endOfDayField)
    {
        var backwards = amount < 0 || (amount == 0 && double.IsNegative(amount));
        var size = Math.Abs(amount);
        if (unit == "workingDays")
        {
            if (!double.IsFinite(amount) || size != Math.Floor(size) || size > MaxWorkingDays)
            {
                errors.Report(field, MessageCodes.SlaWorkingDays, MaxWorkingDays);
                return null;
            }

            if (endOfDay && backwards)
            {
                errors.Report(endOfDayField, MessageCodes.SlaEndOfDayForward);
                return null;
            }

            return (TimeAllowance.Days((int)size, endOfDay), backwards);
        }

        if (endOfDay)
        {
            errors.Report(endOfDayField, MessageCodes.SlaEndOfDay);
            return null;
        }

        if (!Units.Contains(unit) || !double.IsFinite(amount) || (unit == "hours" ? size * 60 : size) > MaxMinutes)
        {
            errors.Report(field, MessageCodes.SlaMinutes, MaxMinutes.ToString("0", CultureInfo.InvariantCulture));
            return null;
        }

        return (unit == "hours" ? TimeAllowance.Hours(size) : TimeAllowance.Minutes(size), backwards);
    }

    /// <summary>
    /// The instant the allowance leads to from <paramref name="start"/>; null, with the error under
    /// <paramref name="startField"/> or <paramref name="addField"/>, for a start outside the supported years or an
    /// answer beyond the calendar's reach.
    /// </summary>
    public static DateTimeOffset? Deadline(
        BusinessCalendar calendar, DateTimeOffset start, (TimeAllowance Allowance, bool Backwards) add, FieldErrors errors, string startField, string addField)
    {
        if (start < IsoInstant.Earliest || start >= IsoInstant.Latest)
        {
            errors.Report(startField, MessageCodes.SlaStart);
            return null;
        }

        try
        {
            return calendar.Move(start, add.Allowance, add.Backwards);
        }
        catch (InvalidOperationException)
        {
            errors.Report(addField, MessageCodes.SlaTooFar, BusinessCalendar.MaxDaysSearched);
            return null;
        }
    }
}
