namespace AfterSales.Functions.Auth;

/// <summary>Settings of the staff console (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The certificate that encrypts the console's data-protection keys at rest: PKCS#12 with its private key, base64,
    /// no password — the form a Key Vault certificate's secret has, so in Azure this is a Key Vault reference. Empty:
    /// the keys are stored as written.
    /// </summary>
    public string? KeyProtectionCertificate { get; set; }

    /// <summary>The certificate before the current one, after a rotation: keys it encrypted are still read.</summary>
    public string? PreviousKeyProtectionCertificate { get; set; }

    /// <summary>How long a sign-in lasts without use (sliding; default 10 hours, a working day).</summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How long a sign-in lasts at most, however much it is used (default 12 hours); then staff sign in again.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
