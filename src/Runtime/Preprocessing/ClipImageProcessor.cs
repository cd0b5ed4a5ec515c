using Sieve.Runtime.Loading.Configs;
using static TorchSharp.torch;

namespace Sieve.Runtime.Preprocessing;

/// <summary>
/// Pixel values for a CLIP vision tower as HF's <c>CLIPImageProcessor</c> makes them from a
/// <see cref="PreprocessorConfig"/>: (LLaVA's pad-to-square with the mean colour), resize so the shortest edge has
/// the configured length (Pillow's resampling, bit-exact), centre crop, rescale (×1/255), normalise per channel.
/// </summary>
public sealed class ClipImageProcessor
{
    public ClipImageProcessor(PreprocessorConfig config) => Config = config;

    public PreprocessorConfig Config { get; }

    /// <summary>The output size (height, width).</summary>
    public (int Height, int Width) OutputSize => Config.DoCenterCrop
        ? (Config.CropHeight, Config.CropWidth)
        : throw new InvalidOperationException("without center crop the output size depends on the image");

    /// <summary>One image as a float32 CPU tensor [3, H, W].</summary>
    public Tensor Preprocess(RgbImage image)
    {
        var (values, height, width) = PixelValues(image);
        return tensor(values, [3L, height, width], ScalarType.Float32);
    }

    /// <summary>Several images as a float32 CPU tensor [N, 3, H, W] (all must come out the same size, as with a crop).</summary>
    public Tensor PreprocessBatch(IReadOnlyList<RgbImage> images)
    {
        if (images.Count == 0)
            throw new ArgumentException("no images", nameof(images));
        var all = images.Select(PixelValues).ToList();
        var (_, h, w) = all[0];
        if (all.Any(a => a.Height != h || a.Width != w))
            throw new ArgumentException("images come out in different sizes; enable center crop to batch them", nameof(images));
        var values = new float[all.Count * 3 * h * w];
        for (var i = 0; i < all.Count; i++)
            all[i].Values.CopyTo(values, i * 3 * h * w);
        return tensor(values, [all.Count, 3L, h, w], ScalarType.Float32);
    }

    /// <summary>The pipeline up to the 8-bit image the model's pixels come from (pad, resize, crop).</summary>
    public RgbImage Geometry(RgbImage image)
    {
        if (Config.DoPad)
            image = PadToSquare(image);
        if (Config.DoResize)
        {
            var (h, w) = ResizeTarget(image.Height, image.Width);
            image = PilResample.Resize(image, w, h, (PilResample.Filter)Config.Resample);
        }
        if (Config.DoCenterCrop)
            image = CenterCrop(image, Config.CropHeight, Config.CropWidth);
        return image;
    }

    /// <summary>Channel-first float values of the processed image, and its size.</summary>
    public (float[] Values, int Height, int Width) PixelValues(RgbImage image)
    {
        image = Geometry(image);
        int h = image.Height, w = image.Width, plane = h * w;
        var values = new float[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            // HF: rescale in float64 then cast to float32; normalise in float32 with float32 mean and std.
            var mean = (float)Config.ImageMean[c];
            var std = (float)Config.ImageStd[c];
            for (var i = 0; i < plane; i++)
            {
                var v = Config.DoRescale ? (float)(image.Pixels[i * 3 + c] * Config.RescaleFactor) : image.Pixels[i * 3 + c];
                values[c * plane + i] = Config.DoNormalize ? (v - mean) / std : v;
            }
        }
        return (values, h, w);
    }

    /// <summary>HF's get_resize_output_image_size with default_to_square=False: the short side to the target, the
    /// long side scaled and truncated.</summary>
    private (int Height, int Width) ResizeTarget(int height, int width)
    {
        if (Config.ResizeTo is { } exact)
            return exact;
        var target = Config.ShortestEdge ?? throw new InvalidOperationException("resize without a size");
        var (shortSide, longSide) = height <= width ? (height, width) : (width, height);
        var newLong = (int)((long)target * longSide / shortSide);
        return height <= width ? (target, newLong) : (newLong, target);
    }

    /// <summary>LLaVA's expand2square: the image centred on a square of the mean colour (int(mean × 255)).</summary>
    private RgbImage PadToSquare(RgbImage image)
    {
        if (image.Width == image.Height)
            return image;
        var side = Math.Max(image.Width, image.Height);
        var fill = Config.ImageMean.Select(m => (byte)(int)(m * 255)).ToArray();
        var square = RgbImage.Blank(side, side, fill[0], fill[1], fill[2]);
        square.Paste(image, (side - image.Width) / 2, (side - image.Height) / 2);
        return square;
    }

    /// <summary>HF's center_crop: offsets by floor division; an image smaller than the crop is zero-padded first.</summary>
    private static RgbImage CenterCrop(RgbImage image, int cropHeight, int cropWidth)
    {
        if (image.Height >= cropHeight && image.Width >= cropWidth)
            return image.Crop(FloorHalf(image.Width - cropWidth), FloorHalf(image.Height - cropHeight), cropWidth, cropHeight);
        int newH = Math.Max(cropHeight, image.Height), newW = Math.Max(cropWidth, image.Width);
        var padded = RgbImage.Blank(newW, newH);
        int topPad = (newH - image.Height + 1) / 2, leftPad = (newW - image.Width + 1) / 2; // ceil, as HF
        padded.Paste(image, leftPad, topPad);
        int top = FloorHalf(image.Height - cropHeight) + topPad, left = FloorHalf(image.Width - cropWidth) + leftPad;
        return padded.Crop(Math.Max(0, left), Math.Max(0, top), cropWidth, cropHeight);
    }

    private static int FloorHalf(int n) => (int)Math.Floor(n / 2.0);
}
