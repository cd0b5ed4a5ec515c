using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>The tower's class-token attention logits (what GlobalCom² ranks by), recomputed from the weights.</summary>
public sealed class ClipClassTokenScoresTests
{
    public ClipClassTokenScoresTests() => TorchRuntime.EnsureLoadable();

    [Fact]
    public void Last_layer_scores_are_the_head_mean_of_scaled_query_key_products_of_the_class_token()
    {
        using var model = TinyLlava.Create(TinyLlava.Config() with { }, ScalarType.Float64);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var tower = model.VisionTower;
        var input = tower.HiddenStates(TinyLlava.Pixels(2).to_type(ScalarType.Float64), [tower.LayerCount - 1])[0];
        var scores = tower.LastLayerClassTokenScores(input);

        var p = tower.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        var prefix = $"encoder.layers.{tower.LayerCount - 1}.";
        var normed = nn.functional.layer_norm(input, [32], p[prefix + "layer_norm1.weight"], p[prefix + "layer_norm1.bias"], 1e-5);
        var q = nn.functional.linear(normed, p[prefix + "self_attn.q_proj.weight"], p[prefix + "self_attn.q_proj.bias"]);
        var k = nn.functional.linear(normed, p[prefix + "self_attn.k_proj.weight"], p[prefix + "self_attn.k_proj.bias"]);
        const int heads = 4, headDim = 8;
        var expected = zeros(new long[] { 2, 16 }, ScalarType.Float64);
        for (var h = 0; h < heads; h++)
        {
            var qh = q[.., 0, (h * headDim)..((h + 1) * headDim)];           // [2, 8]
            var kh = k[.., 1.., (h * headDim)..((h + 1) * headDim)];         // [2, 16, 8]
            expected += (kh * (qh / Math.Sqrt(headDim)).unsqueeze(1)).sum([2]) / heads;
        }
        Assert.Equal(new long[] { 2, 16 }, scores.shape);
        Assert.True(scores.allclose(expected, rtol: 1e-10, atol: 1e-10));
    }
}
