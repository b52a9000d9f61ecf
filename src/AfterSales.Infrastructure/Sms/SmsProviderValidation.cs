using AfterSales.Application.Notifications;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Sms;

/// <summary>Refuses to start with an Azure Communication Services connection string that cannot be used.</summary>
public sealed class SmsProviderValidation : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options) =>
        string.IsNullOrWhiteSpace(options.AcsConnectionString) || AcsConnection.Parse(options.AcsConnectionString).Problem is not { } problem
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problem);
}
