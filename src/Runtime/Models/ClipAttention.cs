using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>CLIP's bidirectional multi-head self-attention (q/k/v/out projections with bias, scale head_dim^-0.5).</summary>
public sealed class ClipAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear q_proj, k_proj, v_proj, out_proj;
    private readonly long _heads;

    public ClipAttention(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipAttention))
    {
        long d = config.HiddenSize;
        _heads = config.NumAttentionHeads;
        q_proj = new Linear(d, d, true, dtype, device);
        k_proj = new Linear(d, d, true, dtype, device);
        v_proj = new Linear(d, d, true, dtype, device);
        out_proj = new Linear(d, d, true, dtype, device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        Tensor Heads(Tensor t) => t.view(b, n, _heads, d / _heads).transpose(1, 2);
        // scaled_dot_product_attention's default scale is 1/sqrt(head_dim), CLIP's scale.
        var context = nn.functional.scaled_dot_product_attention(
            Heads(q_proj.forward(x)), Heads(k_proj.forward(x)), Heads(v_proj.forward(x)));
        return out_proj.forward(context.transpose(1, 2).reshape(b, n, d)).MoveToOuterDisposeScope();
    }
}
