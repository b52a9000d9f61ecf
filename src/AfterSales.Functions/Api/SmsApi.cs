using AfterSales.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using AfterSales.Application.Views;
using AfterSales.Application.Access;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using AfterSales.Application.Notifications;
using AfterSales.Application.Tickets;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Time;
using Microsoft.Extensions.Options;

namespace AfterSales.Functions.Api;

/// <summary>
/// Customer SMS as staff see them: the log of every message (<c>GET /api/sms</c>), a ticket's messages, and the
/// Event Grid webhook through which Azure Communication Services reports deliveries (<c>POST /api/events/sms</c>).
/// </summary>
public static partial class SmsApi
{
    public const string EventKeyHeader = "X-AfterSales-Event-Key";
    public const int DefaultDays = 7;
    public const int MaxDays = 92;

    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sms", SearchAsync)
            .WithTags("SMS")
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("The SMS log: every customer message with its status and steps, oldest first")
            .WithDescription("Filters: from and to (business dates yyyy-MM-dd, created on; default the last 7 days), status (pending, sending, sent, delivered, failed, cancelled, local), kind (requestReceived, engineerAssigned, …), pageSize (1-200), continuationToken. Without an SMS provider every message is kept here with status local.");

        app.MapGet("/api/tickets/{idOrNumber}/sms", TicketAsync)
            .WithTags("SMS")
            .RequireAuthorization(Policies.ReadTickets)
            .WithSummary("The ticket's SMS, oldest first, read from its outbox rows");

