using System.Globalization;
using AfterSales.Application;
using AfterSales.Domain.Explanations;
using Microsoft.AspNetCore.Components.Forms;

namespace AfterSales.Web.Console;

/// <summary>
/// What the framework's form binding (<c>[SupplyParameterFromForm]</c>) could not do for a console form, done in
/// typed code: the inputs it could not convert and control characters are named by the input they are in; text is
/// trimmed (an empty input is a field not given, as an API caller leaves it out); a local date and time becomes an
/// instant with the business's offset; rows of a list left empty are dropped, and the validator's messages about
/// the rows kept are moved back to the row they are in on the form.
/// </summary>
public sealed class BoundForm
{
    private static readonly string[] MomentFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
    private static readonly char[] WordSeparators = [' ', ',', '，', '、', ';', '；'];

    // "parts[0]" as validated → "parts[2]" as on the form, when rows before it were left empty.
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly TimeZoneInfo _zone;

    /// <summary>
    /// Starts reading the post of a form (its inputs described by <paramref name="items"/>): what the binding
    /// could not convert, and control characters in any input.
    /// </summary>
    public BoundForm(IReadOnlyList<FormItem> items, IFormCollection posted, FormMappingContext? mapping, TimeZoneInfo zone)
    {
        _zone = zone;
        foreach (var (name, values) in posted)
        {
            if (!name.StartsWith('_') && values.Any(v => v is not null && v.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))))
            {
                Errors.Report(name, MessageCodes.ControlCharacters);
            }
        }

        foreach (var error in mapping?.GetAllErrors() ?? [])
        {
            // The framework names the model's property (Parts[1].Quantity): the input is the posted name it was read from.
            var input = posted.Keys.FirstOrDefault(k => string.Equals(k, error.Path, StringComparison.OrdinalIgnoreCase)) ?? error.Path;

            // An input left empty is a field not given (the API's caller leaves it out), not a wrong value.
            if (!string.IsNullOrWhiteSpace(error.AttemptedValue) && !Errors.Has(input))
            {
                Errors.Report(input, KindOf(items, input) == FieldKind.Number ? MessageCodes.Number : MessageCodes.FormValue);
            }
        }
    }

    /// <summary>What is wrong, keyed by the input it is about.</summary>
    public FieldErrors Errors { get; } = new();

    /// <summary>The text as given, trimmed, line ends as <c>\n</c>; null when nothing was typed.</summary>
    public static string? Text(string? value) =>
        value?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 } text ? text : null;

    /// <summary>Several values typed in one input, separated by spaces, commas or 、; null when nothing was typed.</summary>
    public static List<string>? Words(string? value) =>
        Text(value)?.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? [.. words] : null;

    /// <summary>
    /// A date and time of day picked on the form, read in the business's time zone, as the API's ISO 8601 instant
    /// with offset; text that is not a local time stays as typed, for the validator to name.
    /// </summary>
    public string? Moment(string? value)
    {
        var text = Text(value);
        return text is not null && DateTime.TryParseExact(text, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>
    /// The rows of the list at <paramref name="path"/> that were filled in (<paramref name="filled"/>), in their order on
    /// the form (bound by row number, so a row left empty before them is no gap); null when none was. The validator's
    /// messages about a kept row are shown on the row it came from.
    /// </summary>
    public List<T>? Rows<T>(string path, IReadOnlyDictionary<int, T>? rows, Func<T, bool> filled)
        where T : class
    {
        var kept = new List<T>();
        foreach (var (row, value) in (rows ?? new Dictionary<int, T>()).OrderBy(r => r.Key))
        {
            if (value is not null && filled(value))
            {
                _rows[$"{path}[{kept.Count}]"] = $"{path}[{row}]";
                kept.Add(value);
            }
        }

        return kept.Count > 0 ? kept : null;
    }

    /// <summary>Adds the validator's <paramref name="errors"/> (named by the request's paths) under the inputs they are about.</summary>
    public void Add(FieldErrors errors) => Add(errors.ToDictionary());

    /// <inheritdoc cref="Add(FieldErrors)"/>
    public void Add(IReadOnlyDictionary<string, Explanation[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Errors.Add(OnForm(field), message);
            }
        }
    }

    private string OnForm(string field)
    {
        foreach (var (sent, shown) in _rows)
        {
            if (field.StartsWith(sent, StringComparison.Ordinal) && (field.Length == sent.Length || field[sent.Length] == '.'))
            {
                return shown + field[sent.Length..];
            }
        }

        return field;
    }

    /// <summary>How the input named <paramref name="name"/> (<c>parts[1].quantity</c>) is entered.</summary>
    private static FieldKind? KindOf(IReadOnlyList<FormItem> items, string name)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case FormField field when string.Equals(field.Path, name, StringComparison.OrdinalIgnoreCase):
                    return field.Kind;
                case FormList list when name.StartsWith($"{list.Path}[", StringComparison.OrdinalIgnoreCase):
                    var inRow = name[(name.IndexOf(']', StringComparison.Ordinal) + 1)..].TrimStart('.');
                    return list.Fields.FirstOrDefault(f => string.Equals(f.Path, inRow, StringComparison.OrdinalIgnoreCase))?.Kind;
            }
        }

        return null;
    }
}
