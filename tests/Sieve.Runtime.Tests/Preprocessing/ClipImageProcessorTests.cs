using System.Text.Json;
using OpenCvSharp;
using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Tests.Loading;
using Xunit.Abstractions;

namespace Sieve.Runtime.Tests.Preprocessing;

public sealed class ClipImageProcessorTests
{
    private readonly ITestOutputHelper _output;

    public ClipImageProcessorTests(ITestOutputHelper output)
    {
        _output = output;
        TorchRuntime.EnsureLoadable();
    }

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static ClipImageProcessor Processor(int shortest, int cropH, int cropW, bool pad = false, int resample = 3) =>
        new(new PreprocessorConfig { ShortestEdge = shortest, CropHeight = cropH, CropWidth = cropW, DoPad = pad, Resample = resample });

    public static TheoryData<string> OracleCases() => new("down_bicubic", "pad_down_bicubic", "up_bicubic", "down_bilinear");

    /// <summary>scripts/runtime/gen_preprocess_oracle.py: HF CLIPImageProcessor's steps with Pillow 9.4 and NumPy.</summary>
    [Theory]
    [MemberData(nameof(OracleCases))]
    public void Pixels_match_Pillow_and_HF_exactly(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Data("preprocess-expected.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var processor = Processor(c.GetProperty("shortest_edge").GetInt32(), c.GetProperty("crop_height").GetInt32(),
            c.GetProperty("crop_width").GetInt32(), c.GetProperty("do_pad").GetBoolean(), c.GetProperty("resample").GetInt32());
        var image = ImageDecoding.ReadFile(Data("preprocess-input.png"));
        Assert.Equal((45, 30), (image.Width, image.Height));

        var geometry = processor.Geometry(image);
        var expectedPixels = c.GetProperty("pixels_hwc").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
        var pixelDiff = expectedPixels.Zip(geometry.Pixels, (a, b) => Math.Abs(a - b)).Max();

        var (values, h, w) = processor.PixelValues(image);
        var expectedValues = c.GetProperty("values_chw").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var valueDiff = expectedValues.Zip(values, (a, b) => Math.Abs(a - b)).Max();
        _output.WriteLine($"{name}: max |8-bit pixel diff| vs PIL = {pixelDiff}, max |pixel value diff| = {valueDiff:G3}");

        Assert.Equal((c.GetProperty("crop_height").GetInt32(), c.GetProperty("crop_width").GetInt32()), (h, w));
        Assert.Equal(expectedPixels.Length, geometry.Pixels.Length);
        Assert.Equal(0, pixelDiff);
        Assert.Equal(expectedValues, values); // float32 for float32
    }

    [Fact]
    public void Pad_to_square_fills_with_int_mean_times_255_and_normalises_by_hand()
    {
        // 4 wide, 2 high: padded to 4x4 with rows 0 and 3 of (122, 116, 104); no resize or crop needed at 4.
        var image = RgbImage.Blank(4, 2, 255, 0, 10);
        using var pixels = Processor(4, 4, 4, pad: true).Preprocess(image);

        Assert.Equal([3L, 4, 4], pixels.shape);
        var v = pixels.data<float>().ToArray();
        float At(int c, int y, int x) => v[c * 16 + y * 4 + x];
        static float Norm(int value, double mean, double std) => (float)(((float)(value / 255.0) - (float)mean) / (float)std);
        // Red of a padded row: 122/255 = 0.47843137, minus 0.48145466, over 0.26862954 = -0.011254...
        Assert.Equal(-0.0112545f, At(0, 0, 0), 5);
        Assert.Equal(Norm(122, 0.48145466, 0.26862954), At(0, 3, 2));
        Assert.Equal(Norm(116, 0.4578275, 0.26130258), At(1, 0, 1));
        Assert.Equal(Norm(104, 0.40821073, 0.27577711), At(2, 3, 3));
        // Red of the image: 255 -> (1 - 0.48145466) / 0.26862954 = 1.9303361.
        Assert.Equal(1.9303361f, At(0, 1, 0), 5);
        Assert.Equal(Norm(0, 0.4578275, 0.26130258), At(1, 2, 3));
        Assert.Equal(Norm(10, 0.40821073, 0.27577711), At(2, 1, 2));
    }

    [Fact]
    public void A_flat_colour_stays_exact_through_bicubic_shrinking_and_the_crop_is_centred()
    {
        // 9 wide, 6 high -> shortest edge 4 gives 6x4 (int(4*9/6) = 6), crop 4x4 takes columns 1..4.
        var image = RgbImage.Blank(9, 6, 200, 100, 50);
        var processor = Processor(4, 4, 4);
        var geometry = processor.Geometry(image);
        Assert.Equal((4, 4), (geometry.Width, geometry.Height));
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal((200, 100, 50), ((int)geometry.Pixels[i * 3], (int)geometry.Pixels[i * 3 + 1], (int)geometry.Pixels[i * 3 + 2])));

        // A marked column shows where the crop starts: x = (6 - 4) // 2 = 1 of the resized image.
        var striped = RgbImage.Blank(6, 4, 0, 0, 0);
        for (var y = 0; y < 4; y++)
            striped.Pixels[(y * 6 + 1) * 3] = 255;
        var cropped = Processor(4, 4, 4).Geometry(striped);
        Assert.Equal((255, 0, 0), cropped[2, 0]);
        Assert.Equal((0, 0, 0), cropped[2, 1]);
    }

    [Fact]
    public void A_batch_stacks_images_as_N_3_H_W()
    {
        var processor = Processor(8, 8, 8);
        using var batch = processor.PreprocessBatch([RgbImage.Blank(10, 8, 1, 2, 3), RgbImage.Blank(8, 20, 200, 2, 3)]);
        Assert.Equal([2L, 3, 8, 8], batch.shape);
        using var single = processor.Preprocess(RgbImage.Blank(8, 20, 200, 2, 3));
        Assert.True(batch[1].equal(single).all().item<bool>());
    }

    [Fact]
    public void Decoding_reads_colours_as_RGB_and_names_what_it_cannot_read()
    {
        using var dir = new ScratchFolder();
        using (var bgr = new Mat(2, 3, MatType.CV_8UC3, new Scalar(10, 20, 30))) // OpenCV order: B, G, R
            Cv2.ImWrite(dir.File("x.png"), bgr);
        var image = ImageDecoding.ReadFile(dir.File("x.png"));
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal((30, 20, 10), image[1, 2]);

        File.WriteAllText(dir.File("bad.png"), "not an image");
        var bad = Assert.Throws<ImageInputException>(() => ImageDecoding.ReadFile(dir.File("bad.png")));
        Assert.Contains("bad.png: not an image format", bad.Message);
        Assert.Contains("file not found", Assert.Throws<ImageInputException>(() => ImageDecoding.ReadFile(dir.File("none.png"))).Message);
    }
}
