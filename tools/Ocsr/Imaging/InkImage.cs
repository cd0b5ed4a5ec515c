using OpenCvSharp;

namespace Sieve.Ocsr.Imaging;

/// <summary>A drawing as ink (255) on paper (0), at the working scale. Small images are enlarged first because
/// thinning and glyph shapes need a few pixels per stroke; <see cref="Scale"/> maps back to the file's pixels.</summary>
internal sealed class InkImage : IDisposable
{
    /// <summary>Images whose longer side is below this are enlarged twice before anything else.</summary>
    private const int SmallImageSide = 1000;

    /// <summary>More tiny dots than this and the image is treated as speckled (clean drawings have none).</summary>
    private const int SpeckledImage = 20;

    private static readonly int MedianAperture = int.Parse(Environment.GetEnvironmentVariable("SIEVE_OCSR_MEDIAN") ?? "3");

    /// <summary>A speckled scan is blurred too: its grey halo, which Otsu splits down the middle, joins letters
    /// to each other and to bonds (a stacked H over N read as line art). Its ink is only what is darker than this
    /// share of Otsu's threshold — the strokes' cores. (On the dev set's noisy style, seed 31: 0.75–0.9 all read
    /// 92–95% exact against 82% at 1.)</summary>
    private const double SpeckledInkShare = 0.85;

    /// <summary>How far JPEG's colour noise pulls blue below red and green on grey ink and paper.</summary>
    private const int YellowNoise = 40;

    /// <summary>Luminance contrast gain in yellow parts: 255 / (255 − Y of yellow ink, about 180).</summary>
    private const double YellowContrast = 3.4;

    public Mat Ink { get; }
    public double Scale { get; }

    private InkImage(Mat ink, double scale)
    {
        Ink = ink;
        Scale = scale;
    }

    /// <exception cref="OcsrException">The file is missing or is not an image OpenCV can decode.</exception>
    public static InkImage Load(string path)
    {
        if (!File.Exists(path))
            throw new OcsrException(path, "no such file");
        using var raw = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (raw.Empty())
            throw new OcsrException(path, "not an image OpenCV can decode (PNG, JPEG, TIFF, BMP ...)");
        return FromMat(raw);
    }

    /// <summary>Any 8-bit image: grey, BGR or BGRA (transparent pixels count as paper).</summary>
    public static InkImage FromMat(Mat raw)
    {
        using var grey = ToGrey(raw);
        var scale = Math.Max(grey.Width, grey.Height) < SmallImageSide ? 2.0 : 1.0;
        using var work = new Mat();
        if (scale != 1.0)
            Cv2.Resize(grey, work, new Size(), scale, scale, InterpolationFlags.Cubic);
        else
            grey.CopyTo(work);
        var ink = new Mat();
        // Otsu separates ink from paper on clean and scanned drawings alike; coloured atoms (red O, blue N)
        // are dark enough in grey to land on the ink side.
        Cv2.Threshold(work, ink, 0, 255, ThresholdTypes.BinaryInv | ThresholdTypes.Otsu);
        // A speckled scan: a median filter takes the dots away before they join letters and bonds (a dot on a
        // letter changes its shape; a dot beside a line becomes a spur), and only the strokes' dark cores are ink.
        // Clean drawings are left untouched.
        if (Specks(ink, scale) > SpeckledImage)
        {
            using var smooth = new Mat();
            Cv2.MedianBlur(work, smooth, MedianAperture);
            var otsu = Cv2.Threshold(smooth, ink, 0, 255, ThresholdTypes.BinaryInv | ThresholdTypes.Otsu);
            Cv2.Threshold(smooth, ink, otsu * SpeckledInkShare, 255, ThresholdTypes.BinaryInv);
        }
        return new InkImage(ink, scale);
    }

    /// <summary>How many tiny ink dots (a few file pixels each) the image holds: speckle from a scan or a fax.</summary>
    private static int Specks(Mat ink, double scale)
    {
        using var ids = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(ink, ids, stats, centroids, PixelConnectivity.Connectivity8);
        var tiny = 0;
        for (var c = 1; c < count; c++)
            if (stats.At<int>(c, (int)ConnectedComponentsTypes.Area) <= 4 * scale * scale) tiny++;
        return tiny;
    }

