using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Application.Calendars;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;

namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// The stored JSON form of snapshots and event data. Enum names and value types are written as text
/// so that stored rows stay readable and survive reordering of enum members; Chinese is written as itself. Rows
/// written with escaped Chinese read the same.
/// </summary>
public static class TicketJson
{
    /// <summary>
    /// Event type name → data type: every concrete <see cref="TicketEventData"/> of the domain, by its
    /// class name. A stored type name is never renamed.
    /// </summary>
    private static readonly Dictionary<string, Type> EventTypes = typeof(TicketEventData).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(TicketEventData)) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(Ticket ticket) => JsonSerializer.Serialize(ticket, Options);

    public static Ticket DeserializeTicket(string json) =>
        JsonSerializer.Deserialize<Ticket>(json, Options) ?? throw new JsonException("A stored ticket snapshot is empty.");

    public static string Serialize(TicketEventData data) => JsonSerializer.Serialize(data, data.GetType(), Options);

    public static TicketEventData DeserializeEvent(string type, string json)
    {
        if (!EventTypes.TryGetValue(type, out var clrType))
        {
            throw new JsonException($"Unknown ticket event type '{type}'.");
        }

        return (TicketEventData?)JsonSerializer.Deserialize(json, clrType, Options)
            ?? throw new JsonException($"Stored data of a {type} event is empty.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        // Chinese as characters, not \uXXXX escapes: a stored row holds six times as much text (a Table property holds
        // 32,768 UTF-16 characters). Markup-sensitive characters stay escaped; rows are never embedded in a page.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new TicketIdConverter());
        options.Converters.Add(new TicketNumberConverter());
        options.Converters.Add(new PhoneNumberConverter());
        options.Converters.Add(new TimeAllowanceConverter());
        options.Converters.Add(new WorkingWeekConverter());
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    private sealed class WorkingWeekConverter : JsonConverter<WorkingWeek>
    {
        public override WorkingWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            WeekText.Parse(JsonSerializer.Deserialize<Dictionary<string, List<string>>>(ref reader) ?? []);

        public override void Write(Utf8JsonWriter writer, WorkingWeek value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, WeekText.Format(value));
    }

    private sealed class TicketIdConverter : JsonConverter<TicketId>
    {
        public override TicketId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TicketId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not a ticket id.");

        public override void Write(Utf8JsonWriter writer, TicketId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    private sealed class TicketNumberConverter : JsonConverter<TicketNumber>
    {
        public override TicketNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TicketNumber.TryParse(reader.GetString(), out var number) ? number : throw new JsonException("Not a ticket number.");

        public override void Write(Utf8JsonWriter writer, TicketNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    /// <summary>Writes an allowance as <c>{"minutes": 120}</c> or <c>{"workingDays": 3, "endOfDay": false}</c>.</summary>
    private sealed class TimeAllowanceConverter : JsonConverter<TimeAllowance>
    {
        public override TimeAllowance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("workingDays", out var days))
            {
                return TimeAllowance.Days(days.GetInt32(), root.TryGetProperty("endOfDay", out var eod) && eod.GetBoolean());
            }

            return TimeAllowance.Minutes(root.GetProperty("minutes").GetDouble());
        }

        public override void Write(Utf8JsonWriter writer, TimeAllowance value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.IsWorkingDays)
            {
                writer.WriteNumber("workingDays", value.WorkingDays);
                writer.WriteBoolean("endOfDay", value.EndOfDay);
            }
            else
            {
                writer.WriteNumber("minutes", value.Duration.TotalMinutes);
            }

            writer.WriteEndObject();
        }
    }

    private sealed class PhoneNumberConverter : JsonConverter<PhoneNumber>
    {
        public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PhoneNumber.FromE164(reader.GetString() ?? throw new JsonException("A phone number is missing."));

        public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.E164);
    }
}
