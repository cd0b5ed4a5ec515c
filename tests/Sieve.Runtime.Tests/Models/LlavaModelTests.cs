using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

public sealed class LlavaModelTests
{
    [Fact]
    public void Parameter_names_are_the_checkpoint_tensor_names()
    {
        using var model = TinyLlava.Create();
        var names = model.named_parameters().Select(p => p.name).ToHashSet();

        string[] expected =
        [
            "vision_tower.vision_model.embeddings.class_embedding",
            "vision_tower.vision_model.embeddings.patch_embedding.weight",
            "vision_tower.vision_model.embeddings.position_embedding.weight",
            "vision_tower.vision_model.pre_layrnorm.weight",
            "vision_tower.vision_model.encoder.layers.2.self_attn.out_proj.bias",
            "vision_tower.vision_model.encoder.layers.0.mlp.fc1.weight",
            "vision_tower.vision_model.encoder.layers.0.layer_norm2.bias",
            "vision_tower.vision_model.post_layernorm.weight",
            "multi_modal_projector.linear_1.weight",
            "multi_modal_projector.linear_2.bias",
            "language_model.model.embed_tokens.weight",
            "language_model.model.layers.1.self_attn.k_proj.weight",
            "language_model.model.layers.2.mlp.gate_proj.weight",
            "language_model.model.layers.0.post_attention_layernorm.weight",
            "language_model.model.norm.weight",
            "language_model.lm_head.weight",
        ];
        Assert.All(expected, n => Assert.Contains(n, names));
        // 3 vision layers × 16 + 6 embedding/pre/post + 4 projector; 3 text layers × 9 + embed + norm + lm_head.
        Assert.Equal(3 * 16 + 7 + 4 + 3 * 9 + 3, names.Count);
        var shape = model.named_parameters().Single(p => p.name == "language_model.model.layers.1.self_attn.k_proj.weight").parameter.shape;
        Assert.Equal([2L * 16, 64], shape); // grouped-query attention: 2 kv heads of 16
    }

    [Fact]
    public void Tied_embeddings_have_no_lm_head_and_project_with_the_embedding_table()
    {
        using var model = TinyLlava.Create(TinyLlava.Config(tied: true));
        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("lm_head", StringComparison.Ordinal));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var hidden = randn(2, 64);
        var expected = hidden.matmul(model.LanguageModel.Model.EmbedTokens.Weight.t());
        Assert.True(model.LanguageModel.Logits(hidden).allclose(expected));
    }

    [Fact]
    public void Image_features_replace_the_image_token_rows_and_text_rows_keep_their_embeddings()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var features = model.EncodeImages(TinyLlava.Pixels(2));
        Assert.Equal(2, features.Count);
        Assert.Equal([16L, 64], features[0].shape);

        long img = TinyLlava.ImageToken;
        var (embeds, layout) = model.EmbedPrompt([1, img, 5, img, 6], features);

        Assert.Equal(3 + 32, layout.Ids.Length);
        Assert.Equal([1, 18], layout.Images.Select(s => s.Start));
        Assert.True(embeds[0].narrow(0, 1, 16).allclose(features[0], 0, 0));
        Assert.True(embeds[0].narrow(0, 18, 16).allclose(features[1], 0, 0));
        var table = model.LanguageModel.Model.EmbedTokens.Weight;
        Assert.True(embeds[0][18 + 16].allclose(table[6], 0, 0));
        Assert.True(embeds[0][0].allclose(table[1], 0, 0));
    }

    [Fact]
    public void Vision_features_are_the_second_to_last_layer_without_CLS()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pixels = TinyLlava.Pixels(1);
        var all = model.VisionTower.HiddenStates(pixels, [0, 1, 2, 3]);
        var chosen = model.VisionTower.HiddenStates(pixels, [-2]);
        Assert.True(chosen[0].allclose(all[2], 0, 0));   // 3 layers: hidden_states[-2] is layer 2's input = layer 1's output
        Assert.Equal([1L, 17, 32], chosen[0].shape);
    }
}
