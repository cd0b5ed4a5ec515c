using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// The pooling baseline, encoder side (spec <c>pool:k</c> for a k×k kernel with k ≤ 8, or <c>pool:N</c> for N tokens
/// per image, N a square): each image's features, laid out on their √n×√n patch grid, are averaged over
/// non-overlapping k×k windows (2×2 over LLaVA-1.5's 24×24 grid gives 12×12 = 144 tokens), row-major, before the
/// projector. The grid side must be a multiple of k.
/// </summary>
public sealed class PoolingReducer : IVisionFeatureReducer
{
    /// <summary>Values up to this are kernel sizes, above it token counts.</summary>
    public const int LargestKernel = 8;

    private readonly int? _kernel;
    private readonly long? _tokens;
    private readonly string _spec;

    private PoolingReducer(int? kernel, long? tokens, string spec)
    {
        _kernel = kernel;
        _tokens = tokens;
        _spec = spec;
    }

    public static PoolingReducer Kernel(int k) => new(k, null, $"pool:{k}");

    public static PoolingReducer FromStep(ReductionStep step)
    {
        step.AllowOnly();
        if (step.Amount is null || !long.TryParse(step.Amount, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var v) || v < 1)
            throw new ReductionSpecException($"reduction spec '{step.Text}': pool needs a kernel size (1..{LargestKernel}, e.g. pool:2) or a square token count per image (e.g. pool:144)");
        if (v <= LargestKernel) return new PoolingReducer((int)v, null, step.Text);
        long side = (long)Math.Round(Math.Sqrt(v));
        if (side * side != v)
            throw new ReductionSpecException($"reduction spec '{step.Text}': {v} tokens is not a square grid (e.g. 144 = 12×12, 64 = 8×8, 36 = 6×6)");
        return new PoolingReducer(null, v, step.Text);
    }

    public IReadOnlyList<Tensor> Reduce(VisionReductionInput input) => input.Features.Select(Pool).ToArray();

    private Tensor Pool(Tensor features)
    {
        long n = features.shape[0], channels = features.shape[1];
        long side = (long)Math.Round(Math.Sqrt(n));
        if (side * side != n)
            throw new ArgumentException($"reduction '{_spec}': an image has {n} features, not a square patch grid");
        long k = _kernel ?? (side % (long)Math.Round(Math.Sqrt(_tokens!.Value)) == 0 ? side / (long)Math.Round(Math.Sqrt(_tokens.Value)) : 0);
        if (k < 1 || side % k != 0)
            throw new ArgumentException($"reduction '{_spec}': the {side}×{side} patch grid does not divide into " +
                (_kernel is null ? $"{_tokens} tokens" : $"{k}×{k} windows"));
        var grid = features.transpose(0, 1).reshape(1, channels, side, side);
        var pooled = nn.functional.avg_pool2d(grid, [k, k], [k, k]);
        return pooled.reshape(channels, -1).transpose(0, 1);
    }
}
