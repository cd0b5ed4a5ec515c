using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Preprocessing;

/// <summary>LLaVA-NeXT tiles against Pillow 9.4 doing get_image_patches' steps (scripts/runtime/gen_anyres_reference.py).</summary>
public sealed class LlavaNextImageProcessorTests
{
    public LlavaNextImageProcessorTests() => TorchRuntime.EnsureLoadable();

    public static TheoryData<int> Cases() => new(Enumerable.Range(0, AnyResReference.Cases("tiles").Count()));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Thumbnail_and_grid_tiles_match_Pillow_byte_for_byte(int index)
    {
        var c = AnyResReference.Cases("tiles").ElementAt(index);
        var tile = c.GetProperty("tile").GetInt32();
        var processor = new LlavaNextImageProcessor(
            new PreprocessorConfig { ShortestEdge = tile, CropHeight = tile, CropWidth = tile }, AnyResReference.Pairs(c.GetProperty("pinpoints")));
        var image = ImageDecoding.ReadFile(AnyResReference.Data("preprocess-input.png"));
        if (c.GetProperty("transposed").GetBoolean())
            image = Transpose(image);

        var tiles = processor.Tiles(image);
        var expected = c.GetProperty("tiles_hwc").EnumerateArray().ToList();
        Assert.Equal(expected.Count, tiles.Count);
        for (var t = 0; t < tiles.Count; t++)
            Assert.Equal(expected[t].EnumerateArray().Select(v => (byte)v.GetInt32()), tiles[t].Pixels);
    }

    [Fact]
    public void A_batch_pads_the_smaller_image_with_zero_tiles_and_reports_original_sizes()
    {
        var processor = new LlavaNextImageProcessor(new PreprocessorConfig { ShortestEdge = 16, CropHeight = 16, CropWidth = 16 },
            [(16, 32), (32, 32)]);
        var image = ImageDecoding.ReadFile(AnyResReference.Data("preprocess-input.png")); // 45 x 30 → 32x32 grid, 5 tiles
        var wide = RgbImage.Blank(40, 10, 200, 10, 10); // same effective area on both, less waste on 16x32 → 3 tiles
        using var scope = NewDisposeScope();
        var (pixels, sizes) = processor.PreprocessBatch([image, wide]);
        Assert.Equal([(30, 45), (10, 40)], sizes);
        Assert.Equal(5, processor.Tiles(image).Count);
        Assert.Equal(3, processor.Tiles(wide).Count);
        Assert.Equal(new long[] { 2, 5, 3, 16, 16 }, pixels.shape);
        Assert.Equal(0f, pixels[1, 3..].abs().max().item<float>());
        Assert.NotEqual(0f, pixels[1, 2].abs().max().item<float>());
    }

    private static RgbImage Transpose(RgbImage image)
    {
        var result = RgbImage.Blank(image.Height, image.Width);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                Array.Copy(image.Pixels, (y * image.Width + x) * 3, result.Pixels, (x * image.Height + y) * 3, 3);
        return result;
    }
}
