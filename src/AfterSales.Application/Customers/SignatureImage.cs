using AfterSales.Domain.Explanations;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace AfterSales.Application.Customers;

/// <summary>
/// Checks that an uploaded signature is a PNG a canvas made (8-bit RGBA or RGB, not interlaced) and that
/// something was drawn on it: enough inked (non-transparent, non-white) pixels across enough width.
/// Reads the image itself rather than trusting the page.
/// </summary>
public static class SignatureImage
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxSide = 4000;

    /// <summary>
    /// The most pixels a signature may declare, checked before anything is inflated: a phone's signature pad at 3×
    /// density is about 1 million; a small file declaring 4000×4000 would otherwise cost seconds and hundreds of MB.
    /// </summary>
    public const int MaxPixels = 4_000_000;
    public const int MinInkedPixels = 60;
    public const int MinInkWidth = 20;

    private static readonly byte[] Magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Lowercase hex SHA-256 of the bytes.</summary>
    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Null when the image is an acceptable signature; otherwise what is wrong, in words for the signer.</summary>
    public static Explanation? Problem(byte[] png)
    {
        if (png.Length == 0)
        {
            return Explanation.Of(MessageCodes.SignatureMissing);
        }

        if (png.Length > MaxBytes || png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Magic))
        {
            return Explanation.Of(MessageCodes.SignatureInvalid);
        }

        try
        {
            return Inspect(png);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            return Explanation.Of(MessageCodes.SignatureUnreadable);
        }
    }

    private static Explanation? Inspect(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var position = 8;
        while (position + 8 <= png.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position)));
            var type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    var (depth, color, interlace) = (data[8], data[9], data[12]);
                    channels = color switch { 6 => 4, 2 => 3, _ => 0 };
                    if (depth != 8 || channels == 0 || interlace != 0 || width is <= 0 or > MaxSide || height is <= 0 or > MaxSide)
                    {
                        return Explanation.Of(MessageCodes.SignatureFormat);
                    }

                    if ((long)width * height > MaxPixels)
                    {
                        return Explanation.Of(MessageCodes.SignatureTooLarge);
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    position = png.Length;
                    continue;
            }

            position += 12 + length;
        }

        if (channels == 0)
        {
            return Explanation.Of(MessageCodes.SignatureInvalid);
        }

        // Row by row: only two rows are ever held, whatever the image declares.
        var stride = width * channels;
        var (inked, minX, maxX) = (0, int.MaxValue, -1);
        idat.Position = 0;
        using (var inflater = new ZLibStream(idat, CompressionMode.Decompress))
        {
            var previous = new byte[stride];
            var row = new byte[stride];
            for (var y = 0; y < height; y++)
            {
                var filter = inflater.ReadByte();
                inflater.ReadExactly(row);
                Unfilter(filter, row, previous, channels);
                for (var x = 0; x < width; x++)
                {
                    var p = x * channels;
                    var alpha = channels == 4 ? row[p + 3] : 255;
                    var white = row[p] > 230 && row[p + 1] > 230 && row[p + 2] > 230;
                    if (alpha > 40 && !white)
                    {
                        inked++;
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                    }
                }

                (previous, row) = (row, previous);
            }
        }

        return inked < MinInkedPixels || maxX - minX < MinInkWidth ? Explanation.Of(MessageCodes.SignatureTooShort) : null;
    }

    private static void Unfilter(int filter, byte[] row, byte[] previous, int bpp)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            row[i] = filter switch
            {
                0 => row[i],
                1 => (byte)(row[i] + left),
                2 => (byte)(row[i] + up),
                3 => (byte)(row[i] + ((left + up) / 2)),
                4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
