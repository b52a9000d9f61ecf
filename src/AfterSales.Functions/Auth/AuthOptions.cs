using AfterSales.Application.Access;
using System.ComponentModel.DataAnnotations;

namespace AfterSales.Functions.Auth;

/// <summary>Who may call the API (section <c>Auth</c>).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>API keys for integrations and local runs, sent in the <c>x-api-key</c> header.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Microsoft Entra ID bearer tokens for staff; off while <see cref="EntraOptions.Authority"/> is empty.</summary>
    public EntraOptions Entra { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Name is required.");
            }

            if (key.Key is not { Length: >= 16 })
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Key must have at least 16 characters.");
            }

            if (!Roles.All.Contains(key.Role, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Role '{key.Role}' is not one of: {string.Join(", ", Roles.All)}.");
            }
        }

        if (ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("Auth:ApiKeys has the same key twice.");
        }
    }
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public string Role { get; set; } = string.Empty;
}

public sealed class EntraOptions
{
    /// <summary>e.g. https://login.microsoftonline.com/{tenant-id}/v2.0</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application ID URI or client id.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The client id of the app registration staff sign in to the console with (OpenID Connect; the id token, posted
    /// back to <c>/console/signin-oidc</c>, carries the app roles). With <see cref="Authority"/>, turns the console's
    /// Entra ID sign-in on.
    /// </summary>
    public string? ClientId { get; set; }
}
