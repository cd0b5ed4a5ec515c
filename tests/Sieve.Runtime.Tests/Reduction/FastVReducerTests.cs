using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>FastV keeps the image rows the last token attends to most in layer K−1 (head average), checked against
/// that attention computed here from the layer's weights in float64.</summary>
public sealed class FastVReducerTests
{
    private sealed class Spy(IDecoderLayerReducer inner) : IDecoderLayerReducer
    {
        public int Layer => inner.Layer;
        public Tensor? LastInput, Keys, KeyPositions;
        public Tensor SelectKept(DecoderReductionInput input)
        {
            LastInput = input.PreviousHidden[0, -1].to_type(ScalarType.Float64).clone().DetachFromDisposeScope();
            Keys = input.Cache[Layer - 1].Keys!.to_type(ScalarType.Float64).clone().DetachFromDisposeScope();
            KeyPositions = input.Cache[Layer - 1].Positions!.clone().DetachFromDisposeScope();
            return inner.SelectKept(input);
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    public void Keeps_the_top_m_image_rows_by_the_last_tokens_head_averaged_attention_in_layer_k_minus_1(int k, int kvHeads)
    {
        using var model = TinyLlava.Create(TinyLlava.Config(kvHeads: kvHeads));
        var spy = new Spy(new FastVReducer(ReductionBudget.OfTokens(5), k));
        using var run = new ReductionRun(model, new Reducers(null, spy));
        using var scope = NewDisposeScope();

        var scores = LastRowAttention(model, k - 1, spy.LastInput!, run.FullLength - 1, spy.Keys!, kvHeads);
        var image = run.Layout.Images.Single();
        var expected = scores.narrow(0, image.Start, image.Length).topk(5).indexes.data<long>().Select(i => i + image.Start).Order();
        Assert.Equal(expected, run.KeptRows.Where(r => r >= image.Start && r < image.End));
        spy.LastInput!.Dispose(); spy.Keys!.Dispose(); spy.KeyPositions!.Dispose();
    }

    /// <summary>softmax(q·kᵀ/√d) of the last row in float64, averaged over heads: RMSNorm, q_proj and RoPE by hand.</summary>
    private static Tensor LastRowAttention(Sieve.Runtime.Models.LlavaModel model, int layer, Tensor x, long position, Tensor keys, int kvHeads)
    {
        var p = model.named_parameters().ToDictionary(n => n.name, n => n.parameter.to_type(ScalarType.Float64));
        string prefix = $"language_model.model.layers.{layer}.";
        const int heads = 4, headDim = 16;
        var normed = x / (x.pow(2).mean().add(1e-5).sqrt()) * p[prefix + "input_layernorm.weight"];
        var q = matmul(p[prefix + "self_attn.q_proj.weight"], normed).reshape(heads, headDim);
        var invFreq = tensor(Enumerable.Range(0, headDim / 2).Select(i => 1.0 / Math.Pow(10000, 2.0 * i / headDim)).ToArray());
        var angles = cat([invFreq, invFreq]) * position;
        var rotated = cat([-q.narrow(1, headDim / 2, headDim / 2), q.narrow(1, 0, headDim / 2)], 1);
        q = q * angles.cos() + rotated * angles.sin();
        var perHead = new List<Tensor>();
        for (int h = 0; h < heads; h++)
        {
            var kv = keys[0, h / (heads / kvHeads)];                            // [T, head_dim]
            perHead.Add(softmax(matmul(kv, q[h]) / Math.Sqrt(headDim), 0));    // the last row sees every key
        }
        return stack(perHead).mean([0L]);
    }
}
