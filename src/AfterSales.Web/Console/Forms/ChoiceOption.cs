namespace AfterSales.Web.Console;

/// <summary>A value a page offers for a choice field, with what speaks for it (the dispatcher's score) or against it.</summary>
public sealed record ChoiceOption(string Value, string Label, string? Hint = null, bool Warn = false);
