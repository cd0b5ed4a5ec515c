using System.Globalization;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>Which tensor names a checkpoint uses (see <see cref="LlavaCheckpointLayout"/>).</summary>
public enum TensorLayout
{
    /// <summary>transformers &lt; 4.52: <c>language_model.model.…</c>, <c>vision_tower.…</c>.</summary>
    Classic,

    /// <summary>transformers ≥ 4.52: <c>model.language_model.…</c>, <c>model.vision_tower.…</c>, <c>lm_head.…</c>.</summary>
    Transformers452,
}

/// <summary>
/// Writes the <see cref="TinyLlava"/> model as a HuggingFace folder: config.json in HF's form (nested configs listing
/// only what differs from transformers' defaults) and safetensors in the chosen layout, dtype and sharding.
/// </summary>
public static class TinyCheckpoint
{
    /// <param name="vocabSize">Text vocabulary (128; a model that goes with the tiny tokenizer needs 402 or more).</param>
    /// <param name="imageToken">The image token id (100; the tiny tokenizer's &lt;image&gt; is 400).</param>
    /// <param name="edit">Changes the random weights before they are written (e.g. a model scripted to emit given tokens).</param>
    public static void Write(string folder, TensorLayout layout = TensorLayout.Classic, ScalarType diskType = ScalarType.Float32,
        bool tied = false, int kvHeads = 2, long? shardBytes = null, long seed = 7,
        int vocabSize = 128, long imageToken = TinyLlava.ImageToken, int maxPositions = 256, Action<LlavaModel>? edit = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), ConfigJson(layout, tied, kvHeads, vocabSize, imageToken, maxPositions));
        using var model = TinyLlava.Create(TinyLlava.Config(tied, kvHeads, vocabSize, imageToken), seed: seed);
        edit?.Invoke(model);
        using var scope = NewDisposeScope();
        var tensors = model.named_parameters()
            .Select(p => new KeyValuePair<string, Tensor>(layout == TensorLayout.Classic ? p.name : ToTransformers452(p.name),
                p.parameter.to_type(diskType)))
            .ToList();
        // Older transformers saved CLIP's position_ids buffer; the loader must tolerate it.
        if (layout == TensorLayout.Classic)
            tensors.Add(new("vision_tower.vision_model.embeddings.position_ids", arange(17L).unsqueeze(0)));
        if (shardBytes is { } max)
            SafetensorsWriter.WriteSharded(folder, tensors, max);
        else
            SafetensorsWriter.Write(Path.Combine(folder, SafetensorsWriter.SingleFileName), tensors);
    }

    internal static string ToTransformers452(string classic) => classic switch
    {
        _ when classic.StartsWith("language_model.model.", StringComparison.Ordinal) => "model.language_model." + classic["language_model.model.".Length..],
        _ when classic.StartsWith("language_model.lm_head.", StringComparison.Ordinal) => classic["language_model.".Length..],
        _ => "model." + classic,
    };

    /// <summary>The config HF would write for <see cref="TinyLlava.Config"/>.</summary>
    public static string ConfigJson(TensorLayout layout, bool tied, int kvHeads, int vocabSize = 128, long imageToken = TinyLlava.ImageToken, int maxPositions = 256) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "architectures": ["LlavaForConditionalGeneration"],
          "model_type": "llava",
          "{{(layout == TensorLayout.Classic ? "image_token_index" : "image_token_id")}}": {{imageToken}},
          "projector_hidden_act": "gelu",
          "vision_feature_layer": -2,
          "vision_feature_select_strategy": "default",
          "torch_dtype": "float32",
          "vision_config": {
            "model_type": "clip_vision_model",
            "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 3, "num_attention_heads": 4,
            "image_size": 56, "patch_size": 14, "projection_dim": 16
          },
          "text_config": {
            "model_type": "llama",
            "vocab_size": {{vocabSize}}, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 3,
            "num_attention_heads": 4, "num_key_value_heads": {{kvHeads}}, "rms_norm_eps": 1e-05,
            "max_position_embeddings": {{maxPositions}}, "tie_word_embeddings": {{(tied ? "true" : "false")}}
          }
        }
        """);
}
