using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// Llama's rotary position embedding (HF's default rope type): inv_freq = θ^(−2i/d), angles = position × inv_freq
/// computed in float32, duplicated to the full head dimension, cos/sin cast to the activation dtype; applied as
/// x·cos + rotate_half(x)·sin, with rotate_half(x) = [−x₂, x₁].
/// </summary>
public sealed class RotaryEmbedding
{
    private readonly double _theta;
    private readonly long _headDim;

    public RotaryEmbedding(long headDim, double theta)
    {
        _headDim = headDim;
        _theta = theta;
    }

    /// <summary>positions [L] int64 → (cos, sin), each [1, 1, L, head_dim] in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) CosSin(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, _headDim, 2, ScalarType.Int64, positions.device).to_type(ScalarType.Float32) / _headDim;
        var invFreq = 1.0f / pow(tensor((float)_theta, device: positions.device), exponents);
        var angles = outer(positions.to_type(ScalarType.Float32), invFreq);          // [L, d/2]
        var emb = cat([angles, angles], -1).unsqueeze(0).unsqueeze(0);
        return (emb.cos().to_type(dtype).MoveToOuterDisposeScope(), emb.sin().to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>x [1, heads, L, head_dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos + rotated * sin).MoveToOuterDisposeScope();
    }
}
