using Sieve.Runtime.Loading.Configs;

namespace Sieve.Bench;

/// <summary>
/// LLaVA-1.5's shape (ViT/14 at 336 px → 576 patches, 2-layer GELU projector, Llama decoder with a 32064-token
/// vocabulary) scaled down in width and depth so that a turn takes seconds on two cores: what the runtime benchmarks
/// measure. Linked into each bench project that needs it.
/// </summary>
internal static class ScaledLlava
{
    public static LlavaConfig Config(int imageTokenIndex = 32000) => new()
    {
        VisionConfig = new ClipVisionConfig
        {
            HiddenSize = 512, IntermediateSize = 2048, NumHiddenLayers = 8, NumAttentionHeads = 8, ImageSize = 336, PatchSize = 14,
        },
        TextConfig = new LlamaConfig
        {
            VocabSize = 32064, HiddenSize = 1024, IntermediateSize = 2816, NumHiddenLayers = 8, NumAttentionHeads = 16,
            NumKeyValueHeads = 16, HeadDim = 64, RmsNormEps = 1e-5, MaxPositionEmbeddings = 4096,
        },
        ImageTokenIndex = imageTokenIndex,
    };

    public static string Describe(LlavaConfig config) =>
        $"CLIP {config.VisionConfig.NumHiddenLayers}×{config.VisionConfig.HiddenSize} at {config.VisionConfig.ImageSize} px " +
        $"({(config.VisionConfig.ImageSize / config.VisionConfig.PatchSize) * (config.VisionConfig.ImageSize / config.VisionConfig.PatchSize)} patches), " +
        $"Llama {config.TextConfig.NumHiddenLayers}×{config.TextConfig.HiddenSize} (ffn {config.TextConfig.IntermediateSize}, vocab {config.TextConfig.VocabSize})";
}
