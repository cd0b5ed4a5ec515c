using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Loading;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>LLaVA-NeXT end to end on a tiny checkpoint this suite writes: loading, image encoding, prompt expansion.</summary>
public sealed class LlavaNextModelTests
{
    public LlavaNextModelTests() => TorchRuntime.EnsureLoadable();

    private static readonly (int, int)[] Sizes = [(100, 60), (30, 170)];

    /// <summary>Image pixels for the tiny model, made by the NeXT processor from two synthetic images.</summary>
    private static (Tensor Pixels, IReadOnlyList<(int Height, int Width)> Sizes) Pixels(LlavaModelFolder folder)
    {
        var processor = new LlavaNextImageProcessor(folder.Preprocessor, folder.Config.ImageGridPinpoints);
        var images = Sizes.Select(s => Gradient(s.Item2, s.Item1)).ToList();
        return processor.PreprocessBatch(images);
    }

    private static RgbImage Gradient(int width, int height)
    {
        var image = RgbImage.Blank(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]) = ((byte)(x * 7), (byte)(y * 5), (byte)((x * y) % 251));
            }
        return image;
    }

    [Theory]
    [InlineData(TensorLayout.Classic)]
    [InlineData(TensorLayout.Transformers452)]
    public void Both_tensor_layouts_load_with_image_newline_and_run_a_finite_deterministic_prefill(TensorLayout layout)
    {
        using var scratch = new ScratchFolder();
        TinyNextCheckpoint.Write(scratch.Path, layout);
        using var model = LlavaModel.Load(scratch.Path, new RuntimeOptions());
        using var reference = TinyNextCheckpoint.Create();
        Assert.True(model.Config.IsNext);
        using (var reader = CheckpointReader.Open(scratch.Path))
        {
            var (missing, unexpected) = LlavaCheckpointLayout.Compare(model.Config, reader.Tensors);
            Assert.Empty(missing);
            Assert.Empty(unexpected);
        }

        var (pixels, sizes) = Pixels(model.Folder!);
        using var _ = pixels;
        long[] ids = [1, 5, TinyLlava.ImageToken, 7, TinyLlava.ImageToken, 9];
        float[] Logits(LlavaModel m)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var cache = m.NewCache();
            var features = m.EncodeImages(pixels, imageSizes: sizes);
            // The image token expands to the processor's count (_get_number_of_features) for each image.
            var counts = sizes.Select(s => (long)m.AnyResLayoutFor(s).PackedLength).ToArray();
            Assert.Equal(counts, features.Select(f => f.shape[0]));
            var (embeds, promptLayout) = m.EmbedPrompt(ids, features);
            Assert.Equal(ids.Length - 2 + counts.Sum(), promptLayout.Ids.Length);
            return m.Forward(embeds, cache, allRows: true).Logits.data<float>().ToArray();
        }
        var first = Logits(model);
        Assert.All(first, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(first, Logits(model));
        Assert.Equal(first, Logits(reference)); // the weights went through the file unchanged, image_newline included
    }

    [Fact]
    public void The_packed_features_are_the_projected_tiles_in_transformers_order_with_image_newline_rows()
    {
        using var model = TinyNextCheckpoint.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var layout = model.AnyResLayoutFor((100, 60));
        var pixels = randn(new long[] { 1, layout.TileCount, 3, 56, 56 }, generator: new TorchSharp.torch.Generator(3));
        var packed = model.EncodeImages(pixels, imageSizes: [(100, 60)])[0];
        var newline = model.named_parameters().Single(p => p.name == LlavaCheckpointLayout.ImageNewline).parameter;
        for (var r = 0; r < layout.RowCount; r++)
            Assert.Equal(newline.data<float>().ToArray(), packed[layout.NewlineIndex(r)].data<float>().ToArray());
        // 100x60 → 112x112 grid (2x2 tiles), 8x8 patches, columns 2..5 survive unpadding. Changing the top-left
        // tile moves exactly its unpadded tokens: rows 0..3, columns 2..3 of the joint grid.
        Assert.Equal((2, 2, 0, 8, 2, 4), (layout.GridRows, layout.GridColumns, layout.RowStart, layout.RowCount, layout.ColumnStart, layout.ColumnCount));
        var changed = pixels.clone();
        changed[0, 1].add_(1.0);
        var other = model.EncodeImages(changed, imageSizes: [(100, 60)])[0];
        var moved = (other - packed).abs().amax([1]).gt(0).nonzero().reshape(-1).data<long>().ToArray();
        var expected = from r in Enumerable.Range(0, 4) from c in Enumerable.Range(2, 2) select (long)layout.GridTokenIndex(r, c);
        Assert.Equal(expected.Order(), moved);
    }

    [Fact]
    public void GlobalCom2_at_ratio_one_is_the_unreduced_model_and_below_one_keeps_the_selected_rows()
    {
        using var model = TinyNextCheckpoint.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var layout = model.AnyResLayoutFor((60, 100));
        var pixels = randn(new long[] { 1, layout.TileCount, 3, 56, 56 }, generator: new TorchSharp.torch.Generator(5));
        var full = model.EncodeImages(pixels, imageSizes: [(60, 100)])[0];

        var same = model.EncodeImages(pixels, new GlobalCom2Reducer(1.0), [(60, 100)])[0];
        Assert.True(full.eq(same).all().item<bool>());

        var (features, kept) = model.EncodeAnyRes(pixels, [(60, 100)], new GlobalCom2Reducer(0.5));
        Assert.True(features[0].shape[0] < full.shape[0]);
        Assert.True(features[0].eq(full.index_select(0, tensor(kept![0]))).all().item<bool>());
    }

    [Fact]
    public void Missing_image_sizes_and_LLaVA_1_5_reducers_are_clear_errors()
    {
        using var model = TinyNextCheckpoint.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pixels = zeros(new long[] { 1, 3, 3, 56, 56 });
        Assert.Contains("original size", Assert.Throws<ArgumentException>(() => model.EncodeImages(pixels)).Message);
        Assert.Contains("do not fit", Assert.Throws<ArgumentException>(() => model.EncodeImages(pixels, imageSizes: [(60, 100)])).Message);
        using var llava15 = TinyLlava.Create();
        Assert.Throws<NotSupportedException>(() => llava15.EncodeImages(TinyLlava.Pixels(1), new GlobalCom2Reducer(0.5)));
    }

    [Fact]
    public void Generation_runs_on_NeXT_pixels_with_image_sizes()
    {
        using var scratch = new ScratchFolder();
        TinyNextCheckpoint.Write(scratch.Path);
        using var model = LlavaModel.Load(scratch.Path, new RuntimeOptions());
        var (pixels, sizes) = Pixels(model.Folder!);
        using var _ = pixels;
        var options = new SamplingOptions { MaxNewTokens = 4 };
        var a = Generate.Tokens(model, [1, TinyLlava.ImageToken, 3, TinyLlava.ImageToken, 4], pixels, options, sizes).Tokens;
        var b = Generate.Tokens(model, [1, TinyLlava.ImageToken, 3, TinyLlava.ImageToken, 4], pixels, options, sizes).Tokens;
        Assert.Equal(4, a.Count);
        Assert.Equal(a, b);
    }
}
