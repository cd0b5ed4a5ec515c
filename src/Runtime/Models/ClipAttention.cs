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

    /// <summary>
    /// The class token's pre-softmax attention logits over the patch tokens, averaged over heads: [B, N−1] for
    /// x [B, N, D] (already layer-normed). Queries are scaled before the product, as HF's eager CLIP attention does;
    /// GlobalCom² ranks tokens by these scores.
    /// </summary>
    public Tensor ClassTokenScores(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], d = x.shape[2], hd = d / _heads;
        var q = (q_proj.forward(x.narrow(1, 0, 1)) * Math.Pow(hd, -0.5)).view(b, 1, _heads, hd).transpose(1, 2);
        var k = k_proj.forward(x).view(b, n, _heads, hd).transpose(1, 2);
        var scores = matmul(q, k.transpose(2, 3)).mean([1]).squeeze(1); // [B, N]
        return scores.narrow(1, 1, n - 1).MoveToOuterDisposeScope();
    }
}
