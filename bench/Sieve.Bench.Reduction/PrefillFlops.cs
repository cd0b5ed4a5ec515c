using Sieve.Runtime.Loading.Configs;

/// <summary>
/// Multiply-add FLOPs (2 per MAC) of one prefill through the decoder, from the layer shapes: q/k/v/o projections and
/// the gated MLP per row, the attention's two quadratic products (QKᵀ and AV, every row against every cached row, as
/// the masked dense attention computes them), and the LM head for the last row. Layers below K run the full sequence;
/// layers from K the kept rows, attending only to kept rows.
/// </summary>
public static class PrefillFlops
{
    public static double Of(LlamaConfig c, long fullRows, long keptRows, int layerK)
    {
        double total = 2.0 * c.HiddenSize * c.VocabSize;
        for (int layer = 0; layer < c.NumHiddenLayers; layer++)
            total += Layer(c, layer < layerK ? fullRows : keptRows);
        return total;
    }

    private static double Layer(LlamaConfig c, long n)
    {
        double d = c.HiddenSize, q = c.NumAttentionHeads * c.HeadDim, kv = c.NumKeyValueHeads * c.HeadDim;
        double linear = 2.0 * n * (d * q + 2 * d * kv + q * d + 3 * d * c.IntermediateSize);
        double attention = 2.0 * 2.0 * n * n * q;
        return linear + attention;
    }
}
