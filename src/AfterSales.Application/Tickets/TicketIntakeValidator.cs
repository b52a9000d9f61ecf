using AfterSales.Domain.Explanations;
using System.Globalization;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Time;
using PhoneNumbers;
using DomainPhoneNumber = AfterSales.Domain.Customers.PhoneNumber;

namespace AfterSales.Application.Tickets;

/// <summary>
/// Turns a <see cref="TicketIntakeRequest"/> into a <see cref="TicketIntake"/>, or reports every
/// invalid field at once, keyed by its JSON path (<c>customer.phone</c>).
/// </summary>
public sealed class TicketIntakeValidator(BusinessOptions options)
{
    /// <summary>Numbers without a country code are read as Chinese numbers.</summary>
    public const string DefaultRegion = "CN";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public IntakeValidation Validate(TicketIntakeRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var zone = options.Zone;
        var today = BusinessTime.LocalDate(now, zone);

        var customer = request.Customer;
        if (customer is null)
        {
            errors.Report("customer", MessageCodes.IntakeCustomer);
        }

        var name = Text(errors, "customer.name", customer?.Name, required: customer is not null, maxLength: 50);
        var title = errors.Enum<CustomerTitle>("customer.title", customer?.Title, allowed: "mr (先生), ms (女士)");
        var phone = Phone(errors, "customer.phone", customer?.Phone, required: customer is not null);
        var address = Text(errors, "customer.address", customer?.Address, required: false, maxLength: 200);
        var language = errors.Enum<CustomerLanguage>("customer.language", customer?.Language, allowed: "zh (中文, the default), en (English)");

        var product = request.Product;
        if (product is null)
        {
            errors.Report("product", MessageCodes.IntakeProduct);
        }

        var model = Text(errors, "product.model", product?.Model, required: product is not null, maxLength: 100);
        var serial = Text(errors, "product.serialNumber", product?.SerialNumber, required: false, maxLength: 100);
        var purchaseDate = PurchaseDate(errors, product, today);
        var warranty = product is null ? null : errors.Enum<WarrantyStatus>("product.warrantyStatus", product.WarrantyStatus, required: true, allowed: "inWarranty, outOfWarranty, unknown");

        var channel = errors.Enum<Channel>("channel", request.Channel, required: true, allowed: "phone, web, wechat, app, email, chat, walkIn");
        var type = errors.Enum<TicketType>("type", request.Type, allowed: "repair, consultation, complaint, followUp");
        var tag = Text(errors, "tag", request.Tag, required: false, maxLength: 50);
        if (tag is not null && type is null && !errors.Has("type"))
        {
            errors.Report("tag", MessageCodes.IntakeTagNeedsType);
        }

        var description = request.Description;
        if (description is null)
        {
            errors.Report("description", MessageCodes.IntakeDescription);
        }

        var symptom = Text(errors, "description.symptom", description?.Symptom, required: description is not null, maxLength: 2000);
        var frequency = Text(errors, "description.frequency", description?.Frequency, required: false, maxLength: 200);
        var tried = Text(errors, "description.alreadyTried", description?.AlreadyTried, required: false, maxLength: 1000);

        var urgency = errors.Enum<Urgency>("urgency", request.Urgency, allowed: "urgent, normal, routine");
        var expected = ExpectedResolution(errors, request.ExpectedResolutionBy, now);
        var contacted = ContactedAt(errors, request.ContactedAt, now);
        var line = Text(errors, "product.line", product?.Line, required: false, maxLength: 50);
        var region = Region(errors, request.Region);
        var location = Location(errors, request.Location);

        if (errors.Count > 0)
        {
            return new IntakeValidation(null, errors.ToDictionary());
        }

        var intake = new TicketIntake(
            new Customer(name!, title, phone!, address) { Language = language ?? CustomerLanguage.Zh },
            new Product(model!, serial, purchaseDate!.Value, warranty!.Value, line),
            channel!.Value,
            type,
            tag,
            new ProblemDescription(symptom!, frequency, tried),
            urgency,
            expected,
            contacted,
            region,
            location);
        return new IntakeValidation(intake, new Dictionary<string, Explanation[]>());
    }

