using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using AfterSales.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Api;

/// <summary>
/// Reads every JSON request body the same way, so that no input can reach a handler half-read: the content
/// type, the size, UTF-8, control characters, nulls inside lists and the types of values are checked first,
/// and each problem comes back as a 4xx ProblemDetails naming the field and saying how to fix it.
/// </summary>
public static partial class JsonBody
{
    /// <summary>The largest body any endpoint accepts (a ticket with a long description is a few KB).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Nesting deeper than any request of the API needs.</summary>
    public const int MaxDepth = 16;

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. An empty body gives <paramref name="whenEmpty"/>'s value, or a
    /// 400 when it is null (the body is required).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken ct, Func<T>? whenEmpty = null)
    {
        var (value, problem) = await ReadAsync(http, typeof(T), ct, whenEmpty is null ? null : () => whenEmpty()!);
        return (value is T typed ? typed : default, problem);
    }

    /// <summary>Reads the body as <paramref name="type"/> (a type known only at run time, e.g. a command's request record).</summary>
    public static async Task<(object? Value, IResult? Problem)> ReadAsync(HttpContext http, Type type, CancellationToken ct, Func<object>? whenEmpty = null)
    {
        var bytes = await ReadBytesAsync(http.Request, ct);
        if (bytes is null)
        {
            return (default, Problem(
                StatusCodes.Status413PayloadTooLarge,
                "The request body is too large",
                $"Bodies are at most {MaxBytes / 1024} KB. Send photos and documents as links, not inside the JSON."));
        }

        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return whenEmpty is null
                ? (default, Invalid("body", "The body is empty; send the request as a JSON object with Content-Type: application/json."))
                : (whenEmpty(), null);
        }

        if (!IsJson(http.Request.ContentType))
        {
            return (default, Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "The body must be sent as JSON",
                http.Request.ContentType is null
                    ? "The request has a body but no Content-Type. Add the header Content-Type: application/json (curl: -H 'Content-Type: application/json')."
                    : $"The body was sent as '{http.Request.ContentType}'. Send it as JSON with the header Content-Type: application/json."));
        }

        var errors = new FieldErrors();
        Inspect(bytes, errors);
        if (errors.Count > 0)
        {
            return (default, TypedResults.ValidationProblem(errors.InEnglish(), title: "The request body could not be read; nothing was changed."));
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize(bytes, type, options);
            return value is null
                ? (default, Invalid("body", "The body is JSON null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (default, Invalid(FieldErrors.FieldOf(e.Path), WrongType(e.Message)));
        }
    }

    /// <summary>Up to <see cref="MaxBytes"/> of the body; null when it is longer.</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Walks the JSON once, before anything is bound: syntax, depth, UTF-8 and control characters in every
    /// string, and nulls inside lists (no list of the API holds a null).
    /// </summary>
    private static void Inspect(byte[] bytes, FieldErrors errors)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = CheckText(ref reader, Render(path, "(a property name)"), errors);
                        path[^1] = path[^1] with { Name = name ?? "(unreadable name)" };
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray, null, -1));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                }

                Advance(path);
                if (reader.TokenType == JsonTokenType.String)
                {
                    CheckText(ref reader, Render(path), errors);
                }
                else if (reader.TokenType == JsonTokenType.Null && path is [.., { IsArray: true }])
                {
                    errors.AddApiText(Render(path), "null is not allowed in a list; remove the item or give its value.");
                }
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
            var depth = reader.CurrentDepth >= MaxDepth - 1 ? $" The body may nest at most {MaxDepth} levels." : string.Empty;
            errors.AddApiText("body", $"The body is not valid JSON{where}: check quotes, commas and brackets near there.{depth}");
        }
    }

    /// <summary>The text of the current string token, or null (with the error recorded) when it cannot be accepted.</summary>
    private static string? CheckText(ref Utf8JsonReader reader, string field, FieldErrors errors)
    {
        if (!Utf8.IsValid(reader.ValueSpan))
        {
            errors.AddApiText(field, "The text is not valid UTF-8; send the body encoded as UTF-8.");
            return null;
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.AddApiText(field, "The text has an invalid \\u escape (a lone surrogate); send real characters.");
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                errors.AddApiText(field, $"The text holds the control character U+{(int)c:X4}; remove it.");
                return null;
            }
        }

        return text;
    }

    /// <summary>The item an array is at moves on with each value or container it holds.</summary>
    private static void Advance(List<Segment> path)
    {
        if (path is [.., { IsArray: true } array])
        {
            path[^1] = array with { Index = array.Index + 1 };
        }
    }

    private static string Render(List<Segment> path, string? leaf = null)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsArray)
            {
                text.Append('[').Append(segment.Index).Append(']');
            }
            else if (segment.Name is not null)
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(segment.Name);
            }
        }

        return leaf is not null ? (text.Length > 0 ? $"{text} {leaf}" : leaf) : (text.Length > 0 ? text.ToString() : "body");
    }

    /// <summary>What the serializer expected, in the caller's terms.</summary>
    private static string WrongType(string message)
    {
        var match = ConvertedTo().Match(message);
        if (!match.Success)
        {
            return "This value cannot be read here; check the field's type in the API documentation (/openapi/v1.json).";
        }

        var type = match.Groups["type"].Value;
        var expected = type switch
        {
            _ when type.Contains("List`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list: [ … ]",
            _ when type.Contains("System.String", StringComparison.Ordinal) => "text in double quotes",
            _ when type.Contains("System.Int32", StringComparison.Ordinal) || type.Contains("System.Int64", StringComparison.Ordinal) => "a whole number (without quotes)",
            _ when type.Contains("System.Decimal", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number (without quotes)",
            _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false (without quotes)",
            _ => "an object: { … }",
        };
        return $"Expected {expected} here; the value sent has another type or is out of range.";
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body could not be read; nothing was changed.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    [GeneratedRegex(@"converted to (?<type>\S+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    private sealed record Segment(bool IsArray, string? Name, int Index);
}
