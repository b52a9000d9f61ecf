using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AfterSales.Functions.Tests;

internal static class TicketRequests
{
    public const string Phone = "13812345678";

    public static JsonObject Valid(string symptom = "空调无法开机", string channel = "phone") => new()
    {
        ["customer"] = new JsonObject { ["name"] = "张", ["title"] = "mr", ["phone"] = Phone, ["address"] = "上海市浦东新区世纪大道100号" },
        ["product"] = new JsonObject { ["model"] = "AC-3500", ["purchaseDate"] = "2025-06-01", ["warrantyStatus"] = "inWarranty" },
        ["channel"] = channel,
        ["type"] = "repair",
        ["tag"] = "硬件故障",
        ["description"] = new JsonObject { ["symptom"] = symptom, ["frequency"] = "每次" },
        ["urgency"] = "urgent",
    };

    public static Task<HttpResponseMessage> PostTicketAsync(this HttpClient client, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}

internal static class TicketCommandRequests
{
    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, string ticket, string command, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticket}/{command}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }
}
