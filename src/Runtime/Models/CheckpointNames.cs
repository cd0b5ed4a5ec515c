namespace Sieve.Runtime.Models;

/// <summary>
/// The two HF LLaVA checkpoint layouts. Module fields carry the classic names (transformers &lt; 4.52:
/// <c>language_model.model.…</c>, <c>language_model.lm_head.…</c>, <c>vision_tower.vision_model.…</c>,
/// <c>multi_modal_projector.…</c>); transformers ≥ 4.52 saves <c>model.language_model.…</c>, <c>lm_head.…</c>,
/// <c>model.vision_tower.…</c>, <c>model.multi_modal_projector.…</c>. Only the prefixes differ, so a prefix swap
/// maps one onto the other; no per-tensor table.
/// </summary>
public static class CheckpointNames
{
    private static readonly (string New, string Classic)[] Prefixes =
    [
        ("model.language_model.", "language_model.model."),
        ("model.vision_tower.", "vision_tower."),
        ("model.multi_modal_projector.", "multi_modal_projector."),
        ("lm_head.", "language_model.lm_head."),
    ];

    /// <summary>The module (classic) name of a checkpoint tensor in either layout.</summary>
    public static string ToModule(string checkpointName)
    {
        foreach (var (newPrefix, classic) in Prefixes)
            if (checkpointName.StartsWith(newPrefix, StringComparison.Ordinal))
                return classic + checkpointName[newPrefix.Length..];
        return checkpointName;
    }

    /// <summary>
    /// Buffers some checkpoints carry that this runtime recomputes: CLIP's <c>embeddings.position_ids</c> (saved as
    /// a persistent buffer by older transformers) and Llama's <c>rotary_emb.inv_freq</c>.
    /// </summary>
    public static bool IsRecomputedBuffer(string checkpointName) =>
        checkpointName.EndsWith("embeddings.position_ids", StringComparison.Ordinal)
        || checkpointName.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);
}
