namespace Sieve.Runtime.Preprocessing;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved (R, G, B).</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    public static RgbImage Blank(int width, int height, byte r = 0, byte g = 0, byte b = 0)
    {
        var pixels = new byte[checked(width * height * 3)];
        if (r != 0 || g != 0 || b != 0)
            for (var i = 0; i < pixels.Length; i += 3)
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        return new RgbImage(width, height, pixels);
    }

    public (byte R, byte G, byte B) this[int y, int x]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Copies <paramref name="source"/> into this image with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>), clipped.</summary>
    public void Paste(RgbImage source, int left, int top)
    {
        for (var y = Math.Max(0, -top); y < source.Height && y + top < Height; y++)
        {
            var x0 = Math.Max(0, -left);
            var count = Math.Min(source.Width, Width - left) - x0;
            if (count > 0)
                Array.Copy(source.Pixels, (y * source.Width + x0) * 3, Pixels, ((y + top) * Width + x0 + left) * 3, count * 3);
        }
    }

    /// <summary>The rectangle at (<paramref name="left"/>, <paramref name="top"/>) of the given size (must lie inside).</summary>
    public RgbImage Crop(int left, int top, int width, int height)
    {
        if (left < 0 || top < 0 || left + width > Width || top + height > Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"crop {width}x{height}+{left}+{top} leaves the {Width}x{Height} image");
        var result = Blank(width, height);
        for (var y = 0; y < height; y++)
            Array.Copy(Pixels, ((y + top) * Width + left) * 3, result.Pixels, y * width * 3, width * 3);
        return result;
    }
}
