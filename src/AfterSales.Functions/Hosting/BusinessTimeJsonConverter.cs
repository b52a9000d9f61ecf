using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// Every instant the API writes is shown at the business time zone's offset (2026-11-24T09:30:00+08:00), so that
/// one ticket never mixes +00:00 and +08:00. Reading accepts any offset.
/// </summary>
public sealed class BusinessTimeJsonConverter(TimeZoneInfo zone) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}
