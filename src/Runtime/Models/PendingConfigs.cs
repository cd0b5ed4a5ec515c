namespace Sieve.Runtime.Models;

// Temporary stand-ins until the loader's config types are merged (branch rtio); replaced then.
public sealed record PendingClipVisionConfig
{
    public int HiddenSize { get; init; } = 768;
    public int IntermediateSize { get; init; } = 3072;
    public int NumHiddenLayers { get; init; } = 12;
    public int NumAttentionHeads { get; init; } = 12;
    public int NumChannels { get; init; } = 3;
    public int ImageSize { get; init; } = 224;
    public int PatchSize { get; init; } = 32;
    public double LayerNormEps { get; init; } = 1e-5;
    public string HiddenAct { get; init; } = "quick_gelu";
}

public sealed record PendingLlamaConfig
{
    public int VocabSize { get; init; } = 32000;
    public int HiddenSize { get; init; } = 4096;
    public int IntermediateSize { get; init; } = 11008;
    public int NumHiddenLayers { get; init; } = 32;
    public int NumAttentionHeads { get; init; } = 32;
    public int? NumKeyValueHeads { get; init; }
    public int? HeadDim { get; init; }
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000;
    public bool TieWordEmbeddings { get; init; }
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    public string HiddenAct { get; init; } = "silu";
}

public sealed record PendingLlavaConfig
{
    public PendingClipVisionConfig VisionConfig { get; init; } = new();
    public PendingLlamaConfig TextConfig { get; init; } = new();
    public int ImageTokenIndex { get; init; } = 32000;
    public string ProjectorHiddenAct { get; init; } = "gelu";
    public IReadOnlyList<int> VisionFeatureLayers { get; init; } = [-2];
    public string VisionFeatureSelectStrategy { get; init; } = "default";
    public bool MultimodalProjectorBias { get; init; } = true;
}
