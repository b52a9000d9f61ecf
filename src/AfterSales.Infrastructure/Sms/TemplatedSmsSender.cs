using AfterSales.Application;
using AfterSales.Application.Notifications;

namespace AfterSales.Infrastructure.Sms;

/// <summary>One notification's template at a provider: its code or id, and the longest value it was approved for.</summary>
public sealed record ProviderTemplate(string Template, int? MaxParamLength);

/// <summary>
/// Sends through a mainland provider (Alibaba, Tencent): the message's notification picks its approved template, the
/// message's parameters fill it, and the message's tag (ticket and key) is the provider's <c>OutId</c> /
/// <c>SessionContext</c>. A value longer than the template allows is shortened when it may be (a name), else the
/// message is refused with the reason (a ticket number or a service code is never cut).
/// </summary>
public sealed class TemplatedSmsSender(
    string name,
    Func<TemplatedSms, CancellationToken, Task<SmsSendResult>> send,
    Func<string, string, DateTimeOffset, CancellationToken, Task<SmsSendResult?>> find,
    IReadOnlyDictionary<NotificationKind, ProviderTemplate> templates,
    bool receiptsNameOnlyTheProviderId = false,
    TimeSpan? recordsLag = null) : ISmsSender
{
    public string Name => name;

    public bool ReceiptsNameOnlyTheProviderId(string to) => receiptsNameOnlyTheProviderId;

    public TimeSpan? RecordsLagBehind(string to) => recordsLag;

    /// <summary>Mainland providers do not recognise a repeated send: their records are looked up by the message's tag.</summary>
    public Task<SmsSendResult?> FindSentAsync(SmsSendRequest request, CancellationToken cancellationToken) =>
        find(request.To, request.Tag, request.RepeatabilityFirstSent, cancellationToken);

    public Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is not { } kind || !templates.TryGetValue(kind, out var template))
        {
            return Task.FromResult<SmsSendResult>(new SmsSendResult.Rejected($"No {name} template for {request.Kind?.ToString() ?? "a message without a notification"}."));
        }

        if (request.Parameters.Count == 0)
        {
            return Task.FromResult<SmsSendResult>(new SmsSendResult.Rejected($"The message has no template values (it was written before {name} was configured); reach the customer another way."));
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var parameter in request.Parameters)
        {
            var value = parameter.Value;
            if (template.MaxParamLength is { } max && new System.Globalization.StringInfo(value).LengthInTextElements > max)
            {
                var variable = SmsVariables.All.GetValueOrDefault(parameter.Name);
                if (variable is not { MayShorten: true })
                {
                    return Task.FromResult<SmsSendResult>(new SmsSendResult.Rejected(
                        $"{parameter.Name} is {value.Length} characters but the {name} template {template.Template} of {EnumNames.Name(kind)} allows {max}; raise its limit (Sms:Tencent:Templates:{EnumNames.Name(kind)}:MaxParamLength) with the provider."));
                }

                value = SmsVariables.Fit(value, max, mayShorten: true);
            }

            values.Add(new(parameter.Name, value));
        }

        return send(new TemplatedSms(request.To, template.Template, values, request.Tag), cancellationToken);
    }
}

/// <summary>Sends mainland numbers (+86) through one provider and the others through another (e.g. Alibaba and ACS).</summary>
public sealed class RoutingSmsSender(ISmsSender mainland, ISmsSender international) : ISmsSender
{
    public string Name => mainland.Name == international.Name ? mainland.Name : $"{mainland.Name}+{international.Name}";

    public string NameFor(string to) => For(to).Name;

    public Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken cancellationToken) => For(request.To).SendAsync(request, cancellationToken);

    public Task<SmsSendResult?> FindSentAsync(SmsSendRequest request, CancellationToken cancellationToken) => For(request.To).FindSentAsync(request, cancellationToken);

    public bool ReceiptsNameOnlyTheProviderId(string to) => For(to).ReceiptsNameOnlyTheProviderId(to);

    public TimeSpan? RecordsLagBehind(string to) => For(to).RecordsLagBehind(to);

    private ISmsSender For(string to) => to.StartsWith("+86", StringComparison.Ordinal) ? mainland : international;
}
