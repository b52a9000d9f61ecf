using Azure.Data.Tables;

namespace AfterSales.Infrastructure.Storage;

/// <summary>
/// A text column that may outgrow one Table property (64 KiB: 32,768 UTF-16 characters), such as a ticket's snapshot
/// after many rounds, visits and quotes. Up to <see cref="PartLength"/> characters it is one property, as it always was;
/// longer, it is split over <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>… with <c>{name}Parts</c> saying how many,
/// never between the two halves of a surrogate pair. The parts are written in the same entity, so they change in the
/// same atomic write as the rest of the row (a replace drops parts a shorter text no longer needs).
/// </summary>
public static class TableText
{
    /// <summary>The characters in one property (below the service's 32,768 so a part never meets the limit exactly).</summary>
    public const int PartLength = 32_000;

    /// <summary>The most parts: 15 × 64 KB stays under the service's 1 MiB per entity with the row's other columns.</summary>
    public const int MaxParts = 15;

    /// <summary>Puts <paramref name="text"/> in <paramref name="entity"/> under <paramref name="name"/>, in as many parts as it needs.</summary>
    public static void Write(TableEntity entity, string name, string text)
    {
        if (text.Length <= PartLength)
        {
            entity[name] = text;
            return;
        }

        var parts = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(PartLength, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            parts.Add(text.Substring(start, length));
            start += length;
        }

        if (parts.Count > MaxParts)
        {
            throw new InvalidOperationException(
                $"{entity.PartitionKey}/{entity.RowKey}: {name} has {text.Length} characters, more than a row holds ({MaxParts} parts of {PartLength}).");
        }

        entity[name] = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            entity[name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = parts[i];
        }

        entity[name + "Parts"] = parts.Count;
    }

    /// <summary>The text written by <see cref="Write"/> (or a single property written before parts existed).</summary>
    public static string Read(TableEntity entity, string name)
    {
        var first = entity.GetString(name) ?? throw new InvalidOperationException($"{entity.PartitionKey}/{entity.RowKey} has no {name}.");
        if (entity.GetInt32(name + "Parts") is not { } count || count <= 1)
        {
            return first;
        }

        var text = new System.Text.StringBuilder(first, count * PartLength);
        for (var i = 1; i < count; i++)
        {
            text.Append(entity.GetString(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"{entity.PartitionKey}/{entity.RowKey}: part {i} of {name} is missing."));
        }

        return text.ToString();
    }
}