        app.MapPost("/api/events/sms", EventsAsync)
            .WithTags("SMS")
            .AllowAnonymous()
            .WithSummary("Event Grid webhook: subscription validation and Microsoft.Communication.SMSDeliveryReportReceived")
            .WithDescription($"Protected by Sms:EventKey, given as ?key=… in the subscription's endpoint URL or in the {EventKeyHeader} header (a delivery attribute). Accepts the Event Grid schema and CloudEvents 1.0.");
        app.MapPost("/api/events/sms/aliyun", AliyunReceiptsAsync)
            .WithTags("SMS")
            .AllowAnonymous()
            .WithSummary("Alibaba Cloud SMS receipts (HTTP batch push): a JSON array of send reports, matched by out_id")
            .WithDescription("Protected by Sms:EventKey, given as ?key=… in the push address configured in Alibaba's console. Answers {\"code\":0,\"msg\":\"接收成功\"}; a repeated push changes nothing.");
        app.MapPost("/api/events/sms/tencent", TencentReceiptsAsync)
            .WithTags("SMS")
            .AllowAnonymous()
            .WithSummary("Tencent Cloud SMS receipts (status callback): a JSON array of reports, matched by sid")
            .WithDescription("Protected by Sms:EventKey, given as ?key=… in the callback address configured in Tencent's console. Answers {\"result\":0,\"errmsg\":\"OK\"}; a report that comes before its message is recorded is held until it is.");
        app.MapMethods("/api/events/sms", ["OPTIONS"], Handshake)
            .WithTags("SMS")
            .AllowAnonymous()
            .WithSummary("CloudEvents webhook validation (abuse protection) handshake");
        return app;
    }

    /// <summary>The SMS log's filters, as the query string gives them (checked by the handler, naming each wrong one).</summary>
    /// <param name="From">First business day (yyyy-MM-dd); 6 days before <paramref name="To"/> when absent.</param>
    /// <param name="To">Last business day (yyyy-MM-dd); today when absent.</param>
    /// <param name="Status">pending, sending, sent, delivered, failed, cancelled, local.</param>
    /// <param name="Kind">The notification, e.g. quoteApproval.</param>
    /// <param name="PageSize">1 to 200 (50).</param>
    /// <param name="ContinuationToken">From the previous page.</param>
    public sealed record SmsListParameters(string? From, string? To, string? Status, string? Kind, string? PageSize, string? ContinuationToken);

    private static async Task<Results<Ok<SmsListView>, ValidationProblem>> SearchAsync(
        [AsParameters] SmsListParameters query, HttpContext http, ISmsOutbox outbox, IOptions<BusinessOptions> business, IOptions<SmsOptions> sms, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = BusinessTime.LocalDate(time.GetUtcNow(), business.Value.Zone);
        var to = ListPaging.ParseDate(errors, "to", query.To) ?? today;
        var from = ListPaging.ParseDate(errors, "from", query.From) ?? to.AddDays(1 - DefaultDays);
        if (!errors.Has("from") && !errors.Has("to") && (from > to || to.DayNumber - from.DayNumber >= MaxDays))
        {
            errors.AddApiText("from", $"from must not be after to, and the range at most {MaxDays} days.");
        }

        var status = errors.Enum<SmsStatus>("status", query.Status);
        var kind = errors.Enum<NotificationKind>("kind", query.Kind);
        var pageSize = ListPaging.ParsePageSize(errors, query.PageSize);

        var token = ListPaging.DecodeToken(errors, query.ContinuationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.InEnglish(), title: "The SMS filters are not valid.");
        }

        var page = await outbox.SearchAsync(new SmsQuery(from, to, status, kind, pageSize, token), ct);
        var (nextToken, next) = TicketsApi.NextPage(http, "/api/sms", page.ContinuationToken);
        return TypedResults.Ok(new SmsListView(page.Items.Select(m => SmsView.From(m, http.User, !sms.Value.SendsForReal)).ToList(), nextToken, next));
    }

    private static async Task<Results<Ok<IReadOnlyList<SmsView>>, ProblemHttpResult>> TicketAsync(
        string idOrNumber, HttpContext http, ITicketStore store, ISmsOutbox outbox, IOptions<SmsOptions> sms, CancellationToken ct)
    {
        var found = await store.FindByIdOrNumberAsync(idOrNumber, ct);
        if (found is null)
        {
            return TicketsApi.NotFound(idOrNumber);
        }

        var messages = await outbox.ListAsync(found.Ticket.Id, ct);
        return TypedResults.Ok<IReadOnlyList<SmsView>>(messages.Select(m => SmsView.From(m.Message, http.User, !sms.Value.SendsForReal)).ToList());
    }

    private static async Task<IResult> EventsAsync(
        HttpContext http, SmsDelivery delivery, IOptions<SmsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        if (Refused(http, options.Value) is { } refused)
        {
            return refused;
        }

        List<object?> events;
        try
        {
            events = [.. ParseEvents(await BinaryData.FromStreamAsync(http.Request.Body, ct)).Select(e => e.Type switch
            {
                SystemEventNames.EventGridSubscriptionValidation => e.Data.ToObjectFromJson<SubscriptionValidation>(ReportJson),
                SystemEventNames.AcsSmsDeliveryReportReceived => (object?)e.Data.ToObjectFromJson<DeliveryReportData>(ReportJson),
                _ => null,
            })];
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"The body must be Event Grid events (Event Grid or CloudEvents 1.0 schema) as JSON: {e.Message}"] },
                title: "The delivery report could not be read.");
        }

        var summary = new Dictionary<string, int>(StringComparer.Ordinal);
        var logger = loggers.CreateLogger(typeof(SmsApi));
        foreach (var data in events)
        {
            switch (data)
            {
                case SubscriptionValidation validation:
                    return TypedResults.Ok(new { validationResponse = validation.ValidationCode });
                case DeliveryReportData received:
                    var report = Report(received);
                    var outcome = report is null ? DeliveryReportOutcome.Unknown : await delivery.ReportAsync(report, ct);
                    if (outcome == DeliveryReportOutcome.Unknown)
                    {
                        LogUnknownReport(logger, PhoneNumber.Mask(received.To), received.MessageId, received.DeliveryStatus);
                    }

                    var name = EnumNames.Name(outcome);
                    summary[name] = summary.GetValueOrDefault(name) + 1;
                    break;
                default:
                    summary["ignored"] = summary.GetValueOrDefault("ignored") + 1;
                    break;
            }
        }

        return TypedResults.Ok(summary);
    }

    /// <summary>
    /// Alibaba's receipts: each report names our message by <c>out_id</c> (its tag) and says whether the handset got it.
    /// Alibaba pushes again after 1, 5 and 10 minutes unless it is answered <c>code 0</c>, and may push a report twice:
    /// a report the message already has changes nothing.
    /// </summary>
    private static async Task<IResult> AliyunReceiptsAsync(
        HttpContext http, SmsDelivery delivery, IOptions<SmsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        if (Refused(http, options.Value) is { } refused)
        {
            return refused;
        }

        List<AliyunReceipt>? receipts;
        try
        {
            receipts = await JsonSerializer.DeserializeAsync<List<AliyunReceipt>>(http.Request.Body, AliyunJson, ct);
        }
        catch (JsonException e)
        {
            receipts = null;
            LogUnreadableReceipts(loggers.CreateLogger(typeof(SmsApi)), e.Message);
        }

        if (receipts is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["The body must be Alibaba's receipts: a JSON array of reports with out_id, success and report_time."] },
                title: "The receipts could not be read.");
        }

        var logger = loggers.CreateLogger(typeof(SmsApi));
        foreach (var receipt in receipts)
        {
            var report = new SmsDeliveryReport(
                receipt.OutId, receipt.BizId, receipt.Success == true, receipt.ErrCode ?? (receipt.Success == true ? "DELIVERED" : "FAILED"), receipt.ErrMsg, ChinaTime(receipt.ReportTime));
            if (await delivery.ReportAsync(report, ct) == DeliveryReportOutcome.Unknown)
            {
                LogUnknownReport(logger, PhoneNumber.Mask(receipt.PhoneNumber ?? string.Empty), receipt.BizId, receipt.ErrCode);
            }
        }

        return TypedResults.Ok(new { code = 0, msg = "接收成功" });
    }

    /// <summary>
    /// Tencent's receipts name only its own serial number (<c>sid</c>): the receipt index leads back to our message; a
    /// receipt that comes before the send is recorded is held, and applied when it is.
    /// </summary>
    private static async Task<IResult> TencentReceiptsAsync(
        HttpContext http, SmsDelivery delivery, ISmsReceiptIndex index, IOptions<SmsOptions> options, CancellationToken ct)
    {
        if (Refused(http, options.Value) is { } refused)
        {
            return refused;
        }

        List<TencentReceipt>? receipts;
        try
        {
            receipts = await JsonSerializer.DeserializeAsync<List<TencentReceipt>>(http.Request.Body, AliyunJson, ct);
        }
        catch (JsonException)
        {
            receipts = null;
        }

        if (receipts is null || receipts.Any(r => string.IsNullOrEmpty(r.Sid)))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["The body must be Tencent's receipts: a JSON array of reports with sid and report_status."] },
                title: "The receipts could not be read.");
        }

        foreach (var receipt in receipts)
        {
            var delivered = string.Equals(receipt.ReportStatus, "SUCCESS", StringComparison.OrdinalIgnoreCase);
            var report = new SmsDeliveryReport(null, receipt.Sid, delivered, receipt.Errmsg ?? (delivered ? "DELIVRD" : "FAIL"), receipt.Description, ChinaTime(receipt.UserReceiveTime));
            if (await index.FindAsync(Infrastructure.Sms.Tencent.TencentSmsClient.Name, receipt.Sid!, ct) is { } tag)
            {
                await delivery.ReportAsync(report with { Tag = tag }, ct);
            }
            else
            {
                await index.HoldAsync(Infrastructure.Sms.Tencent.TencentSmsClient.Name, report, ct);
            }
        }

        return TypedResults.Ok(new { result = 0, errmsg = "OK" });
    }

    private sealed record TencentReceipt(string? UserReceiveTime, string? Nationcode, string? Mobile, string? ReportStatus, string? Errmsg, string? Description, string? Sid);

    /// <summary>A time as Alibaba writes it (<c>2026-11-23 10:05:02</c>, Beijing time).</summary>
    private static DateTimeOffset ChinaTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8))
            : DateTimeOffset.UnixEpoch;

    private static readonly JsonSerializerOptions AliyunJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record AliyunReceipt(string? PhoneNumber, string? SendTime, string? ReportTime, bool? Success, string? ErrCode, string? ErrMsg, string? BizId, string? OutId);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Alibaba's receipts could not be read: {Problem}")]
    private static partial void LogUnreadableReceipts(ILogger logger, string problem);

    private static IResult Handshake(HttpContext http, IOptions<SmsOptions> options)
    {
        if (Refused(http, options.Value) is { } refused)
        {
            return refused;
        }

        http.Response.Headers["WebHook-Allowed-Origin"] = http.Request.Headers["WebHook-Request-Origin"].ToString() is { Length: > 0 } origin ? origin : "*";
        http.Response.Headers["WebHook-Allowed-Rate"] = "*";
        return TypedResults.Ok();
    }

    /// <summary>The refusal for a request without the configured event key, or null when it carries it.</summary>
    private static IResult? Refused(HttpContext http, SmsOptions options)
    {
        if (string.IsNullOrEmpty(options.EventKey))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Delivery reports are not accepted",
                detail: "Sms:EventKey is not configured. Set it, and give it to the Event Grid subscription as ?key=… in the endpoint URL.");
        }

        var given = http.Request.Query["key"].ToString() is { Length: > 0 } q ? q : http.Request.Headers[EventKeyHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.EventKey))
            ? null
            : TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Wrong or missing event key",
                detail: $"Give Sms:EventKey as ?key=… or in the {EventKeyHeader} header.");
    }

    /// <summary>
    /// The events of an Event Grid delivery (Event Grid schema, or CloudEvents 1.0 when the subscription uses it), read
    /// by the Event Grid SDK, which checks the envelope: each event's type and data.
    /// </summary>
    private static List<(string Type, BinaryData Data)> ParseEvents(BinaryData payload)
    {
        using var document = JsonDocument.Parse(payload);
        var first = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().FirstOrDefault()
            : document.RootElement;
        var cloudEvents = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("specversion", out _);
        return cloudEvents
            ? [.. CloudEvent.ParseMany(payload).Select(e => (e.Type, e.Data ?? BinaryData.FromString("null")))]
            : [.. EventGridEvent.ParseMany(payload).Select(e => (e.EventType, e.Data))];
    }

    /// <summary>
    /// The event data is read without regard to case: ACS documents its SMS event data in PascalCase
    /// (<c>MessageId</c>, <c>DeliveryStatus</c>, …) while the SDK's own system-event types read camelCase only, so the SDK's
    /// <c>AcsSmsDeliveryReportReceivedEventData</c> would come back empty for the documented payload.
    /// </summary>
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private sealed record SubscriptionValidation(string? ValidationCode);

    private sealed record DeliveryReportData(
        string? MessageId, string? To, string? DeliveryStatus, string? DeliveryStatusDetails, DateTimeOffset? ReceivedTimestamp, string? Tag);

    private static SmsDeliveryReport? Report(DeliveryReportData data) =>
        data.DeliveryStatus is { } status
            ? new SmsDeliveryReport(
                data.Tag,
                data.MessageId,
                string.Equals(status, "Delivered", StringComparison.OrdinalIgnoreCase),
                status,
                data.DeliveryStatusDetails,
                data.ReceivedTimestamp ?? DateTimeOffset.UnixEpoch)
            : null;

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning,
        Message = "A delivery report for {MaskedPhone} (message {MessageId}, {Status}) names no known SMS; ignored")]
    private static partial void LogUnknownReport(ILogger logger, string maskedPhone, string? messageId, string? status);
}
