using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// Llama self-attention with grouped-query heads and RoPE, reading and extending the layer's KV cache.
/// The causal mask is explicit and built from position ids (query position ≥ key position), never
/// scaled_dot_product_attention's causal flag: that flag aligns the triangle to the top-left, which is wrong when
/// fewer queries than cached keys are passed, and knows nothing of pruned sequences with position gaps.
/// </summary>
public sealed class LlamaAttention : nn.Module
{
    private readonly Linear q_proj, k_proj, v_proj, o_proj;
    private readonly long _heads, _kvHeads, _headDim;

    public LlamaAttention(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        q_proj = new Linear(config.HiddenSize, _heads * _headDim, config.AttentionBias, dtype, device);
        k_proj = new Linear(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias, dtype, device);
        v_proj = new Linear(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias, dtype, device);
        o_proj = new Linear(_heads * _headDim, config.HiddenSize, config.AttentionBias, dtype, device);
        RegisterComponents();
    }

    /// <summary>x [1, L, D] at <paramref name="positions"/> [L]; cos/sin from <see cref="RotaryEmbedding"/>.</summary>
    public Tensor forward(Tensor x, Tensor positions, Tensor cos, Tensor sin, LayerKvCache cache)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[1];
        Tensor Heads(Tensor t, long heads) => t.view(1, n, heads, _headDim).transpose(1, 2);
        var q = RotaryEmbedding.Apply(Heads(q_proj.forward(x), _heads), cos, sin);
        var k = RotaryEmbedding.Apply(Heads(k_proj.forward(x), _kvHeads), cos, sin);
        var v = Heads(v_proj.forward(x), _kvHeads);
        var (keys, values, keyPositions) = cache.Append(k, v, positions);
        if (_kvHeads != _heads)
        {
            // Grouped-query attention: each kv head serves heads/kv_heads consecutive query heads.
            keys = keys.repeat_interleave(_heads / _kvHeads, 1);
            values = values.repeat_interleave(_heads / _kvHeads, 1);
        }
        var mask = keyPositions.unsqueeze(0) <= positions.unsqueeze(1);               // [L, T], true = attend
        var context = nn.functional.scaled_dot_product_attention(q, keys, values, mask.unsqueeze(0).unsqueeze(0));
        return o_proj.forward(context.transpose(1, 2).reshape(1, n, _heads * _headDim)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The attention probabilities [heads, n, T] that rows <paramref name="x"/> (already input-normed, at
    /// <paramref name="positions"/>) give the cached <paramref name="keys"/> [1, kv_heads, T, head_dim] at
    /// <paramref name="keyPositions"/>, as HF's eager attention returns them (softmax in float32). Reads nothing into
    /// the cache. For reducers that rank tokens by attention (FastV).
    /// </summary>
    public Tensor Weights(Tensor x, Tensor positions, Tensor cos, Tensor sin, Tensor keys, Tensor keyPositions)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[1];
        var q = RotaryEmbedding.Apply(q_proj.forward(x).view(1, n, _heads, _headDim).transpose(1, 2), cos, sin);
        if (_kvHeads != _heads) keys = keys.repeat_interleave(_heads / _kvHeads, 1);
        var scores = matmul(q, keys.transpose(2, 3)).to_type(ScalarType.Float32) / Math.Sqrt(_headDim);   // [1, H, n, T]
        var hidden = (keyPositions.unsqueeze(0) <= positions.unsqueeze(1)).logical_not();
        return softmax(scores.masked_fill(hidden, double.NegativeInfinity), -1)[0].MoveToOuterDisposeScope();
    }
}
