using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// FastV (Chen et al., "An Image is Worth 1/2 Tokens After Layer 2"; spec <c>fastv:M[:k=2]</c>): on entry to layer K,
/// each image keeps the M tokens that the prompt's last token attends to most in layer K−1's attention map, averaged
/// over heads; kept tokens stay in their original order and keep their position ids; text is never pruned. FastV's
/// paper setting is K = 2, R = 50% (<c>fastv:0.5</c>). The last row's attention is recomputed from layer K−1's input
/// and its cached keys (the whole cache: earlier turns' entries are attended to as well, as they were in the layer).
/// </summary>
public sealed class FastVReducer(ReductionBudget budget, int layer = 2) : IDecoderLayerReducer
{
    public ReductionBudget Budget { get; } = budget;

    public int Layer { get; } = layer;

    public static FastVReducer FromStep(ReductionStep step)
    {
        step.AllowOnly("k");
        return new FastVReducer(step.Budget(), (int)step.Integer("k", 2, min: 1, max: 1000));
    }

    public Tensor SelectKept(DecoderReductionInput input)
    {
        long rows = input.Hidden.shape[1];
        var last = input.PreviousHidden.narrow(1, rows - 1, 1);
        var position = input.Positions.narrow(0, rows - 1, 1);
        var (cos, sin) = input.Model.Rotary(position, last.dtype);
        var weights = input.Model.Layer(Layer - 1).AttentionWeights(last, position, cos, sin, input.Cache[Layer - 1]);
        var scores = weights.mean([0L])[0];                         // [T]: head-averaged attention of the last row
        scores = scores.narrow(0, scores.shape[0] - rows, rows);    // this prefill's rows
        var kept = new List<long>();
        foreach (var span in input.Images)
        {
            long m = Budget.For(span.Length);
            if (m == 0) continue;
            var top = scores.narrow(0, span.Start, span.Length).topk((int)m).indexes.data<long>();
            kept.AddRange(top.Select(i => span.Start + i));
        }
        return DecoderRows.KeepTextAnd(rows, input.Images, kept, input.Hidden.device);
    }
}
