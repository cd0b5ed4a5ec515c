namespace Sieve.Runtime.Loading.Configs;

/// <summary>Which family of checkpoint a LLaVA <c>config.json</c> comes from.</summary>
public enum LlavaLayout
{
    /// <summary>transformers' <c>LlavaForConditionalGeneration</c> (llava-hf/*): nested text and vision configs.</summary>
    HuggingFace,

    /// <summary>
    /// The original LLaVA repository (liuhaotian/*, <c>LlavaLlamaForCausalLM</c>): a flat Llama config with
    /// <c>mm_*</c> keys; the CLIP tower is not in the checkpoint but named by <c>mm_vision_tower</c>.
    /// </summary>
    Original,
}

/// <summary>
/// A LLaVA model's <c>config.json</c> with transformers' defaults applied at every level: <c>LlavaConfig</c>'s own,
/// then <c>LlamaConfig</c>'s under <c>text_config</c> and <c>CLIPVisionConfig</c>'s under <c>vision_config</c>.
/// </summary>
public sealed record LlavaConfig
{
    public const string FileName = "config.json";

    /// <summary>The image placeholder id used by the original LLaVA code, which adds no token to the vocabulary.</summary>
    public const int OriginalImageTokenIndex = -200;

    public LlavaLayout Layout { get; init; } = LlavaLayout.HuggingFace;

    /// <summary><c>llava</c> or <c>llava_next</c> (LLaVA-NeXT, AnyRes).</summary>
    public string ModelType { get; init; } = "llava";

    /// <summary>LLaVA-NeXT (<c>llava_next</c>): AnyRes tiles, <c>image_newline</c>, <see cref="ImageGridPinpoints"/>.</summary>
    public bool IsNext => ModelType == "llava_next";

    /// <summary>transformers' <c>LlavaNextConfig</c> default when <c>image_grid_pinpoints</c> is absent.</summary>
    public static readonly IReadOnlyList<(int Height, int Width)> DefaultNextPinpoints =
        [(336, 672), (672, 336), (672, 672), (1008, 336), (336, 1008)];

    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>The id in <c>input_ids</c> that marks where image features go.</summary>
    public int ImageTokenIndex { get; init; } = 32000;

    /// <summary>The projector's activation between its two linear layers.</summary>
    public string ProjectorHiddenAct { get; init; } = "gelu";

    public bool MultimodalProjectorBias { get; init; } = true;

    /// <summary>Hidden-state indices of the vision tower to use (one for LLaVA-1.5: -2; several are concatenated).</summary>
    public IReadOnlyList<int> VisionFeatureLayers { get; init; } = [-2];

    /// <summary><c>default</c> drops the class token; <c>full</c> keeps it.</summary>
    public string VisionFeatureSelectStrategy { get; init; } = "default";

    /// <summary>Image tokens per image as the processor expands them (576 for ViT-L/14-336).</summary>
    public int ImageSeqLength { get; init; } = 576;

    /// <summary>Original layout's <c>image_aspect_ratio</c> (<c>pad</c> = pad to square with the mean colour).</summary>
    public string? ImageAspectRatio { get; init; }

    /// <summary>LLaVA-NeXT's AnyRes grid resolutions (height, width); empty for LLaVA-1.5.</summary>
    public IReadOnlyList<(int Height, int Width)> ImageGridPinpoints { get; init; } = [];

    /// <summary>The top-level <c>pad_token_id</c> (llava-hf sets it to the added <c>&lt;pad&gt;</c>).</summary>
    public int? PadTokenId { get; init; }

    /// <summary>The checkpoint's own <c>torch_dtype</c>/<c>dtype</c>, for information.</summary>
    public string? TorchDType { get; init; }

    public required LlamaConfig TextConfig { get; init; }
    public required ClipVisionConfig VisionConfig { get; init; }

    /// <summary>Parameters of tower, projector and decoder together.</summary>
    public long ParameterCount =>
        VisionConfig.ParameterCount + ProjectorParameterCount + TextConfig.ParameterCount + (IsNext ? TextConfig.HiddenSize : 0);

    public long ProjectorParameterCount
    {
        get
        {
            long input = (long)VisionConfig.HiddenSize * VisionFeatureLayers.Count, h = TextConfig.HiddenSize;
            return input * h + h * h + (MultimodalProjectorBias ? 2 * h : 0);
        }
    }

