using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Loading;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

public sealed class LlavaLoadTests : IDisposable
{
    private static readonly long[] Prompt = [1, 17, TinyLlava.ImageToken, 23, 42, 5];
    private readonly ScratchFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Tensor PrefillLogits(LlavaModel model)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = model.NewCache();
        using var pixels = TinyLlava.Pixels(1);
        var (embeds, _) = model.EmbedPrompt(Prompt, model.EncodeImages(pixels));
        return model.Forward(embeds, cache, allRows: true).Logits.MoveToOuterDisposeScope();
    }

    [Fact]
    public void Both_tensor_layouts_single_or_sharded_load_the_same_weights_as_the_generator_made()
    {
        var classic = _dir.File("classic");
        var sharded = _dir.File("new-sharded");
        TinyCheckpoint.Write(classic);
        TinyCheckpoint.Write(sharded, TensorLayout.Transformers452, shardBytes: 40_000);
        Assert.True(File.Exists(Path.Combine(sharded, SafetensorsWriter.IndexFileName)));

        using var reference = TinyLlava.Create();
        using var a = LlavaModel.Load(classic, new RuntimeOptions());
        using var b = LlavaModel.Load(sharded, new RuntimeOptions());
        using var expected = PrefillLogits(reference);
        using var fromClassic = PrefillLogits(a);
        using var fromSharded = PrefillLogits(b);
        Assert.True(fromClassic.allclose(expected, 0, 0));
        Assert.True(fromSharded.allclose(expected, 0, 0));
        Assert.Equal(TinyLlava.ImageToken, a.ImageTokenId);
        Assert.Equal(TinyLlava.ImageToken, b.ImageTokenId);
    }

    [Fact]
    public void Tied_embeddings_load_without_an_lm_head_tensor()
    {
        TinyCheckpoint.Write(_dir.Path, tied: true);
        using var model = LlavaModel.Load(_dir.Path, new RuntimeOptions());
        using var reference = TinyLlava.Create(TinyLlava.Config(tied: true));
        using var expected = PrefillLogits(reference);
        using var actual = PrefillLogits(model);
        Assert.True(actual.allclose(expected, 0, 0));
    }

    [Fact]
    public void BF16_on_disk_runs_in_BF16_as_configured()
    {
        TinyCheckpoint.Write(_dir.Path, diskType: ScalarType.BFloat16);
        using var model = LlavaModel.Load(_dir.Path, new RuntimeOptions { DType = "bfloat16" });
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        using var reference = TinyLlava.Create(dtype: ScalarType.BFloat16);   // the same values rounded to BF16
        using var expected = PrefillLogits(reference);
        using var actual = PrefillLogits(model);
        Assert.True(actual.allclose(expected, 0, 0));
    }

    [Fact]
    public void A_missing_tensor_is_named_and_a_LLaVA_NeXT_config_needs_image_newline()
    {
        TinyCheckpoint.Write(_dir.Path, tied: true);
        // Declared untied, but the file has no lm_head: the error names the tensor.
        File.WriteAllText(_dir.File("config.json"), TinyCheckpoint.ConfigJson(TensorLayout.Classic, tied: false, kvHeads: 2));
        var e = Assert.Throws<CheckpointException>(() => LlavaModel.Load(_dir.Path, new RuntimeOptions()));
        Assert.Equal("language_model.lm_head.weight", e.Tensor);
        Assert.Contains("missing tensor", e.Message);

        File.WriteAllText(_dir.File("config.json"),
            TinyCheckpoint.ConfigJson(TensorLayout.Classic, tied: true, kvHeads: 2).Replace("\"llava\"", "\"llava_next\""));
        var next = Assert.Throws<CheckpointException>(() => LlavaModel.Load(_dir.Path, new RuntimeOptions()));
        Assert.Equal("image_newline", next.Tensor);

        File.WriteAllText(_dir.File("config.json"), TinyCheckpoint.ConfigJson(TensorLayout.Classic, tied: true, kvHeads: 2)
            .Replace("\"llava\"", "\"llava_next\"").Replace("\"default\"", "\"full\""));
        var full = Assert.Throws<NotSupportedException>(() => LlavaModel.Load(_dir.Path, new RuntimeOptions()));
        Assert.Contains("LLaVA-NeXT", full.Message);
    }

    [Fact]
    public void Invalid_runtime_options_are_refused_by_setting()
    {
        TinyCheckpoint.Write(_dir.Path);
        var e = Assert.Throws<ArgumentException>(() => LlavaModel.Load(_dir.Path, new RuntimeOptions { DType = "float16" }));
        Assert.Contains("Runtime:DType is 'float16'", e.Message);
    }
}
