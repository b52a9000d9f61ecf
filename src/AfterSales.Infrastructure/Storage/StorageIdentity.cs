using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// An identity-based storage connection, read the way the Functions host reads it: the
/// <c>AzureWebJobsStorage</c> section with <c>accountName</c> (public cloud endpoints) or explicit
/// <c>blobServiceUri</c>, <c>queueServiceUri</c> and <c>tableServiceUri</c>, <c>credential</c> (<c>managedidentity</c>)
/// and <c>clientId</c> (a user-assigned identity). Tickets live in tables, signatures and reports in blobs, and the
/// durable engine's task hub in queues, tables and blobs.
/// </summary>
public sealed record StorageIdentity(Uri BlobServiceUri, Uri QueueServiceUri, Uri TableServiceUri, bool ManagedIdentityOnly, string? ClientId)
{
    /// <summary>
    /// Reads the identity-based form of <paramref name="section"/>; null when it has none of its keys (a
    /// connection string is used). Throws with the setting's name when it is half-written.
    /// </summary>
    public static StorageIdentity? From(IConfigurationSection section)
    {
        string? Read(string key) => section[key] is { Length: > 0 } value ? value.Trim() : null;
        var account = Read("accountName");
        var blob = Read("blobServiceUri");
        var queue = Read("queueServiceUri");
        var table = Read("tableServiceUri");
        var credential = Read("credential");
        var clientId = Read("clientId");
        if (account is null && blob is null && queue is null && table is null)
        {
            return credential is null && clientId is null
                ? null
                : throw new InvalidOperationException(
                    $"{section.Path}__credential or __clientId is set, but neither {section.Path}__accountName nor {section.Path}__blobServiceUri, __queueServiceUri and __tableServiceUri: say which account to use.");
        }

        if (account is not null && !IsAccountName(account))
        {
            throw new InvalidOperationException($"{section.Path}__accountName '{account}' is not a storage account name (3-24 lower-case letters and digits).");
        }

        if (account is null && (blob is null || queue is null || table is null))
        {
            throw new InvalidOperationException(
                $"{section.Path}: without __accountName the app needs __blobServiceUri, __queueServiceUri and __tableServiceUri (tickets are kept in tables, signatures in blobs, and the durable task hub uses all three).");
        }

        if (credential is not null && !credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{section.Path}__credential '{credential}' is not supported; use 'managedidentity' or leave it out.");
        }

        return new StorageIdentity(
            Service(section.Path, "blobServiceUri", blob, account, "blob"),
            Service(section.Path, "queueServiceUri", queue, account, "queue"),
            Service(section.Path, "tableServiceUri", table, account, "table"),
            credential is not null,
            clientId);
    }

    /// <summary>
    /// The token credential: the app's managed identity (user-assigned when <see cref="ClientId"/> is set) when
    /// <c>credential</c> is <c>managedidentity</c>, otherwise <see cref="DefaultAzureCredential"/>, which also
    /// finds a developer's Azure CLI or Visual Studio sign-in.
    /// </summary>
    public TokenCredential CreateCredential() => (ManagedIdentityOnly, ClientId) switch
    {
        (true, { } id) => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)),
        (true, null) => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
        (false, { } id) => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = id }),
        _ => new DefaultAzureCredential(),
    };

    private static Uri Service(string path, string key, string? explicitUri, string? account, string service)
    {
        if (explicitUri is null)
        {
            // Only reached with an account name (checked above).
            return new Uri($"https://{account}.{service}.core.windows.net/");
        }

        if (!Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{path}__{key} '{explicitUri}' must be an absolute https:// address (tokens are never sent over plain HTTP).");
        }

        return uri;
    }

    private static bool IsAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
