namespace AfterSales.Infrastructure.Sms;

/// <summary>
/// One SMS as mainland providers take it: not composed text but an approved template (Alibaba's template code,
/// Tencent's template id) and the values of its variables, in the template's order, sent under the company's
/// approved signature.
/// </summary>
/// <param name="To">The recipient in E.164 form (<c>+8613812345678</c>).</param>
/// <param name="Template">The provider's template code or id.</param>
/// <param name="Parameters">The variables by name (Alibaba's <c>${name}</c>), in the template's order (Tencent's <c>{1}…{n}</c>).</param>
/// <param name="OutId">Our id of the message, echoed in the provider's records and receipts (Alibaba <c>OutId</c>, Tencent <c>SessionContext</c>).</param>
public sealed record TemplatedSms(string To, string Template, IReadOnlyList<KeyValuePair<string, string>> Parameters, string OutId);

/// <summary>What mainland providers' error codes mean for the message: send again now or later, or never.</summary>
public enum ProviderErrorClass
{
    /// <summary>A fault that passes (the provider's own error, a network fault): retry with backoff.</summary>
    Transient,

    /// <summary>A rate limit of the provider: hold the message until its window has passed.</summary>
    Throttled,

    /// <summary>Our configuration or account (keys, balance): retry later, once the company has fixed it.</summary>
    Configuration,

    /// <summary>The message itself cannot be sent (template or signature not approved, invalid number, bad parameter).</summary>
    Permanent,
}