    /// <summary>Reads <c>config.json</c> in a model folder (or the file itself).</summary>
    /// <exception cref="CheckpointException">Missing file, invalid JSON, wrong key types, unsupported architecture.</exception>
    public static LlavaConfig Load(string folderOrFile)
    {
        var file = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, FileName) : folderOrFile;
        return Read(ConfigJson.Load(Path.GetFullPath(file)));
    }

    internal static LlavaConfig Read(ConfigJson json)
    {
        var modelType = json.StringOrNull("model_type");
        if (json.Has("mm_vision_tower") || json.Has("mm_hidden_size"))
            return ReadOriginal(json);
        if (modelType is not ("llava" or "llava_next"))
            throw json.Error("model_type", modelType is null
                ? "is missing; expected 'llava' (a LLaVA checkpoint's config.json)"
                : $"is '{modelType}'; expected 'llava' or 'llava_next'");

        var strategy = json.String("vision_feature_select_strategy", "default");
        if (strategy is not ("default" or "full"))
            throw json.Error("vision_feature_select_strategy", $"is '{strategy}'; expected 'default' or 'full'");
        var layers = json.IntList("vision_feature_layer", [-2]);
        if (layers.Count == 0)
            throw json.Error("vision_feature_layer", "lists no layer");
        var text = json.Object("text_config");
        var vision = json.Object("vision_config");
        var pinpoints = json.PairList("image_grid_pinpoints");
        if (modelType == "llava_next" && pinpoints.Count == 0)
            pinpoints = DefaultNextPinpoints;
        if (pinpoints.Any(p => p.Item1 <= 0 || p.Item2 <= 0))
            throw json.Error("image_grid_pinpoints", "must hold positive [height, width] pairs");
        return new LlavaConfig
        {
            Layout = LlavaLayout.HuggingFace,
            ModelType = modelType,
            Architectures = json.StringList("architectures"),
            ImageTokenIndex = json.IntOrNull("image_token_index") ?? json.Int("image_token_id", 32000),
            ProjectorHiddenAct = json.String("projector_hidden_act", "gelu"),
            MultimodalProjectorBias = json.Bool("multimodal_projector_bias", true),
            VisionFeatureLayers = layers,
            VisionFeatureSelectStrategy = strategy,
            ImageSeqLength = json.Int("image_seq_length", 576),
            ImageGridPinpoints = pinpoints,
            PadTokenId = json.IntOrNull("pad_token_id"),
            TorchDType = json.StringOrNull("torch_dtype") ?? json.StringOrNull("dtype"),
            // transformers: an absent text_config is LlamaConfig(); an absent vision_config is CLIP ViT-L/14-336.
            TextConfig = text is null ? new LlamaConfig() : LlamaConfig.Read(text),
            VisionConfig = vision is null ? ClipVisionConfig.ViTLarge336 : ClipVisionConfig.Read(vision),
        };
    }

    private static LlavaConfig ReadOriginal(ConfigJson json)
    {
        var tower = json.String("mm_vision_tower", "");
        var vision = tower switch
        {
            _ when tower.EndsWith("clip-vit-large-patch14-336", StringComparison.Ordinal) => ClipVisionConfig.ViTLarge336,
            _ when tower.EndsWith("clip-vit-large-patch14", StringComparison.Ordinal) => ClipVisionConfig.ViTLarge224,
            _ => throw json.Error("mm_vision_tower",
                $"is '{tower}'; known towers are openai/clip-vit-large-patch14-336 and openai/clip-vit-large-patch14"),
        };
        var projector = json.String("mm_projector_type", "linear");
        var feature = json.String("mm_vision_select_feature", "patch");
        // The flat config is the Llama config; its model_type names the LLaVA wrapper.
        var text = LlamaConfig.Read(json.With("model_type", "llama"));
        return new LlavaConfig
        {
            Layout = LlavaLayout.Original,
            ModelType = json.String("model_type", "llava"),
            Architectures = json.StringList("architectures"),
            ImageTokenIndex = OriginalImageTokenIndex,
            ProjectorHiddenAct = projector switch
            {
                "mlp2x_gelu" => "gelu",
                _ => throw json.Error("mm_projector_type", $"is '{projector}'; this runtime supports 'mlp2x_gelu' (LLaVA-1.5)"),
            },
            VisionFeatureLayers = [json.Int("mm_vision_select_layer", -2)],
            VisionFeatureSelectStrategy = feature switch
            {
                "patch" => "default",
                "cls_patch" => "full",
                _ => throw json.Error("mm_vision_select_feature", $"is '{feature}'; expected 'patch' or 'cls_patch'"),
            },
            ImageSeqLength = vision.NumPatches,
            ImageAspectRatio = json.StringOrNull("image_aspect_ratio"),
            PadTokenId = json.IntOrNull("pad_token_id"),
            TorchDType = json.StringOrNull("torch_dtype"),
            TextConfig = text,
            VisionConfig = vision,
        };
    }
}
