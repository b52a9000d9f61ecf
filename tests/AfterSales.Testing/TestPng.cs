using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AfterSales.Testing;

/// <summary>Writes small RGBA PNGs for tests: a blank canvas or one with a drawn stroke.</summary>
public static class TestPng
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>A transparent canvas with a dark zig-zag stroke across most of its width (a plausible signature).</summary>
    public static byte[] Signature(int width = 300, int height = 120) => Write(width, height, (x, y) =>
    {
        var line = (height / 2) + (int)(Math.Sin(x / 9.0) * (height / 4.0));
        return x > 20 && x < width - 20 && Math.Abs(y - line) <= 2;
    });

    /// <summary>A transparent canvas with nothing drawn.</summary>
    public static byte[] Blank(int width = 300, int height = 120) => Write(width, height, (_, _) => false);

    /// <summary>An RGBA PNG: inked pixels are near-black and opaque, the rest transparent. Rows use filter 1 (Sub).</summary>
    public static byte[] Write(int width, int height, Func<int, int, bool> inked)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(1);
            var previous = new byte[4];
            for (var x = 0; x < width; x++)
            {
                byte[] pixel = inked(x, y) ? [20, 20, 20, 255] : [0, 0, 0, 0];
                for (var i = 0; i < 4; i++)
                {
                    raw.WriteByte((byte)(pixel[i] - previous[i]));
                }

                previous = pixel;
            }
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 6;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var crcBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc ^ 0xFFFFFFFFu);
        png.Write(crcBytes);
    }
}
