namespace Sieve.Runtime.Preprocessing;

/// <summary>
/// Image resizing exactly as Pillow's <c>Image.resize</c> does it for 8-bit images (what HF image processors call):
/// separable convolution whose kernel widens by the scale when shrinking (so downscaling averages, unlike OpenCV's
/// INTER_CUBIC), coefficients in 22-bit fixed point, horizontal pass first with an 8-bit intermediate, then the
/// vertical pass. Reproducing it bit for bit keeps our pixels identical to the ones LLaVA was trained on.
/// </summary>
public static class PilResample
{
    /// <summary>Pillow's filter numbers, as written in preprocessor_config.json's <c>resample</c>.</summary>
    public enum Filter { Nearest = 0, Bilinear = 2, Bicubic = 3 }

    private const int PrecisionBits = 32 - 8 - 2;

    public static RgbImage Resize(RgbImage image, int width, int height, Filter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == image.Width && height == image.Height)
            return image with { Pixels = (byte[])image.Pixels.Clone() };
        if (filter == Filter.Nearest)
            return Nearest(image, width, height);

        var (support, kernel) = filter switch
        {
            Filter.Bilinear => (1.0, (Func<double, double>)Triangle),
            Filter.Bicubic => (2.0, Bicubic),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "supported: nearest, bilinear, bicubic"),
        };
        var current = image;
        if (width != image.Width)
        {
            var (ksize, bounds, coeffs) = Coefficients(image.Width, width, support, kernel);
            current = Horizontal(current, width, ksize, bounds, coeffs);
        }
        if (height != image.Height)
        {
            var (ksize, bounds, coeffs) = Coefficients(image.Height, height, support, kernel);
            current = Vertical(current, height, ksize, bounds, coeffs);
        }
        return current;
    }

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /// <summary>Pillow's precompute_coeffs followed by normalize_coeffs_8bpc, for the whole input range.</summary>
    private static (int KSize, int[] Bounds, int[] Coeffs) Coefficients(int inSize, int outSize, double filterSupport, Func<double, double> filter)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterSupport * filterScale;
        var ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var coeffs = new int[outSize * ksize];
        var k = new double[ksize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var ww = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                k[x] = filter((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (var x = 0; x < ksize; x++)
            {
                var w = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
                coeffs[xx * ksize + x] = w < 0
                    ? (int)(-0.5 + w * (1 << PrecisionBits))
                    : (int)(0.5 + w * (1 << PrecisionBits));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return (ksize, bounds, coeffs);
    }

    private static byte Clip8(int value) =>
        value >= (1 << PrecisionBits) << 8 ? (byte)255 : value <= 0 ? (byte)0 : (byte)(value >> PrecisionBits);

    private static RgbImage Horizontal(RgbImage src, int width, int ksize, int[] bounds, int[] coeffs)
    {
        var dst = RgbImage.Blank(width, src.Height);
        for (var y = 0; y < src.Height; y++)
        {
            var row = y * src.Width * 3;
            for (var xx = 0; xx < width; xx++)
            {
                int xmin = bounds[xx * 2], xmax = bounds[xx * 2 + 1], kOff = xx * ksize;
                int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                for (var x = 0; x < xmax; x++)
                {
                    var p = row + (x + xmin) * 3;
                    var c = coeffs[kOff + x];
                    s0 += src.Pixels[p] * c;
                    s1 += src.Pixels[p + 1] * c;
                    s2 += src.Pixels[p + 2] * c;
                }
                var o = (y * width + xx) * 3;
                (dst.Pixels[o], dst.Pixels[o + 1], dst.Pixels[o + 2]) = (Clip8(s0), Clip8(s1), Clip8(s2));
            }
        }
        return dst;
    }

    private static RgbImage Vertical(RgbImage src, int height, int ksize, int[] bounds, int[] coeffs)
    {
        var dst = RgbImage.Blank(src.Width, height);
        var stride = src.Width * 3;
        for (var yy = 0; yy < height; yy++)
        {
            int ymin = bounds[yy * 2], ymax = bounds[yy * 2 + 1], kOff = yy * ksize;
            for (var x = 0; x < src.Width; x++)
            {
                int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                for (var y = 0; y < ymax; y++)
                {
                    var p = (y + ymin) * stride + x * 3;
                    var c = coeffs[kOff + y];
                    s0 += src.Pixels[p] * c;
                    s1 += src.Pixels[p + 1] * c;
                    s2 += src.Pixels[p + 2] * c;
                }
                var o = (yy * src.Width + x) * 3;
                (dst.Pixels[o], dst.Pixels[o + 1], dst.Pixels[o + 2]) = (Clip8(s0), Clip8(s1), Clip8(s2));
            }
        }
        return dst;
    }

    /// <summary>Pillow's nearest neighbour: source index floor((x + 0.5) * scale).</summary>
    private static RgbImage Nearest(RgbImage src, int width, int height)
    {
        var dst = RgbImage.Blank(width, height);
        double sx = (double)src.Width / width, sy = (double)src.Height / height;
        for (var y = 0; y < height; y++)
        {
            var yi = Math.Min((int)((y + 0.5) * sy), src.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var xi = Math.Min((int)((x + 0.5) * sx), src.Width - 1);
                Array.Copy(src.Pixels, (yi * src.Width + xi) * 3, dst.Pixels, (y * width + x) * 3, 3);
            }
        }
        return dst;
    }
}
