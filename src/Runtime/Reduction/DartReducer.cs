using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// DART at decoder layer K (spec <c>dart:M[:k=2][:mode=paper|exact][:pimg=4][:ptxt=4][:order=position|reference]</c>): reads layer K−1's
/// post-RoPE keys from the KV cache (this prefill's rows only) and layer K−1's output, and keeps per image the tokens
/// <see cref="DartSelection"/> chooses; text rows are never pruned. The reference handles one image; here each image
/// is reduced on its own with the text after it as text-pivot candidates, and with budget M per image.
/// With grouped-query attention the cache holds kv_heads key heads where the reference's Llama (no GQA) has one per
/// query head; repeating heads multiplies every row's L1 norm by the same factor, so the pivots are the same.
/// Selection is computed in float32 whatever the model dtype.
/// </summary>
public sealed class DartReducer(DartSettings settings) : IDecoderLayerReducer
{
    public DartSettings Settings { get; } = settings;

    public int Layer => Settings.Layer;

    public static DartReducer FromStep(ReductionStep step)
    {
        step.AllowOnly("k", "mode", "pimg", "ptxt", "order");
        return new DartReducer(new DartSettings(step.Budget(),
            Layer: (int)step.Integer("k", 2, min: 1, max: 1000),
            ImagePivots: (int)step.Integer("pimg", 4, min: 1, max: 1000),
            TextPivots: (int)step.Integer("ptxt", 4, min: 0, max: 1000),
            Mode: step.Choice("mode", "paper", "exact") == "paper" ? DartBudgetMode.Paper : DartBudgetMode.Exact,
            Order: step.Choice("order", "position", "reference") == "position" ? DartPivotOrder.Position : DartPivotOrder.Reference));
    }

    /// <summary>keys [1, heads, rows, head_dim] → [rows] float32: each row's L1 norm over all heads concatenated.</summary>
    public static Tensor KeyL1(Tensor keys) => keys[0].to_type(ScalarType.Float32).abs().sum([0L, 2L]);

    public Tensor SelectKept(DecoderReductionInput input)
    {
        long rows = input.Hidden.shape[1];
        var keyL1 = KeyL1(DecoderRows.PrefillKeys(input.Cache[Layer - 1], rows));
        var normed = input.Model.Norm(input.Hidden)[0].to_type(ScalarType.Float32);  // [rows, D]
        var kept = input.Images.SelectMany(span => DartSelection.SelectImageRows(keyL1, normed, span,
            DecoderRows.TextRowsAfter(span, input.Images, rows), Settings, Settings.Budget.For(span.Length)));
        return DecoderRows.KeepTextAnd(rows, input.Images, kept, input.Hidden.device);
    }
}
