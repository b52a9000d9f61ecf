using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AfterSales.Infrastructure.Sms;

/// <summary>A provider's answer read as JSON; a body that is not JSON (a proxy's error page) reads as null.</summary>
internal static class ProviderAnswer
{
    public static async Task<(HttpStatusCode Status, JsonNode? Answer)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return (response.StatusCode, JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            return (response.StatusCode, null);
        }
    }
}
