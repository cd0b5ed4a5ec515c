using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Preprocessing;

/// <summary>
/// Pixel values for LLaVA-NeXT as HF's <c>LlavaNextImageProcessor</c> makes them: per image, the best grid
/// resolution (<see cref="AnyResLayout.SelectBestResolution"/>), the image resized to fit it keeping its aspect
/// (<c>min(ceil(side · scale), target)</c> on the short side), centred on black padding (top/left get the floor half),
/// cut into tiles of the crop size row by row; the thumbnail is the whole image resized to a square tile. Every tile
/// then goes through the CLIP steps (resize, centre crop — both no-ops at the tile size —, rescale, normalise), the
/// thumbnail first. Images with fewer tiles are zero-padded to the batch's most, as <c>do_pad</c> does.
/// </summary>
public sealed class LlavaNextImageProcessor
{
    private readonly ClipImageProcessor _tile;

    /// <param name="config">The folder's preprocessor_config.json (its <c>do_pad</c> means batch padding here, not
    /// LLaVA-1.5's pad-to-square).</param>
    /// <param name="pinpoints">The model's <c>image_grid_pinpoints</c> (height, width).</param>
    public LlavaNextImageProcessor(PreprocessorConfig config, IReadOnlyList<(int Height, int Width)> pinpoints)
    {
        if (config.CropHeight != config.CropWidth)
            throw new ArgumentException($"crop_size {config.CropHeight}x{config.CropWidth}: AnyRes tiles are square");
        Config = config with { DoPad = false };
        Pinpoints = pinpoints;
        _tile = new ClipImageProcessor(Config);
    }

    public PreprocessorConfig Config { get; }
    public IReadOnlyList<(int Height, int Width)> Pinpoints { get; }

    /// <summary>Tile side in pixels (<c>crop_size</c>).</summary>
    public int TileSize => Config.CropHeight;

    /// <summary>Thumbnail side: <c>size.shortest_edge</c> (or the smaller of height and width), as HF passes it.</summary>
    public int ThumbnailSize => Config.ShortestEdge ?? Math.Min(Config.ResizeTo!.Value.Height, Config.ResizeTo!.Value.Width);

    /// <summary>One image's tiles as 8-bit images (thumbnail first, then the grid row by row), before CLIP's steps.</summary>
    public IReadOnlyList<RgbImage> Tiles(RgbImage image)
    {
        var (targetH, targetW) = AnyResLayout.SelectBestResolution((image.Height, image.Width), Pinpoints);
        var (newH, newW) = FitSize(image.Height, image.Width, targetH, targetW);
        var filter = (PilResample.Filter)Config.Resample;
        var padded = RgbImage.Blank(targetW, targetH);
        padded.Paste(PilResample.Resize(image, newW, newH, filter), (targetW - newW) / 2, (targetH - newH) / 2);
        var tiles = new List<RgbImage> { PilResample.Resize(image, ThumbnailSize, ThumbnailSize, filter) };
        // HF's divide_to_patches: row-major steps of the tile size (the pinpoints are multiples of it).
        for (var top = 0; top < targetH; top += TileSize)
            for (var left = 0; left < targetW; left += TileSize)
                tiles.Add(padded.Crop(left, top, Math.Min(TileSize, targetW - left), Math.Min(TileSize, targetH - top)));
        return tiles;
    }

    /// <summary>
    /// Several images → pixel values [images, max tiles, 3, S, S] (float32, CPU; missing tiles zero) and each image's
    /// original (height, width), which the model needs to unpad.
    /// </summary>
    public (Tensor Pixels, IReadOnlyList<(int Height, int Width)> ImageSizes) PreprocessBatch(IReadOnlyList<RgbImage> images)
    {
        if (images.Count == 0)
            throw new ArgumentException("no images", nameof(images));
        var perImage = images.Select(i => Tiles(i).Select(_tile.PixelValues).ToList()).ToList();
        int maxTiles = perImage.Max(t => t.Count), s = TileSize, tileValues = 3 * s * s;
        var values = new float[(long)images.Count * maxTiles * tileValues];
        for (var i = 0; i < perImage.Count; i++)
            for (var t = 0; t < perImage[i].Count; t++)
            {
                var (v, h, w) = perImage[i][t];
                if (h != s || w != s)
                    throw new ArgumentException($"tile {t} of image {i + 1} came out {h}x{w}, not {s}x{s}; check size and crop_size");
                v.CopyTo(values, ((long)i * maxTiles + t) * tileValues);
            }
        return (tensor(values, [images.Count, maxTiles, 3L, s, s], ScalarType.Float32),
            images.Select(i => (i.Height, i.Width)).ToList());
    }

    /// <summary>HF's get_patch_output_size: fit inside the target keeping the aspect, rounding the free side up.</summary>
    public static (int Height, int Width) FitSize(int height, int width, int targetHeight, int targetWidth)
    {
        double scaleW = (double)targetWidth / width, scaleH = (double)targetHeight / height;
        return scaleW < scaleH
            ? (Math.Min((int)Math.Ceiling(height * scaleW), targetHeight), targetWidth)
            : (targetHeight, Math.Min((int)Math.Ceiling(width * scaleH), targetWidth));
    }
}
