using AfterSales.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AfterSales.Testing;
using Azure.Data.Tables;

namespace AfterSales.Functions.Tests;

public sealed class TicketIntakeApiTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly AppFactory _app = new(azurite);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Post_ValidRequest_Returns201WithLocation_AndTicketReadsBackByIdAndNumber()
    {
        var agent = _app.ClientAs(Roles.Agent);

        var response = await agent.PostTicketAsync(TicketRequests.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var id = created["id"]!.GetValue<string>();
        var number = created["number"]!.GetValue<string>();
        Assert.Equal($"/api/tickets/{id}", response.Headers.Location!.OriginalString);
        Assert.Matches(@"^AS-\d{8}-\d{5}$", number);
        Assert.Equal("classified", created["status"]!.GetValue<string>());
        Assert.Equal("+8613812345678", created["customer"]!["phone"]!.GetValue<string>());
        Assert.Equal("张先生", created["customer"]!["salutation"]!.GetValue<string>());
        Assert.Equal("urgent", created["statedUrgency"]!.GetValue<string>());
        // Every instant at the business time zone's offset, never +00:00 beside +08:00.
        Assert.EndsWith("+08:00", created["receivedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(created["clocks"]!.AsArray(), c => Assert.EndsWith("+08:00", c!["dueAt"]!.GetValue<string>(), StringComparison.Ordinal));

        foreach (var key in new[] { id, number, id.ToLowerInvariant() })
        {
            var read = await agent.GetAsync($"/api/tickets/{key}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.NotNull(read.Headers.ETag);
            Assert.Equal(id, (await read.JsonAsync())["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Post_200Concurrent_Gives200TicketsWithDistinctNumbersAnd200Events()
    {
        var client = _app.ClientAs(Roles.Integration);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => client.PostTicketAsync(TicketRequests.Valid($"故障 {i}")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        Assert.Equal(200, bodies.Select(b => b["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(200, bodies.Select(b => b["number"]!.GetValue<string>()).Distinct().Count());

        var table = new TableClient(azurite.ConnectionString, $"{_app.Prefix}Tickets");
        var rows = await table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        Assert.Equal(200, rows.Count(r => r.RowKey == "ticket"));
        Assert.Equal(200, rows.Count(r => r.RowKey == "event-000001"));
        Assert.Equal(200, rows.Count(r => r.RowKey == "event-000002"));
        Assert.Equal(200, rows.Count(r => r.RowKey == "event-000003")); // no engineers: each waits in the supervisor's queue
        Assert.Equal(200, rows.Count(r => r.RowKey == "sms-000001-requestReceived")); // the outbox row, in the same write
        Assert.Equal(1000, rows.Count);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyAndBody_ReturnsTheSameTicket_AndStoresOne()
    {
        var client = _app.ClientAs(Roles.Integration);
        var body = TicketRequests.Valid();

        var first = await client.PostTicketAsync(body, "order-123");
        var again = await client.PostTicketAsync(body, "order-123");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await first.JsonAsync())["id"]!.ToString(), (await again.JsonAsync())["id"]!.ToString());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single((await (await client.GetAsync("/api/tickets")).JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Post_SameKeyConcurrently_MakesOneTicket()
    {
        var client = _app.ClientAs(Roles.Integration);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => client.PostTicketAsync(TicketRequests.Valid(), "burst-key"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync())["id"]!.ToString()));
        Assert.Single(ids.Distinct());
        Assert.Single((await (await client.GetAsync("/api/tickets")).JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Returns422_AndStoresNothingNew()
    {
        var client = _app.ClientAs(Roles.Integration);
        await client.PostTicketAsync(TicketRequests.Valid("第一次"), "reused");

        var response = await client.PostTicketAsync(TicketRequests.Valid("第二次"), "reused");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Idempotency-Key", (await response.JsonAsync())["title"]!.ToString(), StringComparison.Ordinal);
        Assert.Single((await (await client.GetAsync("/api/tickets")).JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Post_SameKeyFromAnotherCaller_IsAnotherRequest()
    {
        var body = TicketRequests.Valid();
        var a = await (await _app.ClientAs(Roles.Integration).PostTicketAsync(body, "shared")).JsonAsync();
        var b = await (await _app.ClientAs(Roles.Agent).PostTicketAsync(body, "shared")).JsonAsync();

        Assert.NotEqual(a["id"]!.ToString(), b["id"]!.ToString());
    }

    [Fact]
    public async Task Post_InvalidFields_Returns400NamingEach_AndStoresNothing()
    {
        var client = _app.ClientAs(Roles.Agent);
        var body = TicketRequests.Valid();
        body["customer"]!["phone"] = "12345";
        body["channel"] = "fax";
        body["product"]!["purchaseDate"] = "2099-01-01";

        var response = await client.PostTicketAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["channel", "customer.phone", "product.purchaseDate"], fields);
        Assert.Empty((await (await client.GetAsync("/api/tickets")).JsonAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"customer\": 5}", "customer")]
    public async Task Post_MalformedBody_Returns400NamingWhereItIsWrong(string json, string field)
    {
        var response = await _app.ClientAs(Roles.Agent).PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("ключ")]
    public async Task Post_UnusableIdempotencyKey_Returns400(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(TicketRequests.Valid()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await _app.ClientAs(Roles.Agent).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task History_ListsTheReceiptClassificationAndDispatch_WithActorAndNoContactDetails()
    {
        var client = _app.ClientAs(Roles.Agent);
        var created = await (await client.PostTicketAsync(TicketRequests.Valid())).JsonAsync();

        var history = (await client.GetFromJsonAsync<JsonArray>($"/api/tickets/{created["number"]}/history"))!;

        Assert.Equal(3, history.Count);
        Assert.Equal("TicketQueued", history[2]!["type"]!.ToString()); // no engineer registered yet
        Assert.Equal("repair", history[2]!["data"]!["department"]!.ToString());
        var received = history[0]!;
        Assert.Equal(1, received["sequence"]!.GetValue<int>());
        Assert.Equal("TicketReceived", received["type"]!.ToString());
        Assert.Equal("test-agent", received["actor"]!["name"]!.ToString());
        Assert.Equal("agent", received["actor"]!["role"]!.ToString());
        Assert.Equal(created["receivedAt"]!.ToString(), received["occurredAt"]!.ToString());
        Assert.Equal("phone", received["data"]!["channel"]!.ToString());
        var classified = history[1]!;
        Assert.Equal("TicketClassified", classified["type"]!.ToString());
        Assert.Equal("system", classified["actor"]!["role"]!.ToString());
        Assert.Equal("urgent-safety-or-down", classified["data"]!["urgencyRule"]!.ToString());
        Assert.DoesNotContain(TicketRequests.Phone[3..], history.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AS-20261123-99999")]
    [InlineData("01M84AQ5E60Y0CBZPFKMMJ3ANQ")]
    [InlineData("nonsense")]
    public async Task Get_Unknown_Returns404Problem(string key)
    {
        var response = await _app.ClientAs(Roles.Agent).GetAsync($"/api/tickets/{key}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(key, (await response.JsonAsync())["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainTheFullPhoneNumber()
    {
        await _app.ClientAs(Roles.Agent).PostTicketAsync(TicketRequests.Valid());

        Assert.Contains(_app.Logs, line => line.Contains("Registered ticket", StringComparison.Ordinal) && line.Contains("138****5678", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs, line => line.Contains("12345678", StringComparison.Ordinal));
    }
}
