using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>A pre-norm transformer block: x + attn(ln1(x)), then + mlp(ln2(·)).</summary>
public sealed class ClipEncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly ClipAttention self_attn;
    private readonly LayerNorm layer_norm1;
    private readonly ClipMlp mlp;
    private readonly LayerNorm layer_norm2;

    public ClipEncoderLayer(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipEncoderLayer))
    {
        self_attn = new ClipAttention(config, dtype, device);
        layer_norm1 = new LayerNorm(config.HiddenSize, config.LayerNormEps, dtype, device);
        mlp = new ClipMlp(config, dtype, device);
        layer_norm2 = new LayerNorm(config.HiddenSize, config.LayerNormEps, dtype, device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.forward(layer_norm1.forward(x));
        return (h + mlp.forward(layer_norm2.forward(h))).MoveToOuterDisposeScope();
    }

    /// <summary>This layer's class-token attention scores for its input x (see <see cref="ClipAttention.ClassTokenScores"/>).</summary>
    public Tensor ClassTokenScores(Tensor x)
    {
        using var scope = NewDisposeScope();
        return self_attn.ClassTokenScores(layer_norm1.forward(x)).MoveToOuterDisposeScope();
    }
}
