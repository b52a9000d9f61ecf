using System.Globalization;
using System.Resources;

namespace AfterSales.Application.Language;

/// <summary>
/// The default text of each SMS notification, by the notification's API name (<c>requestReceived</c>), from resources
/// like every other text the product shows: <c>SmsTexts.resx</c> (English) and <c>SmsTexts.zh.resx</c> (Chinese).
/// <c>{placeholders}</c> are filled when a message is made; <c>Sms:Templates:{Notification}:Zh</c>/<c>En</c> replace
/// the texts.
/// </summary>
public static class SmsTexts
{
    private static readonly ResourceManager Texts = new("AfterSales.Application.Language.SmsTexts", typeof(SmsTexts).Assembly);

    /// <summary>The Chinese text of the notification named <paramref name="notification"/>.</summary>
    public static string Chinese(string notification) => Text(notification, CultureInfo.GetCultureInfo("zh"));

    /// <summary>The English text of the notification named <paramref name="notification"/>.</summary>
    public static string English(string notification) => Text(notification, CultureInfo.InvariantCulture);

    private static string Text(string notification, CultureInfo culture) =>
        Texts.GetString(notification, culture)
        ?? throw new InvalidOperationException($"No {culture.TwoLetterISOLanguageName} SMS text for {notification} in Language/SmsTexts.");
}