    private static ServiceRegion? Region(FieldErrors errors, RegionRequest? region)
    {
        if (region is null)
        {
            return null;
        }

        var city = Text(errors, "region.city", region.City, required: true, maxLength: 50);
        var district = Text(errors, "region.district", region.District, required: false, maxLength: 50);
        return city is null ? null : new ServiceRegion(city, district);
    }

    private static GeoPoint? Location(FieldErrors errors, LocationRequest? location)
    {
        if (location is null)
        {
            return null;
        }

        if (location.Latitude is not { } lat || location.Longitude is not { } lon || !new GeoPoint(lat, lon).IsValid)
        {
            errors.Report("location", MessageCodes.IntakeLocation);
            return null;
        }

        return new GeoPoint(lat, lon);
    }

    private static string? Text(FieldErrors errors, string field, string? value, bool required, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Report(field, MessageCodes.Required);
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Report(field, MessageCodes.TooLongHas, maxLength, trimmed.Length);
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Report(field, MessageCodes.ControlCharacters);
            return null;
        }

        return trimmed;
    }

    public static DomainPhoneNumber? Phone(FieldErrors errors, string field, string? value, bool required)
    {
        var text = Text(errors, field, value, required, maxLength: 32);
        if (text is null)
        {
            return null;
        }

        try
        {
            var parsed = Phones.Parse(text, DefaultRegion);
            if (Phones.IsValidNumber(parsed))
            {
                return DomainPhoneNumber.FromE164(Phones.Format(parsed, PhoneNumberFormat.E164));
            }
        }
        catch (NumberParseException)
        {
            // Reported below with the same message as a well-formed but unassigned number.
        }

        errors.Report(field, MessageCodes.Phone);
        return null;
    }

    private static DateOnly? PurchaseDate(FieldErrors errors, ProductRequest? product, DateOnly today)
    {
        const string field = "product.purchaseDate";
        if (product is null)
        {
            return null;
        }

        var text = Text(errors, field, product.PurchaseDate, required: true, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Report(field, MessageCodes.Date);
            return null;
        }

        if (date > today)
        {
            errors.Report(field, MessageCodes.IntakePurchaseAfterToday, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return null;
        }

        return date;
    }

    /// <summary>How long after the fact a request may still be registered with its contact time.</summary>
    public static readonly TimeSpan MaxContactAge = TimeSpan.FromDays(7);

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private static DateTimeOffset? ContactedAt(FieldErrors errors, string? value, DateTimeOffset now)
    {
        const string field = "contactedAt";
        var instant = Instant(errors, field, value);
        if (instant is null)
        {
            return null;
        }

        if (instant > now + ClockSkew)
        {
            errors.Report(field, MessageCodes.IntakeContactFuture);
            return null;
        }

        if (instant < now - MaxContactAge)
        {
            errors.Report(field, MessageCodes.IntakeContactTooOld);
            return null;
        }

        return instant < now ? instant : now;
    }

    private static DateTimeOffset? Instant(FieldErrors errors, string field, string? value)
    {
        var text = Text(errors, field, value, required: false, maxLength: 40);
        if (text is null)
        {
            return null;
        }

        if (!IsoInstant.TryParse(text, out var instant))
        {
            errors.Report(field, MessageCodes.Instant, "2026-11-25T18:00:00+08:00");
            return null;
        }

        return instant;
    }

    private static DateTimeOffset? ExpectedResolution(FieldErrors errors, string? value, DateTimeOffset now)
    {
        const string field = "expectedResolutionBy";
        var instant = Instant(errors, field, value);
        if (instant is null)
        {
            return null;
        }

        if (instant <= now)
        {
            errors.Report(field, MessageCodes.IntakeExpectedPast);
            return null;
        }

        return instant;
    }
}
