namespace AfterSales.Web.Console;

/// <summary>How a form field is entered and how its text becomes the request's JSON value.</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,
    /// <summary>Several lines of text.</summary>
    LongText,
    /// <summary>One of the values of an enum (a drop-down; radio buttons when the page gives the options).</summary>
    Choice,
    /// <summary>A number: sent as a JSON number, so a wrong one is named like any wrong type.</summary>
    Number,
    /// <summary>Yes, no or not given: a JSON boolean or nothing.</summary>
    YesNo,
    /// <summary>A tick box: true when ticked, false when not.</summary>
    Check,
    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    Date,
    /// <summary>A date and time of day in the business's time zone, sent as an ISO 8601 instant with its offset.</summary>
    Moment,
    /// <summary>A telephone number (the phone's number keypad).</summary>
    Phone,
    /// <summary>Several values in one line, separated by spaces or commas: a JSON list of strings.</summary>
    Words,
}

/// <summary>Something a console form shows: a field, or a list of rows of fields.</summary>
public abstract record FormItem;

/// <summary>
/// One input of a console form. <paramref name="Path"/> is the field's path in the API's request body
/// (<c>customer.phone</c>, <c>survey.overall</c>; inside a list, relative to the row: <c>quantity</c>), and the input's
/// <c>name</c>, so the validator's messages land beside the field they are about. <see cref="Group"/> starts a
/// titled section of the form.
/// </summary>
public sealed record FormField(string Path, FieldKind Kind = FieldKind.Text, Type? Choices = null, bool Required = false) : FormItem
{
    /// <summary>The heading of the section this field opens (a word of <see cref="ConsoleText"/>), or null.</summary>
    public string? Group { get; init; }

    /// <summary>Smallest and largest number allowed (for the browser's own check; the validator decides).</summary>
    public (decimal Min, decimal Max)? Range { get; init; }

    /// <summary>The value a new form starts with.</summary>
    public string? Initial { get; init; }

    /// <summary>The word of <see cref="ConsoleText"/> that labels the field: its path without list positions.</summary>
    public string Label(string? list = null) => "field." + (list is null ? Path : $"{list}.{Path}");
}

/// <summary>A list of rows in a request (<c>parts</c>): <paramref name="Rows"/> rows of <paramref name="Fields"/>; empty rows are left out.</summary>
public sealed record FormList(string Path, int Rows, IReadOnlyList<FormField> Fields) : FormItem
{
    /// <summary>The heading of the section this list opens.</summary>
    public string? Group { get; init; }

    /// <summary>The input name of a row's field: <c>parts[2].quantity</c>.</summary>
    public string Name(int row, FormField field) => $"{Path}[{row}].{field.Path}";
}
