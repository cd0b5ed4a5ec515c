using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>
/// Tiny LLaVA-1.5-shaped models with random but well-scaled weights: linear weights ~ N(0, 1/fan_in) so activations
/// neither vanish nor explode, norm weights near 1, small biases. Deterministic for a seed on every machine
/// (managed random numbers, not libtorch's), so checked-in reference outputs stay valid.
/// </summary>
public static class TinyLlava
{
    public const long ImageToken = 100;

    public static LlavaConfig Config(bool tied = false, int kvHeads = 2, int vocabSize = 128, long imageToken = ImageToken) => new()
    {
        VisionConfig = new ClipVisionConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 3, NumAttentionHeads = 4,
            ImageSize = 56, PatchSize = 14,
        },
        TextConfig = new LlamaConfig
        {
            VocabSize = vocabSize, HiddenSize = 64, IntermediateSize = 128, NumHiddenLayers = 3, NumAttentionHeads = 4,
            NumKeyValueHeads = kvHeads, HeadDim = 16, RmsNormEps = 1e-5, RopeTheta = 10000, TieWordEmbeddings = tied,
        },
        ImageTokenIndex = (int)imageToken,
    };

    /// <summary>16 patches per 56×56 image (4×4 of 14 px), CLS dropped.</summary>
    public const int FeaturesPerImage = 16;

    public static LlavaModel Create(LlavaConfig? config = null, ScalarType dtype = ScalarType.Float32, long seed = 7)
    {
        TorchRuntime.EnsureLoadable();
        var model = new LlavaModel(config ?? Config(), dtype, CPU);
        Randomize(model, seed);
        return model;
    }

    public static void Randomize(nn.Module model, long seed)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var random = new SplitMix64((ulong)seed);
        foreach (var (name, p) in model.named_parameters())
        {
            var noise = tensor(random.Normals(p.NumberOfElements)).reshape(p.shape);
            Tensor value = name switch
            {
                _ when name.EndsWith("bias", StringComparison.Ordinal) => noise * 0.1,
                _ when p.dim() == 1 && IsNorm(name) => 1 + noise * 0.1,
                _ when name.EndsWith("embed_tokens.weight", StringComparison.Ordinal) => noise * 0.3,
                // Projections that write into the residual stream get 3× the scale, so each layer moves it enough
                // that greedy decoding does not settle on repeating one token (the parity tests compare sequences).
                _ when name.Contains("o_proj", StringComparison.Ordinal) || name.Contains("down_proj", StringComparison.Ordinal)
                    => noise * 3 / Math.Sqrt(p.shape[^1]),
                _ when name.Contains("class_embedding", StringComparison.Ordinal) || name.Contains("position_embedding", StringComparison.Ordinal) => noise * 0.5,
                _ when p.dim() == 4 => noise / Math.Sqrt(p.shape[1] * p.shape[2] * p.shape[3]),
                _ => noise / Math.Sqrt(p.shape[^1]),
            };
            p.copy_(value);
        }
    }

    private static bool IsNorm(string name) =>
        name.Contains("norm", StringComparison.Ordinal) || name.Contains("layrnorm", StringComparison.Ordinal);

    /// <summary>Random pixel values [images, 3, 56, 56], roughly CLIP-normalised.</summary>
    public static Tensor Pixels(int images, long seed = 11) =>
        tensor(new SplitMix64((ulong)seed).Normals(images * 3L * 56 * 56)).reshape(images, 3, 56, 56);
}
