using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// DART's choice of image tokens for one image (Wen et al., "Stop Looking for Important Tokens in Multimodal Language
/// Models: Duplication Matters More"; reference code ZichenWen1/DART @5a19452, its Llama pruning function), as a pure
/// function of two tensors so that it can be checked against a transcription of the reference on fixed inputs:
/// <list type="number">
/// <item>Pivots: the P_img image tokens and the P_txt tokens after the image with the largest L1 norm of layer K−1's
/// post-RoPE key vector (all heads concatenated).</item>
/// <item>Each pivot in turn picks, among the image tokens not yet kept (image pivots are kept from the start), the
/// ones least similar to it: the largest negative cosine similarity of layer K−1's output passed through the final
/// RMSNorm.</item>
/// <item>Kept = image pivots ∪ all picks. Text pivots only choose; they are text rows and stay anyway.</item>
/// </list>
/// Processing order: the reference walks its pivots by iterating a Python <c>set</c> of positions, an order CPython's
/// hash table gives (position modulo table size, with probing) and that no part of the method relies on. By default
/// the pivots are processed in ascending position (image pivots before the text pivots after the image);
/// <see cref="DartPivotOrder.Reference"/> rebuilds CPython's order (<see cref="CPythonSetOrder"/>) to reproduce the
/// reference's choice exactly. The order matters only when two pivots would pick the same token: the first keeps it
/// and the later one takes its next best.
/// </summary>
public static class DartSelection
{
    /// <param name="keyL1">[L] L1 norm of each row's layer K−1 key (all heads).</param>
    /// <param name="normed">[L, D] layer K−1's output through the final RMSNorm.</param>
    /// <param name="span">The image's rows.</param>
    /// <param name="textRows">The text rows after the image (text-pivot candidates), ascending.</param>
    /// <param name="budget">M for this image.</param>
    /// <returns>The kept image rows, ascending.</returns>
    public static long[] SelectImageRows(Tensor keyL1, Tensor normed, ImageSpan span, IReadOnlyList<long> textRows,
        DartSettings settings, long budget)
    {
        using var scope = NewDisposeScope();
        long n = span.Length;
        if (n == 0) return [];
        var imageNorms = keyL1.narrow(0, span.Start, n);
        int imagePivotCount = (int)Math.Min(settings.ImagePivots, n);
        if (settings.Mode == DartBudgetMode.Exact && budget <= imagePivotCount)
            return [.. TopRows(imageNorms, (int)budget).Select(i => span.Start + i).Order()];

        var imagePivots = TopRows(imageNorms, imagePivotCount).Select(i => span.Start + i).ToArray();
        var textPivots = textRows.Count == 0 ? []
            : TopRows(keyL1.index_select(0, tensor(textRows.ToArray(), device: keyL1.device)), Math.Min(settings.TextPivots, textRows.Count))
                .Select(i => textRows[(int)i]).ToArray();
        var pivots = settings.Order == DartPivotOrder.Reference
            ? CPythonSetOrder.Of(imagePivots.Concat(textPivots))
            : imagePivots.Concat(textPivots).Order().ToArray();
        var quotas = Quotas(settings, budget, imagePivotCount, pivots.Length);

        var kept = new SortedSet<long>(imagePivots);
        var candidates = Enumerable.Range(0, (int)n).Select(i => span.Start + i).Where(r => !kept.Contains(r)).ToList();
        for (int p = 0; p < pivots.Length && candidates.Count > 0; p++)
        {
            int take = (int)Math.Min(quotas[p], candidates.Count);
            if (take == 0) continue;
            var others = normed.index_select(0, tensor(candidates.ToArray(), device: normed.device));
            var similarity = nn.functional.cosine_similarity(normed[pivots[p]].unsqueeze(0), others, 1, 1e-8);
            var picked = TopRows(-similarity, take).Select(i => candidates[(int)i]).ToHashSet();
            kept.UnionWith(picked);
            candidates.RemoveAll(picked.Contains);
        }
        return [.. kept];
    }

    /// <summary>How many tokens each pivot (in processing order) picks.</summary>
    private static long[] Quotas(DartSettings settings, long budget, int imagePivots, int pivots)
    {
        if (settings.Mode == DartBudgetMode.Paper)
            // The reference divides by the configured pivot counts, not by how many pivots there turned out to be.
            return Enumerable.Repeat(budget / (settings.ImagePivots + settings.TextPivots), pivots).ToArray();
        long picks = budget - imagePivots;
        return Enumerable.Range(0, pivots).Select(i => picks / pivots + (i < picks % pivots ? 1 : 0)).ToArray();
    }

    /// <summary>Indices of the <paramref name="k"/> largest values, largest first (torch.topk's order).</summary>
    private static long[] TopRows(Tensor values, int k) =>
        k <= 0 ? [] : values.topk(k).indexes.data<long>().ToArray();
}
