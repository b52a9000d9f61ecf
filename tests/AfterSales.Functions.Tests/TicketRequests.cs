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

internal static class TeamRequests
{
    /// <summary>A repair engineer in 上海市 who can do everything, on duty around the clock.</summary>
    public static JsonObject Engineer(string id, int level = 3, string city = "上海市", string? district = null, int maxConcurrent = 5, string line = "*", string tag = "*") => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["phone"] = "13900001111",
        ["department"] = "repair",
        ["skills"] = new JsonArray(new JsonObject { ["productLine"] = line, ["tag"] = tag, ["level"] = level }),
        ["regions"] = new JsonArray(new JsonObject { ["city"] = city, ["district"] = district }),
        ["maxConcurrent"] = maxConcurrent,
        ["duty"] = new JsonObject
        {
            ["mon"] = new JsonArray("00:00-24:00"), ["tue"] = new JsonArray("00:00-24:00"), ["wed"] = new JsonArray("00:00-24:00"),
            ["thu"] = new JsonArray("00:00-24:00"), ["fri"] = new JsonArray("00:00-24:00"), ["sat"] = new JsonArray("00:00-24:00"), ["sun"] = new JsonArray("00:00-24:00"),
        },
    };

    /// <summary>Adds engineers that do not exist yet.</summary>
    public static async Task EnsureEngineersAsync(HttpClient supervisor, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            var response = await supervisor.PostAsJsonAsync("/api/engineers", Engineer(id));
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        }
    }
}
