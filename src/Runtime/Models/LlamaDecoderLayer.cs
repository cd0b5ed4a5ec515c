using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>x + attn(rmsnorm(x)), then + mlp(rmsnorm(·)).</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;

    public LlamaDecoderLayer(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, dtype, device);
        mlp = new LlamaMlp(config, dtype, device);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor positions, Tensor cos, Tensor sin, LayerKvCache cache)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.forward(input_layernorm.forward(x), positions, cos, sin, cache);
        return (h + mlp.forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }

    /// <summary>This layer's attention probabilities [heads, n, T] for rows <paramref name="x"/> (its input) over the
    /// keys already in <paramref name="cache"/> (see <see cref="LlamaAttention.Weights"/>).</summary>
    public Tensor AttentionWeights(Tensor x, Tensor positions, Tensor cos, Tensor sin, LayerKvCache cache) =>
        self_attn.Weights(input_layernorm.forward(x), positions, cos, sin,
            cache.Keys ?? throw new InvalidOperationException("the layer's KV cache is empty"), cache.Positions!);
}
