using Sieve.Runtime.Loading.Configs;

namespace Sieve.Runtime.Loading;

/// <summary>
/// The tensors a HF LLaVA-1.5 checkpoint holds for a config, by name and shape, in the naming of
/// <c>LlavaForConditionalGeneration</c> as llava-hf publishes it (<c>vision_tower.vision_model.…</c>,
/// <c>multi_modal_projector.linear_1</c>, <c>language_model.model.layers.N.…</c>, <c>language_model.lm_head</c>).
/// Checkpoints saved by transformers 4.52 and later name the same tensors <c>model.vision_tower.…</c>,
/// <c>model.language_model.layers.…</c> and <c>lm_head</c>; <see cref="ToClassicName"/> maps them back.
/// </summary>
public static class LlavaCheckpointLayout
{
    public const string Vision = "vision_tower.vision_model.";
    public const string Projector = "multi_modal_projector.";
    public const string Text = "language_model.model.";
    public const string LmHead = "language_model.lm_head.weight";

    /// <summary>LLaVA-NeXT's row separator, a top-level parameter [text hidden] (transformers ≥ 4.52: <c>model.image_newline</c>).</summary>
    public const string ImageNewline = "image_newline";

    /// <summary>Every parameter tensor with its shape (buffers such as CLIP's position_ids are not parameters).</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Expected(LlavaConfig config)
    {
        var list = new List<(string, long[])>();
        var v = config.VisionConfig;
        long vh = v.HiddenSize, vi = v.IntermediateSize;
        list.Add((Vision + "embeddings.class_embedding", [vh]));
        list.Add((Vision + "embeddings.patch_embedding.weight", [vh, v.NumChannels, v.PatchSize, v.PatchSize]));
        list.Add((Vision + "embeddings.position_embedding.weight", [v.NumPatches + 1, vh]));
        Norm(list, Vision + "pre_layrnorm", vh);
        for (var i = 0; i < v.NumHiddenLayers; i++)
        {
            var p = $"{Vision}encoder.layers.{i}.";
            foreach (var proj in new[] { "k_proj", "v_proj", "q_proj", "out_proj" })
                Linear(list, p + "self_attn." + proj, vh, vh, bias: true);
            Norm(list, p + "layer_norm1", vh);
            Linear(list, p + "mlp.fc1", vi, vh, bias: true);
            Linear(list, p + "mlp.fc2", vh, vi, bias: true);
            Norm(list, p + "layer_norm2", vh);
        }
        Norm(list, Vision + "post_layernorm", vh);

        var t = config.TextConfig;
        long h = t.HiddenSize, q = (long)t.NumAttentionHeads * t.HeadDim, kv = (long)t.NumKeyValueHeads * t.HeadDim;
        Linear(list, Projector + "linear_1", h, vh * config.VisionFeatureLayers.Count, config.MultimodalProjectorBias);
        Linear(list, Projector + "linear_2", h, h, config.MultimodalProjectorBias);

        list.Add((Text + "embed_tokens.weight", [t.VocabSize, h]));
        for (var i = 0; i < t.NumHiddenLayers; i++)
        {
            var p = $"{Text}layers.{i}.";
            Linear(list, p + "self_attn.q_proj", q, h, t.AttentionBias);
            Linear(list, p + "self_attn.k_proj", kv, h, t.AttentionBias);
            Linear(list, p + "self_attn.v_proj", kv, h, t.AttentionBias);
            Linear(list, p + "self_attn.o_proj", h, q, t.AttentionBias);
            Linear(list, p + "mlp.gate_proj", t.IntermediateSize, h, t.MlpBias);
            Linear(list, p + "mlp.up_proj", t.IntermediateSize, h, t.MlpBias);
            Linear(list, p + "mlp.down_proj", h, t.IntermediateSize, t.MlpBias);
            list.Add((p + "input_layernorm.weight", [h]));
            list.Add((p + "post_attention_layernorm.weight", [h]));
        }
        list.Add((Text + "norm.weight", [h]));
        if (!t.TieWordEmbeddings)
            list.Add((LmHead, [t.VocabSize, h]));
        if (config.IsNext)
            list.Add((ImageNewline, [h]));
        return list;
    }

    /// <summary>A transformers ≥ 4.52 name in the classic llava-hf naming; other names unchanged.</summary>
    public static string ToClassicName(string name) => name switch
    {
        _ when name.StartsWith("model.language_model.", StringComparison.Ordinal) => Text + name["model.language_model.".Length..],
        _ when name.StartsWith("model.vision_tower.", StringComparison.Ordinal) => name["model.".Length..],
        _ when name.StartsWith("model.multi_modal_projector.", StringComparison.Ordinal) => name["model.".Length..],
        "lm_head.weight" => LmHead,
        "model." + ImageNewline => ImageNewline,
        _ => name,
    };

    /// <summary>CLIP's <c>position_ids</c> buffer, saved by older transformers; not a parameter.</summary>
    public static bool IsSavedBuffer(string name) => name.EndsWith("embeddings.position_ids", StringComparison.Ordinal);

    /// <summary>Names the config expects that the checkpoint lacks, and checkpoint tensors the config does not
    /// expect (saved buffers aside), each with a shape mismatch counted as both.</summary>
    public static (IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected) Compare(
        LlavaConfig config, IEnumerable<SafetensorsTensorInfo> tensors)
    {
        var expected = Expected(config).ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        foreach (var t in tensors)
        {
            var name = ToClassicName(t.Name);
            if (IsSavedBuffer(name))
                continue;
            if (expected.TryGetValue(name, out var shape) && shape.SequenceEqual(t.Shape))
                seen.Add(name);
            else
                unexpected.Add(t.Name);
        }
        return (expected.Keys.Where(n => !seen.Contains(n)).ToList(), unexpected);
    }

    private static void Linear(List<(string, long[])> list, string prefix, long outFeatures, long inFeatures, bool bias)
    {
        list.Add((prefix + ".weight", [outFeatures, inFeatures]));
        if (bias)
            list.Add((prefix + ".bias", [outFeatures]));
    }

    private static void Norm(List<(string, long[])> list, string prefix, long size)
    {
        list.Add((prefix + ".weight", [size]));
        list.Add((prefix + ".bias", [size]));
    }
}
