namespace Sieve.Runtime.Tests.Loading;

/// <summary>config.json texts of tiny LLaVA models in HF's form (nested configs as differences from defaults).</summary>
internal static class TinyLlavaConfigs
{
    public const string Tiny = """
        {
          "architectures": ["LlavaForConditionalGeneration"],
          "model_type": "llava",
          "image_token_index": 100,
          "pad_token_id": 101,
          "vision_feature_layer": -2,
          "text_config": {"model_type": "llama", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                          "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 102, "rms_norm_eps": 1e-05},
          "vision_config": {"model_type": "clip_vision_model", "hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 2,
                            "num_attention_heads": 2, "image_size": 28, "patch_size": 14, "projection_dim": 16}
        }
        """;
}
