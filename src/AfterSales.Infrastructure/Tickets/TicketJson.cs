using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;

namespace AfterSales.Infrastructure.Tickets;

/// <summary>
/// The stored JSON form of snapshots and event data. Enum names and value types are written as text
/// so that stored rows stay readable and survive reordering of enum members.
/// </summary>
public static class TicketJson
{
    /// <summary>Event type name → data type. A stored type name is never renamed.</summary>
    private static readonly Dictionary<string, Type> EventTypes = new(StringComparer.Ordinal)
    {
        [nameof(TicketReceived)] = typeof(TicketReceived),
    };

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
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new TicketIdConverter());
        options.Converters.Add(new TicketNumberConverter());
        options.Converters.Add(new PhoneNumberConverter());
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
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

    private sealed class PhoneNumberConverter : JsonConverter<PhoneNumber>
    {
        public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PhoneNumber.FromE164(reader.GetString() ?? throw new JsonException("A phone number is missing."));

        public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.E164);
    }
}
