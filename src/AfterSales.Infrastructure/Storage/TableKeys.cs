namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// What Table Storage accepts as a partition or row key: not empty, at most 1 KiB (here: 255 characters, far more than
/// any key this app makes), none of <c>/ \ # ?</c> and no control character. A key from outside (a URL, a form) that
/// fails it names nothing stored, so a point read answers "not found" instead of sending it to the service.
/// </summary>
public static class TableKeys
{
    public const int MaxLength = 255;

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
