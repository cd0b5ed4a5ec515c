using Sieve.Runtime.Loading;
using Sieve.Runtime.Loading.Configs;

namespace Sieve.Runtime.Tests.Loading;

public sealed class ConfigTests : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // llava-hf/llava-1.5-7b-hf's config.json: the nested configs hold only what differs from transformers' defaults.
    private const string Llava15 = """
        {
          "architectures": ["LlavaForConditionalGeneration"],
          "ignore_index": -100,
          "image_token_index": 32000,
          "model_type": "llava",
          "pad_token_id": 32001,
          "projector_hidden_act": "gelu",
          "text_config": {
            "_name_or_path": "lmsys/vicuna-7b-v1.5",
            "architectures": ["LlamaForCausalLM"],
            "max_position_embeddings": 4096,
            "model_type": "llama",
            "rms_norm_eps": 1e-05,
            "torch_dtype": "float16",
            "vocab_size": 32064
          },
          "tie_word_embeddings": false,
          "torch_dtype": "float16",
          "transformers_version": "4.36.0.dev0",
          "vision_config": {
            "hidden_size": 1024,
            "image_size": 336,
            "intermediate_size": 4096,
            "model_type": "clip_vision_model",
            "num_attention_heads": 16,
            "num_hidden_layers": 24,
            "patch_size": 14,
            "projection_dim": 768,
            "vocab_size": 32000
          },
          "vision_feature_layer": -2,
          "vision_feature_select_strategy": "default"
        }
        """;

    private LlavaConfig Load(string json)
    {
        File.WriteAllText(_dir.File("config.json"), json);
        return LlavaConfig.Load(_dir.Path);
    }

    [Fact]
    public void LLaVA_1_5_7B_gets_transformers_defaults_and_its_published_parameter_count()
    {
        var c = Load(Llava15);

        Assert.Equal(LlavaLayout.HuggingFace, c.Layout);
        Assert.Equal(32000, c.ImageTokenIndex);
        Assert.Equal([-2], c.VisionFeatureLayers);
        Assert.Equal("default", c.VisionFeatureSelectStrategy);
        Assert.Equal(32001, c.PadTokenId);
        var t = c.TextConfig;
        Assert.Equal((4096, 11008, 32, 32, 32, 128), (t.HiddenSize, t.IntermediateSize, t.NumHiddenLayers, t.NumAttentionHeads, t.NumKeyValueHeads, t.HeadDim));
        Assert.Equal((32064, 4096, 1e-5, 10000.0), (t.VocabSize, t.MaxPositionEmbeddings, t.RmsNormEps, t.RopeTheta));
        Assert.Equal((1, 2), (t.BosTokenId, t.EosTokenIds.Single()));
        Assert.False(t.TieWordEmbeddings);
        var v = c.VisionConfig;
        Assert.Equal((1024, 4096, 24, 16, 336, 14, "quick_gelu", 1e-5), (v.HiddenSize, v.IntermediateSize, v.NumHiddenLayers, v.NumAttentionHeads, v.ImageSize, v.PatchSize, v.HiddenAct, v.LayerNormEps));
        Assert.Equal(576, v.NumPatches);
        // sum(p.numel() for p in LlavaForConditionalGeneration.parameters()) for llava-1.5-7b-hf is 7,063,427,072.
        Assert.Equal(7_063_427_072L, c.ParameterCount);
    }

    [Fact]
    public void Absent_nested_configs_are_transformers_llama_and_clip_vit_l_336()
    {
        var c = Load("""{"model_type": "llava"}""");
        Assert.Equal(new LlamaConfig() with { EosTokenIds = c.TextConfig.EosTokenIds }, c.TextConfig);
        Assert.Equal([2], c.TextConfig.EosTokenIds);
        Assert.Equal(6_738_415_616L, c.TextConfig.ParameterCount); // Llama-2-7B
        Assert.Equal(ClipVisionConfig.ViTLarge336, c.VisionConfig);
    }

    [Fact]
    public void A_vision_config_dict_falls_back_to_CLIPVisionConfig_defaults_not_LLaVAs()
    {
        var c = Load("""{"model_type": "llava", "vision_config": {"hidden_size": 64, "num_attention_heads": 4}}""");
        Assert.Equal((64, 3072, 12, 224, 32), (c.VisionConfig.HiddenSize, c.VisionConfig.IntermediateSize, c.VisionConfig.NumHiddenLayers, c.VisionConfig.ImageSize, c.VisionConfig.PatchSize));
    }

    [Fact]
    public void Grouped_query_attention_rope_theta_and_multi_layer_features_are_read()
    {
        var c = Load("""
            {"model_type": "llava", "vision_feature_layer": [-2, -5], "vision_feature_select_strategy": "full",
             "text_config": {"hidden_size": 64, "num_attention_heads": 8, "num_key_value_heads": 2, "rope_theta": 500000.0,
                             "eos_token_id": [2, 7], "tie_word_embeddings": true}}
            """);
        Assert.Equal([-2, -5], c.VisionFeatureLayers);
        Assert.Equal("full", c.VisionFeatureSelectStrategy);
        Assert.Equal((2, 8, 500000.0), (c.TextConfig.NumKeyValueHeads, c.TextConfig.HeadDim, c.TextConfig.RopeTheta));
        Assert.Equal([2, 7], c.TextConfig.EosTokenIds);
        Assert.True(c.TextConfig.TieWordEmbeddings);
    }

    [Fact]
    public void The_original_LLaVA_layout_is_read_from_its_mm_keys()
    {
        var c = Load("""
            {"architectures": ["LlavaLlamaForCausalLM"], "model_type": "llava", "hidden_size": 4096, "vocab_size": 32000,
             "mm_vision_tower": "openai/clip-vit-large-patch14-336", "mm_hidden_size": 1024, "mm_projector_type": "mlp2x_gelu",
             "mm_vision_select_layer": -2, "mm_vision_select_feature": "patch", "image_aspect_ratio": "pad",
             "max_position_embeddings": 4096, "rms_norm_eps": 1e-05}
            """);
        Assert.Equal(LlavaLayout.Original, c.Layout);
        Assert.Equal(LlavaConfig.OriginalImageTokenIndex, c.ImageTokenIndex);
        Assert.Equal(ClipVisionConfig.ViTLarge336, c.VisionConfig);
        Assert.Equal(("gelu", "default", "pad"), (c.ProjectorHiddenAct, c.VisionFeatureSelectStrategy, c.ImageAspectRatio));
        Assert.Equal((32000, 1e-5), (c.TextConfig.VocabSize, c.TextConfig.RmsNormEps));
    }

    [Theory]
    [InlineData("""{"model_type": "llava", "text_config": {"hidden_size": "big"}}""", "'text_config.hidden_size' must be an integer")]
    [InlineData("""{"model_type": "llava", "text_config": {"model_type": "mistral"}}""", "'text_config.model_type' is 'mistral'")]
    [InlineData("""{"model_type": "llava", "vision_config": {"model_type": "siglip_vision_model"}}""", "'vision_config.model_type' is 'siglip_vision_model'")]
    [InlineData("""{"model_type": "llava", "text_config": {"num_attention_heads": 32, "num_key_value_heads": 5}}""", "'text_config.num_key_value_heads' 5 must divide")]
    [InlineData("""{"model_type": "bert"}""", "'model_type' is 'bert'; expected 'llava'")]
    [InlineData("""{"model_type": "llava", "vision_feature_select_strategy": "cls"}""", "'vision_feature_select_strategy' is 'cls'")]
    [InlineData("""{"model_type": "llava",""", "not valid JSON")]
    public void Bad_configs_name_the_file_and_key(string json, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => Load(json));
        Assert.Equal(_dir.File("config.json"), e.File);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Generation_config_overrides_the_model_and_falls_back_to_it()
    {
        var model = Load(Llava15);
        var none = GenerationConfig.Load(_dir.Path, model);
        Assert.Equal((1, 32001, false, 20), (none.BosTokenId, none.PadTokenId, none.DoSample, none.MaxLength));
        Assert.Equal([2], none.EosTokenIds);

        File.WriteAllText(_dir.File("generation_config.json"),
            """{"bos_token_id": 1, "eos_token_id": [2, 32002], "do_sample": true, "temperature": 0.2, "top_p": 0.9, "max_new_tokens": 64}""");
        var g = GenerationConfig.Load(_dir.Path, model);
        Assert.Equal([2, 32002], g.EosTokenIds);
        Assert.Equal((true, 0.2, 0.9, 64, 50), (g.DoSample, g.Temperature, g.TopP, g.MaxNewTokens, g.TopK));
    }

    [Fact]
    public void Preprocessor_config_of_llava_1_5_and_old_integer_sizes()
    {
        File.WriteAllText(_dir.File("preprocessor_config.json"), """
            {"crop_size": {"height": 336, "width": 336}, "do_center_crop": true, "do_convert_rgb": true, "do_normalize": true,
             "do_rescale": true, "do_resize": true, "image_mean": [0.48145466, 0.4578275, 0.40821073],
             "image_processor_type": "CLIPImageProcessor", "image_std": [0.26862954, 0.26130258, 0.27577711],
             "processor_class": "LlavaProcessor", "resample": 3, "rescale_factor": 0.00392156862745098,
             "size": {"shortest_edge": 336}}
            """);
        var p = PreprocessorConfig.Load(_dir.Path);
        Assert.Equal((336, 336, 336, 3, false), (p.ShortestEdge, p.CropHeight, p.CropWidth, p.Resample, p.DoPad));
        Assert.Equal(1 / 255.0, p.RescaleFactor, 12);

        File.WriteAllText(_dir.File("preprocessor_config.json"), """{"size": 224, "crop_size": 224, "do_pad": true}""");
        var old = PreprocessorConfig.Load(_dir.Path);
        Assert.Equal((224, 224, 224, true), (old.ShortestEdge, old.CropHeight, old.CropWidth, old.DoPad));
        Assert.Equal(PreprocessorConfig.OpenAiClipMean, old.ImageMean);
    }

    [Fact]
    public void A_model_folder_reads_its_configs_and_opens_its_weights()
    {
        File.WriteAllText(_dir.File("config.json"), Llava15);
        TorchRuntime.EnsureLoadable();
        using (var w = TorchSharp.torch.ones(2))
            SafetensorsWriter.Write(_dir.File("model.safetensors"), [new("x", w)]);

        var folder = LlavaModelFolder.Open(_dir.Path);

        Assert.Equal(32064, folder.Config.TextConfig.VocabSize);
        Assert.Equal((336, 336, false), (folder.Preprocessor.ShortestEdge, folder.Preprocessor.CropHeight, folder.Preprocessor.DoPad));
        Assert.Null(folder.TokenizerModel);
        using var weights = folder.OpenWeights();
        Assert.Equal("x", Assert.Single(weights.Tensors).Name);
    }
}
