using System.Globalization;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>
/// A tiny LLaVA-NeXT folder: <see cref="TinyLlava"/>'s tower and decoder (56 px tiles of 4×4 patches), the tiny
/// pinpoints of scripts/runtime/gen_anyres_reference.py, and the top-level image_newline, in either tensor layout.
/// </summary>
public static class TinyNextCheckpoint
{
    public static LlavaConfig Config(int vocabSize = 128, long imageToken = TinyLlava.ImageToken) =>
        TinyLlava.Config(vocabSize: vocabSize, imageToken: imageToken) with
    {
        ModelType = "llava_next",
        ImageGridPinpoints = [(56, 112), (112, 56), (112, 112), (168, 56), (56, 168)],
    };

    public static LlavaModel Create(long seed = 7, int vocabSize = 128, long imageToken = TinyLlava.ImageToken) =>
        TinyLlava.Create(Config(vocabSize, imageToken), seed: seed);

    public static void Write(string folder, TensorLayout layout = TensorLayout.Classic, long seed = 7,
        int vocabSize = 128, long imageToken = TinyLlava.ImageToken, int maxPositions = 512)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, LlavaConfig.FileName), ConfigJson(layout, vocabSize, imageToken, maxPositions));
        File.WriteAllText(Path.Combine(folder, PreprocessorConfig.FileName), """
            {"image_processor_type": "LlavaNextImageProcessor", "size": {"shortest_edge": 56},
             "crop_size": {"height": 56, "width": 56}, "do_pad": true,
             "image_grid_pinpoints": [[56, 112], [112, 56], [112, 112], [168, 56], [56, 168]]}
            """);
        using var model = Create(seed, vocabSize, imageToken);
        using var scope = NewDisposeScope();
        var tensors = model.named_parameters()
            .Select(p => new KeyValuePair<string, Tensor>(
                layout == TensorLayout.Classic ? p.name : TinyCheckpoint.ToTransformers452(p.name), p.parameter))
            .ToList();
        SafetensorsWriter.Write(Path.Combine(folder, SafetensorsWriter.SingleFileName), tensors);
    }

    public static string ConfigJson(TensorLayout layout, int vocabSize = 128, long imageToken = TinyLlava.ImageToken,
        int maxPositions = 512) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "architectures": ["LlavaNextForConditionalGeneration"],
          "model_type": "llava_next",
          "{{(layout == TensorLayout.Classic ? "image_token_index" : "image_token_id")}}": {{imageToken}},
          "image_grid_pinpoints": [[56, 112], [112, 56], [112, 112], [168, 56], [56, 168]],
          "vision_feature_layer": -2,
          "vision_feature_select_strategy": "default",
          "vision_config": {
            "model_type": "clip_vision_model", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 3,
            "num_attention_heads": 4, "image_size": 56, "patch_size": 14, "projection_dim": 16
          },
          "text_config": {
            "model_type": "llama", "vocab_size": {{vocabSize}}, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 3,
            "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-05, "max_position_embeddings": {{maxPositions}}
          }
        }
        """);
}
