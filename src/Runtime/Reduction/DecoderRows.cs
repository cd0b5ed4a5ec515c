using Sieve.Runtime.Generation;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>Row bookkeeping the decoder-side reducers share: which rows are image rows, which text rows follow an image,
/// this prefill's slice of a layer's cache, and the final kept-row tensor (text rows always kept).</summary>
public static class DecoderRows
{
    /// <summary>Every row that is not an image row, plus <paramref name="keptImageRows"/>: int64, strictly increasing.</summary>
    public static Tensor KeepTextAnd(long rows, IReadOnlyList<ImageSpan> images, IEnumerable<long> keptImageRows, Device device)
    {
        var kept = new SortedSet<long>(keptImageRows);
        for (long r = 0; r < rows; r++)
            if (!IsImageRow(r, images)) kept.Add(r);
        return tensor(kept.ToArray(), ScalarType.Int64, device);
    }

    public static bool IsImageRow(long row, IReadOnlyList<ImageSpan> images) => images.Any(s => row >= s.Start && row < s.End);

    /// <summary>The text rows after <paramref name="span"/> (rows of later images excluded), in order.</summary>
    public static long[] TextRowsAfter(ImageSpan span, IReadOnlyList<ImageSpan> images, long rows)
    {
        var after = new List<long>();
        for (long r = span.End; r < rows; r++)
            if (!IsImageRow(r, images)) after.Add(r);
        return [.. after];
    }

    /// <summary>[1, kv_heads, rows, head_dim]: the last <paramref name="rows"/> keys of <paramref name="cache"/>, i.e. those
    /// this prefill appended (earlier turns' entries, when the cache had any, come before them).</summary>
    public static Tensor PrefillKeys(LayerKvCache cache, long rows)
    {
        var keys = cache.Keys ?? throw new InvalidOperationException("the layer below the reduction layer has an empty KV cache");
        if (keys.shape[2] < rows)
            throw new InvalidOperationException($"the KV cache holds {keys.shape[2]} entries, fewer than this prefill's {rows} rows");
        return keys.narrow(2, keys.shape[2] - rows, rows);
    }
}
