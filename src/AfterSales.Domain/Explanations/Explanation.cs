using System.Text.Json;
using System.Text.Json.Serialization;

namespace AfterSales.Domain.Explanations;

/// <summary>
/// A decision of the system explained as a code (<c>classified.matched</c>, <c>dispatch.best</c>, …) and its arguments
/// (rule names, counts, scores, enum names), put into words where it is shown.
/// </summary>
/// <param name="Code">What kind of explanation it is; part of the stored format, never renamed.</param>
/// <param name="Arguments">The facts it names, as invariant text.</param>
[JsonConverter(typeof(ExplanationJsonConverter))]
public sealed record Explanation(string Code, IReadOnlyList<string> Arguments)
{
    /// <summary>The explanation <paramref name="code"/> with <paramref name="arguments"/> written invariantly.</summary>
    public static Explanation Of(string code, params object?[] arguments) =>
        new(code, [.. arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)]);

    /// <summary>The same code with the same arguments in the same order.</summary>
    public bool Equals(Explanation? other) =>
        other is not null && Code == other.Code && Arguments.SequenceEqual(other.Arguments, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Arguments.Count);
}

/// <summary>
/// Writes an explanation as <c>{"code": …, "arguments": [ … ]}</c>. Reads that form, and also a plain string: the
/// dispatcher's reasons were stored as English text before they had codes, and such a text reads as
/// <see cref="MessageCodes.Stored"/> with the text as its argument.
/// </summary>
public sealed class ExplanationJsonConverter : JsonConverter<Explanation>
{
    /// <inheritdoc />
    public override Explanation? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new Explanation(MessageCodes.Stored, [reader.GetString() ?? string.Empty]);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("An explanation is an object with code and arguments.");
        }

        string? code = null;
        var arguments = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase))
            {
                code = reader.GetString();
            }
            else if (string.Equals(name, "arguments", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    arguments.Add(reader.GetString() ?? string.Empty);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new Explanation(code ?? throw new JsonException("An explanation needs its code."), arguments);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Explanation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("code", value.Code);
        writer.WriteStartArray("arguments");
        foreach (var argument in value.Arguments)
        {
            writer.WriteStringValue(argument);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