    private static Mat ToGrey(Mat raw)
    {
        var grey = new Mat();
        if (raw.Depth() != MatType.CV_8U)
        {
            using var eight = new Mat();
            raw.ConvertTo(eight, MatType.CV_8U, raw.Depth() == MatType.CV_16U ? 1.0 / 256 : 1.0);
            return ToGrey(eight);
        }
        switch (raw.Channels())
        {
            case 1:
                raw.CopyTo(grey);
                break;
            case 3:
                DarkestChannel(raw, grey);
                break;
            case 4:
                using (var white = new Mat(raw.Size(), MatType.CV_8UC3, Scalar.White))
                using (var bgr = new Mat())
                {
                    var channels = Cv2.Split(raw);
                    using var alpha = channels[3];
                    Cv2.Merge(channels[..3], bgr);
                    foreach (var c in channels[..3]) c.Dispose();
                    using var alphaF = new Mat();
                    alpha.ConvertTo(alphaF, MatType.CV_32F, 1.0 / 255);
                    using var a3 = new Mat();
                    Cv2.Merge([alphaF, alphaF, alphaF], a3);
                    using var bgrF = new Mat();
                    bgr.ConvertTo(bgrF, MatType.CV_32FC3);
                    using var whiteF = new Mat();
                    white.ConvertTo(whiteF, MatType.CV_32FC3);
                    using var blended = new Mat();
                    // paper where transparent: bgr * a + white * (1 - a)
                    using var inv = new Mat();
                    Cv2.Subtract(Scalar.All(1.0), a3, inv);
                    using var p1 = bgrF.Mul(a3).ToMat();
                    using var p2 = whiteF.Mul(inv).ToMat();
                    Cv2.Add(p1, p2, blended);
                    using var blended8 = new Mat();
                    blended.ConvertTo(blended8, MatType.CV_8UC3);
                    DarkestChannel(blended8, grey);
                }
                break;
            default:
                throw new OcsrException("image", $"{raw.Channels()} colour channels; expected 1, 3 or 4");
        }
        return grey;
    }

    /// <summary>Per pixel the darkest of B, G, R: coloured atoms (orange P, green Cl, blue N) are light in
    /// luminance but dark in one channel, so they stay ink while white paper stays white. Yellow (S) needs more:
    /// its ink lives in the blue channel alone, and JPEG keeps colour at half resolution, which smears a thin
    /// yellow stroke into a wide pale one (blue ≈ 150 where black bonds are ≈ 0; the S breaks apart at Otsu's
    /// threshold). Luminance keeps full resolution but yellow is light in it (≈ 180 on 255 paper). So where the
    /// picture is yellow, luminance's contrast is stretched until yellow ink is as dark as black ink: the stroke
    /// keeps its true shape. Grey, red, green and blue pixels are unchanged.</summary>
    private static void DarkestChannel(Mat bgr, Mat grey)
    {
        var channels = Cv2.Split(bgr);
        try
        {
            using var redGreen = new Mat();
            Cv2.Min(channels[1], channels[2], redGreen);
            Cv2.Min(channels[0], redGreen, grey);
            using var yellowness = new Mat();
            Cv2.Subtract(redGreen, channels[0], yellowness);
            // JPEG rings yellow around blue strokes in single pixels; yellow ink is a stroke wide.
            Cv2.MedianBlur(yellowness, yellowness, 3);
            using var yellow = new Mat();
            Cv2.Threshold(yellowness, yellow, YellowNoise, 255, ThresholdTypes.Binary);
            if (Cv2.CountNonZero(yellow) == 0) return;
            using var luminance = new Mat();
            Cv2.CvtColor(bgr, luminance, ColorConversionCodes.BGR2GRAY);
            // 255 − k·(255 − Y), saturating: yellow ink (Y ≈ 180) lands near 0, paper stays 255.
            using var stretched = new Mat();
            luminance.ConvertTo(stretched, MatType.CV_8U, YellowContrast, 255 * (1 - YellowContrast));
            Cv2.Min(grey, stretched, stretched);
            stretched.CopyTo(grey, yellow);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }

    public void Dispose() => Ink.Dispose();
}
