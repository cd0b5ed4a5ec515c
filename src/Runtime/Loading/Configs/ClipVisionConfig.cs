namespace Sieve.Runtime.Loading.Configs;

/// <summary>
/// A CLIP vision tower's hyper-parameters, with transformers' <c>CLIPVisionConfig</c> defaults for absent keys.
/// (LLaVA's own default when the whole <c>vision_config</c> is absent is CLIP ViT-L/14-336: <see cref="ViTLarge336"/>.)
/// </summary>
public sealed record ClipVisionConfig
{
    public string ModelType { get; init; } = "clip_vision_model";
    public int HiddenSize { get; init; } = 768;
    public int IntermediateSize { get; init; } = 3072;
    public int NumHiddenLayers { get; init; } = 12;
    public int NumAttentionHeads { get; init; } = 12;
    public int NumChannels { get; init; } = 3;
    public int ImageSize { get; init; } = 224;
    public int PatchSize { get; init; } = 32;
    public string HiddenAct { get; init; } = "quick_gelu";
    public double LayerNormEps { get; init; } = 1e-5;
    public int ProjectionDim { get; init; } = 512;

    /// <summary>openai/clip-vit-large-patch14-336, the tower of LLaVA-1.5.</summary>
    public static ClipVisionConfig ViTLarge336 { get; } = new()
    {
        HiddenSize = 1024, IntermediateSize = 4096, NumHiddenLayers = 24, NumAttentionHeads = 16,
        ImageSize = 336, PatchSize = 14, ProjectionDim = 768,
    };

    /// <summary>openai/clip-vit-large-patch14 (224 px), the tower of LLaVA-1.0.</summary>
    public static ClipVisionConfig ViTLarge224 { get; } = ViTLarge336 with { ImageSize = 224 };

    public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Patch tokens per image (576 for ViT-L/14-336); the sequence adds one class token.</summary>
    public int NumPatches => PatchesPerSide * PatchesPerSide;

    public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Parameters of the vision transformer (no projection head: LLaVA does not use it).</summary>
    public long ParameterCount
    {
        get
        {
            long h = HiddenSize;
            var embeddings = h + (long)NumChannels * PatchSize * PatchSize * h + (NumPatches + 1L) * h;
            var layer = 4 * (h * h + h) + 2 * h * IntermediateSize + IntermediateSize + h + 4 * h;
            return embeddings + 2 * h /* pre_layrnorm */ + NumHiddenLayers * layer + 2 * h /* post_layernorm */;
        }
    }

    internal static ClipVisionConfig Read(ConfigJson json)
    {
        var modelType = json.String("model_type", "clip_vision_model");
        if (modelType != "clip_vision_model")
            throw json.Error("model_type", $"is '{modelType}'; this runtime runs CLIP vision towers ('clip_vision_model') only");
        var config = new ClipVisionConfig
        {
            ModelType = modelType,
            HiddenSize = json.Int("hidden_size", 768),
            IntermediateSize = json.Int("intermediate_size", 3072),
            NumHiddenLayers = json.Int("num_hidden_layers", 12),
            NumAttentionHeads = json.Int("num_attention_heads", 12),
            NumChannels = json.Int("num_channels", 3),
            ImageSize = json.Int("image_size", 224),
            PatchSize = json.Int("patch_size", 32),
            HiddenAct = json.String("hidden_act", "quick_gelu"),
            LayerNormEps = json.Double("layer_norm_eps", 1e-5),
            ProjectionDim = json.Int("projection_dim", 512),
        };
        if (config.HiddenSize <= 0 || config.NumAttentionHeads <= 0 || config.HiddenSize % config.NumAttentionHeads != 0)
            throw json.Error("hidden_size", $"{config.HiddenSize} must be a positive multiple of num_attention_heads {config.NumAttentionHeads}");
        if (config.PatchSize <= 0 || config.ImageSize % config.PatchSize != 0)
            throw json.Error("image_size", $"{config.ImageSize} must be a multiple of patch_size {config.PatchSize}");
        return config;
    }
}
