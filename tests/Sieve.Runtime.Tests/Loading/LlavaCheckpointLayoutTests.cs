using Sieve.Runtime.Loading;
using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Loading;

public sealed class LlavaCheckpointLayoutTests : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_layout_of_llava_1_5_7b_adds_up_to_its_parameter_count()
    {
        File.WriteAllText(_dir.File("config.json"), """
            {"model_type": "llava", "text_config": {"model_type": "llama", "vocab_size": 32064, "max_position_embeddings": 4096},
             "vision_config": {"hidden_size": 1024, "image_size": 336, "intermediate_size": 4096, "num_attention_heads": 16,
                               "num_hidden_layers": 24, "patch_size": 14}}
            """);
        var config = LlavaConfig.Load(_dir.Path);
        var layout = LlavaCheckpointLayout.Expected(config);

        Assert.Equal(7_063_427_072L, layout.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b)));
        Assert.Equal(config.ParameterCount, layout.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b)));
        // Vision 3 embeddings + 2 pre-norm + 24 x 16 + 2 post-norm; projector 4; text embed + 32 x 9 + norm + lm_head.
        Assert.Equal(686, layout.Count);
        Assert.Contains(layout, t => t.Name == "vision_tower.vision_model.encoder.layers.23.mlp.fc2.weight" && t.Shape.SequenceEqual([1024L, 4096]));
        Assert.Contains(layout, t => t.Name == "language_model.model.layers.31.self_attn.k_proj.weight" && t.Shape.SequenceEqual([4096L, 4096]));
    }

    [Theory]
    [InlineData("model.language_model.layers.0.mlp.up_proj.weight", "language_model.model.layers.0.mlp.up_proj.weight")]
    [InlineData("model.vision_tower.vision_model.post_layernorm.bias", "vision_tower.vision_model.post_layernorm.bias")]
    [InlineData("model.multi_modal_projector.linear_2.weight", "multi_modal_projector.linear_2.weight")]
    [InlineData("lm_head.weight", "language_model.lm_head.weight")]
    [InlineData("language_model.model.norm.weight", "language_model.model.norm.weight")]
    public void New_transformers_names_map_to_the_classic_ones(string name, string classic) =>
        Assert.Equal(classic, LlavaCheckpointLayout.ToClassicName(name));

    [Fact]
    public void A_synthetic_checkpoint_has_every_tensor_and_sharding_keeps_the_bytes()
    {
        using var single = new ScratchFolder();
        using var sharded = new ScratchFolder();
        var config = SyntheticLlavaCheckpoint.Write(single.Path, TinyLlavaConfigs.Tiny, ScalarType.BFloat16, seed: 1);
        SyntheticLlavaCheckpoint.Write(sharded.Path, TinyLlavaConfigs.Tiny, ScalarType.BFloat16, seed: 1, maxShardBytes: 20_000);

        using var a = CheckpointReader.Open(single.Path);
        using var b = CheckpointReader.Open(sharded.Path);
        Assert.True(b.Files.Count > 1);
        var (missing, unexpected) = LlavaCheckpointLayout.Compare(config, a.Tensors);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(config.ParameterCount, a.ElementCount);
        foreach (var t in a.Tensors)
        {
            using var x = a.Get(t.Name);
            using var y = b.Get(t.Name);
            TinyTensors.AssertIdentical(x, y);
        }
        using var embed = a.Get("language_model.model.embed_tokens.weight", ScalarType.Float32);
        Assert.InRange(embed.std().item<float>(), 0.1f, 0.25f); // 1/sqrt(32) ≈ 0.18: well scaled, not N(0,1)
    }

    [Fact]
    public void Compare_names_missing_misshapen_and_unexpected_tensors()
    {
        var config = SyntheticLlavaCheckpoint.Write(_dir.Path, TinyLlavaConfigs.Tiny, ScalarType.Float32);
        using var reader = CheckpointReader.Open(_dir.Path);
        var tensors = reader.Tensors.Where(t => t.Name != "language_model.model.norm.weight")
            .Select(t => t.Name == "multi_modal_projector.linear_2.bias" ? t with { Shape = [7] } : t)
            .Append(reader.Tensors[0] with { Name = "extra.weight" })
            .Append(reader.Tensors[0] with { Name = "vision_tower.vision_model.embeddings.position_ids" });

        var (missing, unexpected) = LlavaCheckpointLayout.Compare(config, tensors);

        Assert.Equal(["language_model.model.norm.weight", "multi_modal_projector.linear_2.bias"], missing.Order(StringComparer.Ordinal));
        Assert.Equal(["extra.weight", "multi_modal_projector.linear_2.bias"], unexpected.Order(StringComparer.Ordinal));
    }
}
