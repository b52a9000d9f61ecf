using AfterSales.Domain.Explanations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AfterSales.Application;

namespace AfterSales.Web.Console;

/// <summary>
/// A posted console form read as the API's request body: each input's name is its field's path, its text becomes the
/// JSON value the API would have been sent (numbers as numbers, ticks as booleans, a local date and time as an instant
/// with the business's offset), and the request is bound by the API's own serializer, so the validators see exactly
/// what an API caller's body gives them. Rows of a list left empty are dropped; errors about the rows sent are named
/// by the row on the form.
/// </summary>
public sealed class FormJson
{
    private static readonly string[] MomentFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    // "parts[0]" as sent → "parts[2]" as on the form, when rows before it were left empty.
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly FieldErrors _errors = new();

    private FormJson()
    {
    }

    /// <summary>The request read from the form, or null when a value could not be read (see <see cref="Errors"/>).</summary>
    public object? Value { get; private set; }

    /// <summary>What is wrong, keyed by the input it is about.</summary>
    public FieldErrors Errors => _errors;

    /// <summary>Reads <paramref name="form"/>'s <paramref name="items"/> as a <paramref name="type"/>.</summary>
    public static FormJson Read(
        IReadOnlyList<FormItem> items, IFormCollection form, Type type, TimeZoneInfo zone, JsonSerializerOptions options, ConsoleText text)
    {
        var reading = new FormJson();
        var root = new JsonObject();
        foreach (var item in items)
        {
            switch (item)
            {
                case FormField field when reading.Node(field, field.Path, form[field.Path].ToString(), zone, text) is { } node:
                    Set(root, field.Path, node);
                    break;
                case FormList list:
                    reading.ReadList(list, form, zone, text, root);
                    break;
            }
        }

        if (reading._errors.Count > 0)
        {
            return reading;
        }

        try
        {
            reading.Value = root.Deserialize(type, options);
        }
        catch (JsonException e)
        {
            reading._errors.Report(reading.OnForm(FieldErrors.FieldOf(e.Path)), MessageCodes.Number);
        }

        return reading;
    }

    /// <summary>Adds the validator's <paramref name="errors"/> (named by the request's paths) under the inputs they are about.</summary>
    public void Add(FieldErrors errors) => Add(errors.ToDictionary());

    /// <inheritdoc cref="Add(FieldErrors)"/>
    public void Add(IReadOnlyDictionary<string, AfterSales.Domain.Explanations.Explanation[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                _errors.Add(OnForm(field), message);
            }
        }
    }

    private void ReadList(FormList list, IFormCollection form, TimeZoneInfo zone, ConsoleText text, JsonObject root)
    {
        var array = new JsonArray();
        for (var row = 0; row < list.Rows; row++)
        {
            var element = new JsonObject();
            var filled = false;
            foreach (var field in list.Fields)
            {
                var name = list.Name(row, field);
                var raw = form[name].ToString();
                filled |= field.Kind != FieldKind.Check && !string.IsNullOrWhiteSpace(raw);
                if (Node(field, name, raw, zone, text) is { } node)
                {
                    Set(element, field.Path, node);
                }
            }

            if (filled)
            {
                _rows[$"{list.Path}[{array.Count}]"] = $"{list.Path}[{row}]";
                array.Add(element);
            }
        }

        if (array.Count > 0)
        {
            Set(root, list.Path, array);
        }
    }

    /// <summary>The JSON value of one input's text; null when it is empty (not sent).</summary>
    private JsonNode? Node(FormField field, string name, string raw, TimeZoneInfo zone, ConsoleText text)
    {
        if (field.Kind == FieldKind.Check)
        {
            return JsonValue.Create(raw == "true");
        }

        var value = field.Kind == FieldKind.LongText ? raw.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() : raw.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n')))
        {
            _errors.Report(name, MessageCodes.ControlCharacters);
            return null;
        }

        return field.Kind switch
        {
            FieldKind.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            FieldKind.Words => new JsonArray([.. value.Split([' ', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries).Select(w => (JsonNode?)JsonValue.Create(w))]),
            FieldKind.YesNo => value switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => JsonValue.Create(value) },
            FieldKind.Moment when DateTime.TryParseExact(value, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) =>
                JsonValue.Create(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
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

    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var names = path.Split('.');
        var node = root;
        foreach (var name in names[..^1])
        {
            if (node[name] is not JsonObject child)
            {
                child = [];
                node[name] = child;
            }

            node = child;
        }

        node[names[^1]] = value;
    }
}
