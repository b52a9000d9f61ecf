using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using AfterSales.Domain.Reports;

namespace AfterSales.Infrastructure.Reports.Rendering;

/// <summary>The report as JSON: camelCase, enums by name, Chinese as written, indented. The same report gives the same bytes.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static byte[] Render(MonthlyReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    public static MonthlyReport Read(byte[] json) =>
        JsonSerializer.Deserialize<MonthlyReport>(json, Options) ?? throw new InvalidDataException("The stored report is empty.");
}
